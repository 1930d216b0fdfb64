-- 0001: the whole initial schema. Every enumeration is a CHECK; every duplicate that would be
-- a bug (a chat identity, an inbound event, an interaction's source message) is UNIQUE.

CREATE TABLE teams (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    manager_id      INTEGER REFERENCES people(id) ON DELETE SET NULL,
    target_amount   REAL CHECK (target_amount IS NULL OR target_amount >= 0),
    target_currency TEXT NOT NULL DEFAULT 'BRL',
    created_at      TEXT NOT NULL
);

CREATE TABLE people (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
    name_folded  TEXT NOT NULL UNIQUE,
    role         TEXT NOT NULL CHECK (role IN ('rep', 'manager', 'admin')),
    team_id      INTEGER REFERENCES teams(id) ON DELETE SET NULL,
    timezone     TEXT NOT NULL,
    locale       TEXT NOT NULL CHECK (locale IN ('pt-BR', 'en')),
    email        TEXT,
    work_start   TEXT NOT NULL DEFAULT '09:00',
    work_end     TEXT NOT NULL DEFAULT '18:00',
    work_days    TEXT NOT NULL DEFAULT '1,2,3,4,5',
    quiet_start  TEXT,
    quiet_end    TEXT,
    notify_mode  TEXT NOT NULL DEFAULT 'each' CHECK (notify_mode IN ('each', 'batched')),
    notify_times TEXT,
    active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at   TEXT NOT NULL
);
CREATE INDEX people_team ON people(team_id, role);

CREATE TABLE identities (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    platform    TEXT NOT NULL CHECK (platform IN ('slack', 'telegram', 'console')),
    external_id TEXT NOT NULL,
    chat_id     TEXT,
    preferred   INTEGER NOT NULL DEFAULT 0 CHECK (preferred IN (0, 1)),
    created_at  TEXT NOT NULL,
    UNIQUE (platform, external_id)
);
CREATE INDEX identities_person ON identities(person_id);

CREATE TABLE link_codes (
    code                TEXT PRIMARY KEY,
    person_id           INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    created_at          TEXT NOT NULL,
    expires_at          TEXT NOT NULL,
    used_at             TEXT,
    used_by_identity_id INTEGER REFERENCES identities(id) ON DELETE SET NULL
);
CREATE INDEX link_codes_person ON link_codes(person_id);

CREATE TABLE link_failures (
    platform        TEXT NOT NULL,
    external_id     TEXT NOT NULL,
    failures        INTEGER NOT NULL DEFAULT 0,
    last_failure_at TEXT NOT NULL,
    PRIMARY KEY (platform, external_id)
);

CREATE TABLE stages (
    key         TEXT PRIMARY KEY CHECK (length(key) > 0),
    position    INTEGER NOT NULL UNIQUE,
    label_pt    TEXT NOT NULL,
    label_en    TEXT NOT NULL,
    probability REAL NOT NULL CHECK (probability >= 0 AND probability <= 1),
    idle_days   INTEGER CHECK (idle_days IS NULL OR idle_days > 0)
);

CREATE TABLE accounts (
    id           INTEGER PRIMARY KEY,
    name         TEXT NOT NULL CHECK (length(trim(name)) > 0),
    name_folded  TEXT NOT NULL,
    owner_id     INTEGER REFERENCES people(id) ON DELETE SET NULL,
    segment      TEXT,
    city         TEXT,
    state        TEXT,
    website      TEXT,
    latitude     REAL CHECK (latitude IS NULL OR latitude BETWEEN -90 AND 90),
    longitude    REAL CHECK (longitude IS NULL OR longitude BETWEEN -180 AND 180),
    idle_days    INTEGER CHECK (idle_days IS NULL OR idle_days > 0),
    external_ref TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX accounts_owner ON accounts(owner_id);
CREATE INDEX accounts_name ON accounts(name_folded);

CREATE TABLE contacts (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    name_folded TEXT NOT NULL,
    email       TEXT,
    phone       TEXT,
    role        TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX contacts_account ON contacts(account_id);
CREATE INDEX contacts_email ON contacts(email);

CREATE TABLE deals (
    id               INTEGER PRIMARY KEY,
    account_id       INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    owner_id         INTEGER NOT NULL REFERENCES people(id),
    title            TEXT NOT NULL CHECK (length(trim(title)) > 0),
    stage_key        TEXT NOT NULL REFERENCES stages(key) ON UPDATE CASCADE,
    amount           REAL NOT NULL DEFAULT 0 CHECK (amount >= 0),
    currency         TEXT NOT NULL DEFAULT 'BRL' CHECK (length(currency) = 3),
    close_date       TEXT,
    status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost')),
    lost_reason      TEXT CHECK (lost_reason IS NULL OR lost_reason IN
                         ('price', 'competitor', 'no_budget', 'no_decision', 'timing',
                          'lost_contact', 'other')),
    stage_changed_at TEXT NOT NULL,
    closed_at        TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    CHECK (status = 'lost' OR lost_reason IS NULL)
);
CREATE INDEX deals_owner_stage ON deals(owner_id, status, stage_key);
CREATE INDEX deals_account ON deals(account_id);
CREATE INDEX deals_close ON deals(status, close_date);

CREATE TABLE deal_changes (
    id          INTEGER PRIMARY KEY,
    deal_id     INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    from_stage  TEXT,
    to_stage    TEXT,
    from_status TEXT,
    to_status   TEXT,
    amount      REAL,
    actor       TEXT NOT NULL
);
CREATE INDEX deal_changes_deal ON deal_changes(deal_id, at);
CREATE INDEX deal_changes_at ON deal_changes(at);

CREATE TABLE interactions (
    id                INTEGER PRIMARY KEY,
    person_id         INTEGER NOT NULL REFERENCES people(id),
    account_id        INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
    deal_id           INTEGER REFERENCES deals(id) ON DELETE SET NULL,
    contact_id        INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
    kind              TEXT NOT NULL CHECK (kind IN
                          ('call', 'email', 'meeting', 'visit', 'whatsapp', 'linkedin', 'note')),
    outcome           TEXT,
    body              TEXT NOT NULL DEFAULT '',
    occurred_at       TEXT NOT NULL,
    latitude          REAL,
    longitude         REAL,
    attachment        TEXT,
    source_platform   TEXT,
    source_message_id TEXT,
    created_at        TEXT NOT NULL,
    UNIQUE (source_platform, source_message_id)
);
CREATE INDEX interactions_account_time ON interactions(account_id, occurred_at);
CREATE INDEX interactions_person_time ON interactions(person_id, occurred_at);
CREATE INDEX interactions_deal_time ON interactions(deal_id, occurred_at);

CREATE TABLE cadences (
    key        TEXT PRIMARY KEY CHECK (length(key) > 0),
    name_pt    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    kind       TEXT NOT NULL,
    definition TEXT NOT NULL CHECK (json_valid(definition)),
    source     TEXT,
    updated_at TEXT NOT NULL
);

CREATE TABLE enrolments (
    id            INTEGER PRIMARY KEY,
    cadence_key   TEXT NOT NULL REFERENCES cadences(key) ON UPDATE CASCADE,
    account_id    INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    contact_id    INTEGER REFERENCES contacts(id) ON DELETE CASCADE,
    deal_id       INTEGER REFERENCES deals(id) ON DELETE SET NULL,
    owner_id      INTEGER NOT NULL REFERENCES people(id),
    step_index    INTEGER NOT NULL DEFAULT 0 CHECK (step_index >= 0),
    due_at        TEXT,
    state         TEXT NOT NULL DEFAULT 'active'
                      CHECK (state IN ('active', 'paused', 'completed', 'exited')),
    exit_reason   TEXT,
    notified_step INTEGER,
    paused_until  TEXT,
    started_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX enrolments_due ON enrolments(state, due_at);
CREATE INDEX enrolments_owner ON enrolments(owner_id, state, due_at);
CREATE INDEX enrolments_account ON enrolments(account_id, state);
CREATE UNIQUE INDEX enrolments_one_active ON enrolments(contact_id, cadence_key)
    WHERE state IN ('active', 'paused') AND contact_id IS NOT NULL;

CREATE TABLE step_events (
    id           INTEGER PRIMARY KEY,
    enrolment_id INTEGER NOT NULL REFERENCES enrolments(id) ON DELETE CASCADE,
    step_index   INTEGER NOT NULL,
    action       TEXT NOT NULL CHECK (action IN
                     ('done', 'skipped', 'snoozed', 'replied', 'meeting_booked', 'bounced',
                      'opted_out', 'not_interested', 'paused', 'resumed', 'unenrolled',
                      'completed', 'switched')),
    at           TEXT NOT NULL,
    actor        TEXT NOT NULL
);
CREATE INDEX step_events_enrolment ON step_events(enrolment_id, at);
CREATE INDEX step_events_at ON step_events(at);

CREATE TABLE consents (
    contact_id   INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    channel      TEXT NOT NULL,
    opted_out_at TEXT NOT NULL,
    reason       TEXT,
    PRIMARY KEY (contact_id, channel)
);

CREATE TABLE away_periods (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    start_date TEXT NOT NULL,
    end_date   TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CHECK (end_date >= start_date)
);
CREATE INDEX away_person ON away_periods(person_id, end_date);

CREATE TABLE outbox (
    id                  INTEGER PRIMARY KEY,
    person_id           INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind                TEXT NOT NULL CHECK (kind IN
                            ('reminder', 'agenda', 'digest', 'alert', 'notice')),
    dedupe_key          TEXT NOT NULL UNIQUE,
    payload             TEXT NOT NULL CHECK (json_valid(payload)),
    state               TEXT NOT NULL DEFAULT 'pending'
                            CHECK (state IN ('pending', 'sent', 'failed')),
    attempts            INTEGER NOT NULL DEFAULT 0,
    next_attempt_at     TEXT NOT NULL,
    last_error          TEXT,
    platform            TEXT,
    platform_message_id TEXT,
    created_at          TEXT NOT NULL,
    sent_at             TEXT
);
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
CREATE INDEX outbox_person ON outbox(person_id, state);

CREATE TABLE inbox (
    id          INTEGER PRIMARY KEY,
    platform    TEXT NOT NULL,
    event_id    TEXT NOT NULL,
    payload     TEXT NOT NULL,
    state       TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done', 'failed')),
    attempts    INTEGER NOT NULL DEFAULT 0,
    received_at TEXT NOT NULL,
    handled_at  TEXT,
    error       TEXT,
    UNIQUE (platform, event_id)
);
CREATE INDEX inbox_pending ON inbox(state, id);

CREATE TABLE kv (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE callbacks (
    token      TEXT PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    action     TEXT NOT NULL,
    args       TEXT NOT NULL CHECK (json_valid(args)),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT
);
CREATE INDEX callbacks_expiry ON callbacks(expires_at);

CREATE TABLE audit_log (
    id              INTEGER PRIMARY KEY,
    at              TEXT NOT NULL,
    actor_person_id INTEGER REFERENCES people(id) ON DELETE SET NULL,
    actor           TEXT NOT NULL,
    entity          TEXT NOT NULL,
    entity_id       TEXT,
    action          TEXT NOT NULL,
    before          TEXT,
    after           TEXT,
    reason          TEXT
);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
CREATE INDEX audit_at ON audit_log(at);

CREATE TABLE forecast_snapshots (
    id            INTEGER PRIMARY KEY,
    snapshot_date TEXT NOT NULL,
    team_id       INTEGER REFERENCES teams(id) ON DELETE CASCADE,
    person_id     INTEGER REFERENCES people(id) ON DELETE CASCADE,
    period_start  TEXT NOT NULL,
    period_end    TEXT NOT NULL,
    weighted      REAL NOT NULL,
    committed     REAL NOT NULL,
    best_case     REAL NOT NULL,
    currency      TEXT NOT NULL DEFAULT 'BRL'
);
CREATE UNIQUE INDEX forecast_snapshots_key
    ON forecast_snapshots(snapshot_date, ifnull(team_id, 0), ifnull(person_id, 0), period_start);
