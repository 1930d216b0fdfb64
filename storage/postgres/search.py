"""Name narrowing in PostgreSQL: the same candidates storage/search.py finds in SQLite.

SQLite narrows with an FTS5 word index (exact words, then every word's first three letters,
then only the words some name really has). Here the same three steps run on GIN indexes over
`ritmo_words(name_folded)` and `ritmo_word_heads(name_folded)` (migration 0004), which split
words where FTS5's tokenizer does. The names were folded in Python (storage.text.fold) before
either store saw them, so accents and case are settled once, the same way for both: PostgreSQL's
`unaccent` is not used, because its rules differ from Python's NFKD folding ("ß", "æ") and
would make the two stores disagree. Likewise the typo fallback is SQLite's (first three letters,
then the known words), not a pg_trgm similarity search, which would find names SQLite does not:
pg_trgm is installed (migration 0002) for when both stores gain such a step. The caller ranks
candidates with rapidfuzz, as for SQLite; without ORDER BY the order of candidates is the
engine's, so only the set is the contract.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import psycopg

from storage import books
from storage.search import LIMIT, NameRow, _prefix_query, _words

# Visibility conditions are written once, for SQLite (storage.books); these make them read
# as PostgreSQL: "?" placeholders become "%s", and the "everyone" condition "1" becomes TRUE.


def _pg(condition: str) -> str:
    return "TRUE" if condition == "1" else condition.replace("?", "%s")


def _heads(key: str) -> list[str]:
    query = _prefix_query(key)  # the same words, cut the same way, as SQLite's
    return [head.strip('"*') for head in query.split()] if query else []


def _known_words(conn: Any, column_table: str, key: str) -> list[str]:
    """The typed words some name really has, when some (not all) are: as SQLite's."""
    words = _words(key)
    if not words:
        return []
    # One round trip for every word (SQLite probes one word per query), in the typed order.
    found = conn.execute(
        "SELECT w FROM unnest(%s::text[]) WITH ORDINALITY AS t(w, n) WHERE EXISTS"
        f" (SELECT 1 FROM {column_table} WHERE ritmo_words(name_folded) @> ARRAY[w]) ORDER BY n",
        (words,),
    ).fetchall()
    known = [r[0] for r in found]
    return known if known and len(known) < len(words) else []


def exact_accounts(
    conn: Any, key: str, owner_ids: list[int] | None, limit: int = LIMIT
) -> list[NameRow]:
    """Accounts visible to `owner_ids` whose whole name key is `key` (one index lookup)."""
    scope, params = books.accounts(owner_ids)
    rows = conn.execute(
        f"SELECT a.id, a.name FROM accounts a WHERE a.name_key = %s AND {_pg(scope)} LIMIT %s",
        [key, *params, limit],
    ).fetchall()
    return [NameRow(r[0], r[1]) for r in rows]


def name_taken(conn: Any, key: str) -> bool:
    """Whether any account, in anyone's book, has this whole name key."""
    return bool(exact_accounts(conn, key, None, limit=1))


def account_candidates(
    conn: Any, key: str, owner_ids: list[int] | None, limit: int = LIMIT
) -> list[NameRow]:
    """Accounts visible to `owner_ids` whose folded name may be `key`."""
    scope, params = books.accounts(owner_ids)
    base = f"SELECT a.id, a.name FROM accounts a WHERE {_pg(scope)}"
    return _narrow(
        conn, "accounts", base, params, key, limit, owner_ids is None, lambda r: NameRow(*r)
    )


def contact_candidates(
    conn: Any,
    key: str,
    owner_ids: list[int] | None,
    account_id: int | None = None,
    limit: int = LIMIT,
) -> list[NameRow]:
    """Contacts at visible accounts (optionally one account) whose name may be `key`."""
    scope, params = books.accounts(owner_ids)
    base = (
        f"SELECT c.id, c.name, a.id, a.name FROM contacts c JOIN accounts a"
        f" ON a.id = c.account_id WHERE {_pg(scope)}"
    )
    if account_id is not None:
        base += " AND a.id = %s"
        params = [*params, account_id]
    return _narrow(
        conn, "contacts", base, params, key, limit, owner_ids is None,
        lambda r: NameRow(*r), alias="c",
    )  # fmt: skip


def _narrow(
    conn: Any,
    table: str,
    base: str,
    params: list[Any],
    key: str,
    limit: int,
    everyone: bool,
    build: Callable[[tuple[Any, ...]], NameRow],
    alias: str = "a",
) -> list[NameRow]:
    # As in SQLite: everyone's book takes the first limit*5 matches (by id, the order FTS5
    # returns them in); a narrower book filters every match.
    inner = f"ORDER BY id LIMIT {limit * 5}" if everyone else ""
    attempts: list[tuple[Callable[[], list[str]], str, int]] = [
        (lambda: _words(key), "ritmo_words", 1),
        (lambda: _heads(key), "ritmo_word_heads", 1),
        (lambda: _known_words(conn, table, key), "ritmo_words", 5),
    ]
    for make, index, many in attempts:
        wanted = make()  # lazily: the known-words probe costs a query per word
        if not wanted:
            continue
        rows = conn.execute(
            f"{base} AND {alias}.id IN (SELECT id FROM {table}"
            f" WHERE {index}(name_folded) @> %s::text[] {inner}) LIMIT %s",
            [*params, wanted, limit * many],
        ).fetchall()
        if rows:
            return [build(r) for r in rows]
    return []


class PgSearch:
    """Search on a PostgreSQL connection: the module functions above on this connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._c = conn

    def exact_accounts(
        self, key: str, owner_ids: list[int] | None, limit: int = LIMIT
    ) -> list[NameRow]:
        """Accounts visible to `owner_ids` whose whole name key is `key`: one index lookup."""
        return exact_accounts(self._c, key, owner_ids, limit)

    def name_taken(self, key: str) -> bool:
        """Whether any account, in anyone's book, has this whole name key: one the asker can't see
        must not be created again as a duplicate (nor shown to them)."""
        return name_taken(self._c, key)

    def account_candidates(
        self, key: str, owner_ids: list[int] | None, limit: int = LIMIT
    ) -> list[NameRow]:
        """Accounts visible to `owner_ids` whose folded name may be `key` (see names.name_key)."""
        return account_candidates(self._c, key, owner_ids, limit)

    def contact_candidates(
        self,
        key: str,
        owner_ids: list[int] | None,
        account_id: int | None = None,
        limit: int = LIMIT,
    ) -> list[NameRow]:
        """Contacts at visible accounts (optionally one account) whose name may be `key`."""
        return contact_candidates(self._c, key, owner_ids, account_id, limit)
