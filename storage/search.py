"""Name narrowing in SQLite: the few hundred accounts or contacts a typed name could mean.

A trigram FTS5 index (migration 0010) finds names containing every word typed; when a typo
leaves nothing, names sharing the most trigrams come back instead. The caller ranks the
candidates with rapidfuzz. Visibility is part of the same query: a rep never gets a candidate
outside their book.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

LIMIT = 200


@dataclass(frozen=True)
class NameRow:
    """A candidate: an account, or a contact with the account it belongs to."""

    id: int
    name: str
    account_id: int | None = None
    account_name: str | None = None


def visible_accounts_sql(owner_ids: list[int] | None, alias: str = "a") -> tuple[str, list]:
    """SQL condition (and its parameters) for accounts these owners may see (None: all).

    An account is in a rep's book when the rep owns it or owns a deal on it.
    """
    if owner_ids is None:
        return "1", []
    marks = ",".join("?" * len(owner_ids)) or "NULL"
    return (f"({alias}.owner_id IN ({marks}) OR {alias}.id IN"
            f" (SELECT account_id FROM deals WHERE owner_id IN ({marks})))",
            [*owner_ids, *owner_ids])


def _words(key: str) -> list[str]:
    return [w for w in key.split() if len(w) >= 3]


def _substring_query(key: str) -> str | None:
    words = _words(key)
    return " ".join(f'"{w}"' for w in words) if words else None


def _trigram_query(key: str) -> str | None:
    grams = {w[i:i + 3] for w in _words(key) for i in range(len(w) - 2)}
    return " OR ".join(f'"{g}"' for g in sorted(grams)) if grams else None


def account_candidates(conn: sqlite3.Connection, key: str, owner_ids: list[int] | None,
                       limit: int = LIMIT) -> list[NameRow]:
    """Accounts visible to `owner_ids` whose folded name may be `key` (see names.name_key)."""
    scope, params = visible_accounts_sql(owner_ids)
    base = f"SELECT a.id, a.name FROM accounts a WHERE {scope}"
    return _narrow(conn, "accounts_fts", base, params, key, limit, owner_ids is None,
                   lambda r: NameRow(r[0], r[1]))


def contact_candidates(conn: sqlite3.Connection, key: str, owner_ids: list[int] | None,
                       account_id: int | None = None, limit: int = LIMIT) -> list[NameRow]:
    """Contacts at visible accounts (optionally one account) whose name may be `key`."""
    scope, params = visible_accounts_sql(owner_ids)
    base = (f"SELECT c.id, c.name, a.id, a.name FROM contacts c JOIN accounts a"
            f" ON a.id = c.account_id WHERE {scope}")
    if account_id is not None:
        base += " AND a.id = ?"
        params = [*params, account_id]
    return _narrow(conn, "contacts_fts", base, params, key, limit, owner_ids is None,
                   lambda r: NameRow(r[0], r[1], r[2], r[3]), alias="c")


def _narrow(conn: sqlite3.Connection, fts: str, base: str, params: list, key: str, limit: int,
            everyone: bool, build, alias: str = "a") -> list[NameRow]:
    # For everyone's book the best-ranked matches are enough; a narrower book is filtered on
    # every match, or a rep's own "Silva" could be cut off by thousands of others.
    inner = limit * 5 if everyone else -1
    exact = _substring_query(key)
    if exact is None:  # every word shorter than a trigram: a prefix scan on the plain index
        rows = conn.execute(f"{base} AND {alias}.name_folded LIKE ? LIMIT ?",
                            [*params, f"{key.split()[0] if key else ''}%", limit]).fetchall()
        return [build(r) for r in rows]
    for query in (exact, _trigram_query(key)):
        rows = conn.execute(
            f"{base} AND {alias}.id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH ?"
            f" ORDER BY rank LIMIT ?) LIMIT ?",
            [*params, query, inner, limit],
        ).fetchall()
        if rows:
            return [build(r) for r in rows]
    return []
