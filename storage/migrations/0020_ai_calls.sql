-- 0020: calls to the optional language model (reading a message, transcribing a voice note).
-- One row per call, reserved before the call (outcome 'pending') so the per-person hourly
-- limit and the per-team daily budget hold even when several messages arrive at once, then
-- finished with its outcome, latency and the token counts the endpoint reported. No text is
-- kept: what was said stays in the interaction it produced, if any.
CREATE TABLE ai_calls (
    id                INTEGER PRIMARY KEY,
    person_id         INTEGER REFERENCES people(id) ON DELETE CASCADE,
    team_id           INTEGER REFERENCES teams(id) ON DELETE SET NULL,
    kind              TEXT NOT NULL,              -- read | transcribe
    model             TEXT NOT NULL,
    outcome           TEXT NOT NULL DEFAULT 'pending',
    latency_ms        INTEGER,
    prompt_tokens     INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    at                TEXT NOT NULL
);
CREATE INDEX ai_calls_person_at ON ai_calls(person_id, at);
CREATE INDEX ai_calls_team_at ON ai_calls(team_id, at);
