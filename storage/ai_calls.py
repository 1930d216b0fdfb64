"""Calls to the optional language model: the per-person limit, the team budget, the tally.

A call is reserved (a 'pending' row) in the same transaction that checks the limits, so two
messages arriving together cannot both slip under the last unit of an allowance; it is
finished with its outcome once the endpoint answered or failed.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta

from storage.timefmt import to_db


@dataclass(frozen=True)
class Refused:
    """Why no call may be made now: `person` (hourly limit) or `team` (daily budget)."""

    why: str


@dataclass(frozen=True)
class Tally:
    """Calls made since a moment, by outcome, with the tokens they cost."""

    by_outcome: dict[str, int]
    prompt_tokens: int
    completion_tokens: int


def reserve(
    conn: sqlite3.Connection,
    person_id: int,
    team_id: int | None,
    kind: str,
    model: str,
    now: datetime,
    day_start: datetime,
    hourly: int,
    daily: int,
) -> int | Refused:
    """Reserve one call for this person, or say which allowance is spent.

    `day_start` is the start of the team's budget day (the asker's local midnight, in UTC).
    """
    hour_ago = to_db(now - timedelta(hours=1))
    mine = conn.execute(
        "SELECT count(*) FROM ai_calls WHERE person_id = ? AND at > ?", (person_id, hour_ago)
    ).fetchone()[0]
    if mine >= hourly:
        return Refused("person")
    if team_id is not None:
        spent = conn.execute(
            "SELECT count(*) FROM ai_calls WHERE team_id = ? AND at >= ?",
            (team_id, to_db(day_start)),
        ).fetchone()[0]
        if spent >= daily:
            return Refused("team")
    cur = conn.execute(
        "INSERT INTO ai_calls (person_id, team_id, kind, model, at) VALUES (?, ?, ?, ?, ?)",
        (person_id, team_id, kind, model, to_db(now)),
    )
    return int(cur.lastrowid or 0)


def finish(
    conn: sqlite3.Connection,
    call_id: int,
    outcome: str,
    latency_ms: int,
    prompt_tokens: int,
    completion_tokens: int,
) -> None:
    """Record how a reserved call went."""
    conn.execute(
        "UPDATE ai_calls SET outcome = ?, latency_ms = ?, prompt_tokens = ?,"
        " completion_tokens = ? WHERE id = ?",
        (outcome, latency_ms, prompt_tokens, completion_tokens, call_id),
    )


def tally(conn: sqlite3.Connection, since: datetime) -> Tally:
    """Every call since `since`, by outcome (for `ritmo ai check` and the health output)."""
    rows = conn.execute(
        "SELECT outcome, count(*), sum(prompt_tokens), sum(completion_tokens) FROM ai_calls"
        " WHERE at >= ? GROUP BY outcome",
        (to_db(since),),
    ).fetchall()
    return Tally(
        {r[0]: int(r[1]) for r in rows},
        sum(int(r[2] or 0) for r in rows),
        sum(int(r[3] or 0) for r in rows),
    )
