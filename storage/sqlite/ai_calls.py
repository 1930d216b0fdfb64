"""The SQLite SQL of storage/ai_calls.py's repository: SqliteAiCalls on one connection.

The records it returns live in storage/ai_calls.py (shared by every backend).
"""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

from storage.ai_calls import Refused, Tally
from storage.timefmt import to_db


class SqliteAiCalls:
    """Ai calls on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def reserve(
        self,
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
        mine = self._c.execute(
            "SELECT count(*) FROM ai_calls WHERE person_id = ? AND at > ?", (person_id, hour_ago)
        ).fetchone()[0]
        if mine >= hourly:
            return Refused("person")
        if team_id is not None:
            spent = self._c.execute(
                "SELECT count(*) FROM ai_calls WHERE team_id = ? AND at >= ?",
                (team_id, to_db(day_start)),
            ).fetchone()[0]
            if spent >= daily:
                return Refused("team")
        cur = self._c.execute(
            "INSERT INTO ai_calls (person_id, team_id, kind, model, at) VALUES (?, ?, ?, ?, ?)",
            (person_id, team_id, kind, model, to_db(now)),
        )
        return int(cur.lastrowid or 0)

    def finish(
        self,
        call_id: int,
        outcome: str,
        latency_ms: int,
        prompt_tokens: int,
        completion_tokens: int,
    ) -> None:
        """Record how a reserved call went."""
        self._c.execute(
            "UPDATE ai_calls SET outcome = ?, latency_ms = ?, prompt_tokens = ?,"
            " completion_tokens = ? WHERE id = ?",
            (outcome, latency_ms, prompt_tokens, completion_tokens, call_id),
        )

    def tally(self, since: datetime) -> Tally:
        """Every call since `since`, by outcome (for `ritmo ai check` and the health output)."""
        rows = self._c.execute(
            "SELECT outcome, count(*), sum(prompt_tokens), sum(completion_tokens) FROM ai_calls"
            " WHERE at >= ? GROUP BY outcome",
            (to_db(since),),
        ).fetchall()
        return Tally(
            {r[0]: int(r[1]) for r in rows},
            sum(int(r[2] or 0) for r in rows),
            sum(int(r[3] or 0) for r in rows),
        )
