"""Name narrowing in SQLite: the few hundred accounts or contacts a typed name could mean.

A word index with 3-letter prefixes (FTS5, migration 0004) finds names containing every word
typed; when a typo leaves nothing, names whose words start like every typed word's first
three letters come back instead ("padria silva" -> pad* sil*). The caller ranks the
candidates with rapidfuzz. Visibility is part of the same query (storage.books): a rep never
gets a candidate outside their book.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from storage import books

LIMIT = 200


@dataclass(frozen=True)
class NameRow:
    """A candidate: an account, or a contact with the account it belongs to."""

    id: int
    name: str
    account_id: int | None = None
    account_name: str | None = None


def _words(key: str) -> list[str]:
    return [w for w in key.split() if w.isalnum()]


def _word_query(key: str) -> str | None:
    words = _words(key)
    return " ".join(f'"{w}"' for w in words) if words else None


def _prefix_query(key: str) -> str | None:
    # Slips are rare in a word's first letters; words under three letters say too little.
    heads = [w[:3] for w in _words(key) if len(w) >= 3]
    return " ".join(f'"{h}"*' for h in heads) if heads else None


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


def exact_accounts(
    conn: sqlite3.Connection, key: str, owner_ids: list[int] | None, limit: int = LIMIT
) -> list[NameRow]:
    """Accounts visible to `owner_ids` whose whole name key is `key`: one index lookup.

    A name typed exactly wins outright when it is the only one (handlers.understanding.names),
    so these rows, when there are any, are the whole answer; the word index is for the rest.
    """
    scope, params = books.accounts(owner_ids)
    rows = conn.execute(
        f"SELECT a.id, a.name FROM accounts a INDEXED BY accounts_name_key"
        f" WHERE a.name_key = ? AND {scope} LIMIT ?",
        [key, *params, limit],
    ).fetchall()
    return [NameRow(r[0], r[1]) for r in rows]


def name_taken(conn: sqlite3.Connection, key: str) -> bool:
    """Whether any account, in anyone's book, has this whole name key: one the asker can't see
    must not be created again as a duplicate (nor shown to them)."""
    return bool(exact_accounts(conn, key, None, limit=1))


def account_candidates(
    conn: sqlite3.Connection, key: str, owner_ids: list[int] | None, limit: int = LIMIT
) -> list[NameRow]:
    """Accounts visible to `owner_ids` whose folded name may be `key` (see names.name_key)."""
    scope, params = books.accounts(owner_ids)
    base = f"SELECT a.id, a.name FROM accounts a WHERE {scope}"
    return _narrow(
        conn,
        "accounts_words",
        base,
        params,
        key,
        limit,
        owner_ids is None,
        lambda r: NameRow(r[0], r[1]),
    )


def contact_candidates(
    conn: sqlite3.Connection,
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
        conn,
        "contacts_words",
        base,
        params,
        key,
        limit,
        owner_ids is None,
        lambda r: NameRow(r[0], r[1], r[2], r[3]),
        alias="c",
    )


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
