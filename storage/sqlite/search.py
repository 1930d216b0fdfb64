"""The SQLite SQL of storage/search.py's repository: SqliteSearch on one connection.

The records it returns live in storage/search.py (shared by every backend).
"""

from __future__ import annotations

import sqlite3

from storage import books
from storage.search import LIMIT, NameRow, _prefix_query, _words


def _word_query(key: str) -> str | None:
    words = _words(key)
    return " ".join(f'"{w}"' for w in words) if words else None


def _known_words_query(conn: sqlite3.Connection, fts: str, key: str) -> str | None:
    """Only the words some name really has: a typo that hit a word's first letters
    ("pdaria silva" -> "silva") leaves the others to narrow by."""
    words = _words(key)
    known = [
        w
        for w in words
        if conn.execute(f"SELECT 1 FROM {fts} WHERE {fts} MATCH ? LIMIT 1", (f'"{w}"',)).fetchone()
    ]
    if not known or len(known) == len(words):
        return None
    return " ".join(f'"{w}"' for w in known)


def _narrow(
    conn: sqlite3.Connection,
    fts: str,
    base: str,
    params: list,
    key: str,
    limit: int,
    everyone: bool,
    build,
    alias: str = "a",
) -> list[NameRow]:
    # Everyone's book: a few hundred matches are plenty to rank (more means the name typed is
    # too generic to pick one anyway). A narrower book is filtered on every match, or a rep's
    # own "Silva" could be cut off by thousands of others.
    inner = limit * 5 if everyone else -1
    attempts = (
        (lambda: _word_query(key), 1),
        (lambda: _prefix_query(key), 1),
        (lambda: _known_words_query(conn, fts, key), 5),
    )
    for make, many in attempts:
        query = make()  # lazily: the known-words probe costs a query per word
        if not query:
            continue
        rows = conn.execute(
            f"{base} AND {alias}.id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH ? LIMIT ?)"
            f" LIMIT ?",
            [*params, query, inner, limit * many],
        ).fetchall()
        if rows:
            return [build(r) for r in rows]
    return []


class SqliteSearch:
    """Search on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def exact_accounts(
        self, key: str, owner_ids: list[int] | None, limit: int = LIMIT
    ) -> list[NameRow]:
        """Accounts visible to `owner_ids` whose whole name key is `key`: one index lookup.

        A name typed exactly wins outright when it is the only one (handlers.understanding.names),
        so these rows, when there are any, are the whole answer; the word index is for the rest.
        """
        scope, params = books.accounts(owner_ids)
        rows = self._c.execute(
            f"SELECT a.id, a.name FROM accounts a INDEXED BY accounts_name_key"
            f" WHERE a.name_key = ? AND {scope} LIMIT ?",
            [key, *params, limit],
        ).fetchall()
        return [NameRow(r[0], r[1]) for r in rows]

    def name_taken(self, key: str) -> bool:
        """Whether any account, in anyone's book, has this whole name key: one the asker can't see
        must not be created again as a duplicate (nor shown to them)."""
        return bool(self.exact_accounts(key, None, limit=1))

    def account_candidates(
        self, key: str, owner_ids: list[int] | None, limit: int = LIMIT
    ) -> list[NameRow]:
        """Accounts visible to `owner_ids` whose folded name may be `key` (see names.name_key)."""
        scope, params = books.accounts(owner_ids)
        base = f"SELECT a.id, a.name FROM accounts a WHERE {scope}"
        return _narrow(
            self._c,
            "accounts_words",
            base,
            params,
            key,
            limit,
            owner_ids is None,
            lambda r: NameRow(r[0], r[1]),
        )

    def contact_candidates(
        self,
        key: str,
        owner_ids: list[int] | None,
        account_id: int | None = None,
        limit: int = LIMIT,
    ) -> list[NameRow]:
        """Contacts at visible accounts (optionally one account) whose name may be `key`."""
        scope, params = books.accounts(owner_ids)
        base = (
            f"SELECT c.id, c.name, a.id, a.name FROM contacts c JOIN accounts a"
            f" ON a.id = c.account_id WHERE {scope}"
        )
        if account_id is not None:
            base += " AND a.id = ?"
            params = [*params, account_id]
        return _narrow(
            self._c,
            "contacts_words",
            base,
            params,
            key,
            limit,
            owner_ids is None,
            lambda r: NameRow(r[0], r[1], r[2], r[3]),
            alias="c",
        )
