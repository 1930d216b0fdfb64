"""Calls to the language model on PostgreSQL (the SQLite twin: storage/sqlite/ai_calls.py)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import psycopg

from storage.ai_calls import Refused, Tally
from storage.timefmt import to_db


class PgAiCalls:
    """Ai calls on a PostgreSQL connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
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

        Both counts come back in one round trip (the SQLite twin asks twice). Two processes
        reserving at once could each see the last unit free under READ COMMITTED; the team row
        is locked first (FOR UPDATE) so reservations of one team queue behind each other.
        """
        if team_id is not None:
            self._c.execute("SELECT 1 FROM teams WHERE id = %s FOR UPDATE", (team_id,))
        mine, spent = self._c.execute(
            "SELECT (SELECT count(*) FROM ai_calls WHERE person_id = %s AND at > %s),"
            " (SELECT count(*) FROM ai_calls WHERE team_id = %s AND at >= %s)",
            (person_id, to_db(now - timedelta(hours=1)), team_id, to_db(day_start)),
        ).fetchone() or (0, 0)
        if mine >= hourly:
            return Refused("person")
        if team_id is not None and spent >= daily:
            return Refused("team")
        row = self._c.execute(
            "INSERT INTO ai_calls (person_id, team_id, kind, model, at)"
            " VALUES (%s, %s, %s, %s, %s) RETURNING id",
            (person_id, team_id, kind, model, to_db(now)),
        ).fetchone()
        return int(row[0]) if row else 0

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
            "UPDATE ai_calls SET outcome = %s, latency_ms = %s, prompt_tokens = %s,"
            " completion_tokens = %s WHERE id = %s",
            (outcome, latency_ms, prompt_tokens, completion_tokens, call_id),
        )

    def tally(self, since: datetime) -> Tally:
        """Every call since `since`, by outcome (for `ritmo ai check` and the health output)."""
        rows = self._c.execute(
            "SELECT outcome, count(*), sum(prompt_tokens), sum(completion_tokens) FROM ai_calls"
            " WHERE at >= %s GROUP BY outcome",
            (to_db(since),),
        ).fetchall()
        return Tally(
            {r[0]: int(r[1]) for r in rows},
            sum(int(r[2] or 0) for r in rows),
            sum(int(r[3] or 0) for r in rows),
        )
