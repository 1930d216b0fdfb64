"""Books on PostgreSQL (the SQLite twin: storage/sqlite/books.py), and `pg`, which makes
storage.books' visibility conditions read as PostgreSQL for every PostgreSQL repository."""

from __future__ import annotations

from typing import Any

import psycopg

from storage.books import (
    Book,
    BookName,
    accounts,
    deals,
    enrolments,
    follow_ups,
    interactions,
    member,
)
from storage.postgres.hot import HotCursor


def pg(condition: str) -> str:
    """A storage.books condition, written once for SQLite, as PostgreSQL: its "?" placeholders
    become "%s" and the "everyone" condition "1" becomes TRUE (PostgreSQL wants a boolean)."""
    return "TRUE" if condition == "1" else condition.replace("?", "%s")


class PgBooks:
    """Books on a PostgreSQL connection."""

    __slots__ = ("_c", "_hot")

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._c = conn
        self._hot = HotCursor(conn)  # names_version: every message reads it

    def others_at(self, account_id: int, book: Book) -> bool:
        """Whether anyone outside the book owns the account or has work there (a deal, a cadence,
        a follow-up or a logged touch): what "another rep also works this account" says, and all
        it says."""
        if book is None:
            return False
        checks = [
            ("accounts a WHERE a.id = %s AND a.owner_id IS NOT NULL", member("a.owner_id", book)),
            ("deals d WHERE d.account_id = %s", deals(book)),
            ("enrolments e WHERE e.account_id = %s", enrolments(book)),
            ("follow_ups f WHERE f.account_id = %s", follow_ups(book)),
            ("interactions i WHERE i.account_id = %s", interactions(book)),
        ]
        sql = " OR ".join(
            f"EXISTS (SELECT 1 FROM {rows} AND NOT ({pg(mine)}))" for rows, (mine, _) in checks
        )
        params = [p for _, (_, mine) in checks for p in (account_id, *mine)]
        row = self._c.execute(f"SELECT {sql}", params).fetchone()
        return bool(row and row[0])

    def names_version(self) -> int:
        row = self._hot.one("SELECT version FROM book_version WHERE id = 1")
        return int(row[0]) if row else 0

    def names(self, owner_ids: list[int] | None) -> list[BookName]:
        """Every account `owner_ids` may see (None: all), then every contact at those accounts,
        then the titles of the deals `owner_ids` own there (another rep's deal on a shared
        account is theirs to name)."""
        scope, params = accounts(owner_ids)
        found = self._c.execute(
            f"SELECT a.id, a.name FROM accounts a WHERE {pg(scope)} ORDER BY a.id", params
        )
        rows = [BookName(r[0], r[1]) for r in found]
        contacts = self._c.execute(
            f"SELECT a.id, a.name, c.id, c.name FROM contacts c JOIN accounts a"
            f" ON a.id = c.account_id WHERE {pg(scope)} ORDER BY c.id",
            params,
        )
        rows.extend(BookName(r[0], r[1], r[2], r[3]) for r in contacts)
        mine, more = deals(owner_ids)
        titles = self._c.execute(
            f"SELECT a.id, a.name, d.id, d.title FROM deals d JOIN accounts a"
            f" ON a.id = d.account_id WHERE {pg(scope)} AND {pg(mine)} ORDER BY d.id",
            [*params, *more],
        )
        rows.extend(BookName(r[0], r[1], deal_id=r[2], deal_title=r[3]) for r in titles)
        return rows
