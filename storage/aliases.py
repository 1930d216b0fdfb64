"""Names learned from use: the phrase a rep typed, and the account they picked for it.

A rep who answers "which one?" has told ritmo what that phrase means *to them*; kept per
person, so one rep's "a padaria" never decides another's. The phrase is stored as its name
key (storage.text.name_key), the form every name lookup compares.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime

from storage.timefmt import to_db

MAX_PHRASE = 200  # a phrase is a few words; longer is a sentence, not a name


def remember(
    conn: sqlite3.Connection, person_id: int, phrase_key: str, account_id: int, now: datetime
) -> bool:
    """Keep `phrase_key` -> `account_id` for this person (a later pick replaces an earlier one).
    Returns whether anything was kept (an empty or sentence-long phrase is not)."""
    if not phrase_key or len(phrase_key) > MAX_PHRASE:
        return False
    conn.execute(
        "INSERT INTO name_aliases (person_id, phrase, account_id, created_at)"
        " VALUES (?, ?, ?, ?) ON CONFLICT (person_id, phrase)"
        " DO UPDATE SET account_id = excluded.account_id, created_at = excluded.created_at",
        (person_id, phrase_key, account_id, to_db(now)),
    )
    return True


def account_for(conn: sqlite3.Connection, person_id: int, phrase_key: str) -> int | None:
    """The account this person picked for `phrase_key`, or None (one unique-index lookup)."""
    row = conn.execute(
        "SELECT account_id FROM name_aliases WHERE person_id = ? AND phrase = ?",
        (person_id, phrase_key),
    ).fetchone()
    return int(row[0]) if row else None
