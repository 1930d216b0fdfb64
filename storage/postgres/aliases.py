"""Names learned from use on PostgreSQL (the SQLite twin: storage/sqlite/aliases.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import psycopg

from storage.aliases import MAX_PHRASE
from storage.timefmt import to_db


class PgAliases:
    """Aliases on a PostgreSQL connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._c = conn

    def remember(self, person_id: int, phrase_key: str, account_id: int, now: datetime) -> bool:
        """Keep `phrase_key` -> `account_id` for this person (a later pick replaces an earlier one).
        Returns whether anything was kept (an empty or sentence-long phrase is not)."""
        if not phrase_key or len(phrase_key) > MAX_PHRASE:
            return False
        self._c.execute(
            "INSERT INTO name_aliases (person_id, phrase, account_id, created_at)"
            " VALUES (%s, %s, %s, %s) ON CONFLICT (person_id, phrase)"
            " DO UPDATE SET account_id = excluded.account_id, created_at = excluded.created_at",
            (person_id, phrase_key, account_id, to_db(now)),
        )
        return True

    def account_for(self, person_id: int, phrase_key: str) -> int | None:
        """The account this person picked for `phrase_key`, or None (one unique-index lookup)."""
        row = self._c.execute(
            "SELECT account_id FROM name_aliases WHERE person_id = %s AND phrase = %s",
            (person_id, phrase_key),
        ).fetchone()
        return int(row[0]) if row else None
