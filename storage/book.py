"""The names an asker can see, read whole, and the one number that says when they changed.

A rep's book is tens to a few thousand names: the chat keeps it in memory per scope
(handlers.understand.book) and finds names inside sentences against it. `version` is a single
row moved by triggers (migration 0013) on every change that could alter a book, so checking
that a kept book is current costs one primary-key read per message.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from storage.search import visible_accounts_sql


@dataclass(frozen=True)
class BookRow:
    """An account (contact_id None) or a contact with the account it belongs to."""

    account_id: int
    account_name: str
    contact_id: int | None = None
    contact_name: str | None = None


def version(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT version FROM book_version WHERE id = 1").fetchone()
    return int(row[0]) if row else 0


def names(conn: sqlite3.Connection, owner_ids: list[int] | None) -> list[BookRow]:
    """Every account `owner_ids` may see (None: all), then every contact at those accounts."""
    scope, params = visible_accounts_sql(owner_ids)
    accounts = conn.execute(f"SELECT a.id, a.name FROM accounts a WHERE {scope}", params)
    rows = [BookRow(r[0], r[1]) for r in accounts]
    contacts = conn.execute(
        f"SELECT a.id, a.name, c.id, c.name FROM contacts c JOIN accounts a"
        f" ON a.id = c.account_id WHERE {scope}", params)
    rows.extend(BookRow(r[0], r[1], r[2], r[3]) for r in contacts)
    return rows
