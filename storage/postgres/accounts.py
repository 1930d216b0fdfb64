"""Accounts and contacts on PostgreSQL (the SQLite twin: storage/sqlite/accounts.py)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

import psycopg

from storage import books
from storage.accounts import _ACCOUNT_COLS, Account, Contact
from storage.audit import Actor
from storage.postgres.audit import PgAudit
from storage.postgres.books import pg
from storage.text import fold, name_key
from storage.timefmt import to_db

_CONTACT_COLS = "id, account_id, name, email, phone, role"


class PgAccounts:
    """Accounts on a PostgreSQL connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._c = conn

    def create_account(
        self,
        *,
        name: str,
        owner_id: int | None,
        actor: Actor,
        now: datetime,
        segment: str | None = None,
        city: str | None = None,
        state: str | None = None,
        website: str | None = None,
        latitude: float | None = None,
        longitude: float | None = None,
    ) -> Account:
        row = self._c.execute(
            "INSERT INTO accounts (name, name_folded, name_key, owner_id, segment, city, state,"
            " website, latitude, longitude, created_at, updated_at)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
            f" RETURNING {_ACCOUNT_COLS}",
            (
                name.strip(),
                fold(name),
                name_key(name),
                owner_id,
                segment,
                city,
                state,
                website,
                latitude,
                longitude,
                to_db(now),
                to_db(now),
            ),
        ).fetchone()
        assert row is not None
        account = Account(*row)
        PgAudit(self._c).record(
            actor, "account", account.id, "create", after=asdict(account), at=now
        )
        return account

    def get_account(self, account_id: int) -> Account | None:
        row = self._c.execute(
            f"SELECT {_ACCOUNT_COLS} FROM accounts WHERE id = %s", (account_id,)
        ).fetchone()
        return Account(*row) if row else None

    def list_accounts(self, owner_ids: list[int] | None = None) -> list[Account]:
        """Accounts in this book (None: all), by name; see storage.books.accounts."""
        where, params = books.accounts(owner_ids)
        rows = self._c.execute(
            f"SELECT {_ACCOUNT_COLS} FROM accounts a WHERE {pg(where)}"
            ' ORDER BY name COLLATE "C", id',
            params,
        )
        return [Account(*r) for r in rows]

    def create_contact(
        self,
        *,
        account_id: int | None,
        name: str,
        actor: Actor,
        now: datetime,
        email: str | None = None,
        phone: str | None = None,
        role: str | None = None,
    ) -> Contact:
        row = self._c.execute(
            "INSERT INTO contacts (account_id, name, name_folded, email, phone, role, created_at,"
            " updated_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"
            f" RETURNING {_CONTACT_COLS}",
            (account_id, name.strip(), fold(name), email, phone, role, to_db(now), to_db(now)),
        ).fetchone()
        assert row is not None
        contact = Contact(*row)
        PgAudit(self._c).record(
            actor, "contact", contact.id, "create", after=asdict(contact), at=now
        )
        return contact

    def get_contact(self, contact_id: int) -> Contact | None:
        row = self._c.execute(
            f"SELECT {_CONTACT_COLS} FROM contacts WHERE id = %s", (contact_id,)
        ).fetchone()
        return Contact(*row) if row else None

    def contacts_of(self, account_id: int) -> list[Contact]:
        rows = self._c.execute(
            f"SELECT {_CONTACT_COLS} FROM contacts WHERE account_id = %s ORDER BY id",
            (account_id,),
        )
        return [Contact(*r) for r in rows]

    def visible_account(self, account_id: int, owner_ids: list[int] | None) -> Account | None:
        """The account if it is in this book (see storage.books.accounts), else None."""
        where, params = books.accounts(owner_ids)
        row = self._c.execute(
            f"SELECT {_ACCOUNT_COLS} FROM accounts a WHERE a.id = %s AND {pg(where)}",
            [account_id, *params],
        ).fetchone()
        return Account(*row) if row else None

    def owner_name(self, account_id: int, owner_ids: list[int] | None) -> str | None:
        """The account owner's name, when the owner is in this book: a rep on a shared account
        learns that someone else works it (PgBooks.others_at), never who."""
        where, params = books.member("a.owner_id", owner_ids)
        row = self._c.execute(
            "SELECT p.name FROM accounts a JOIN people p ON p.id = a.owner_id"
            f" WHERE a.id = %s AND {pg(where)}",
            [account_id, *params],
        ).fetchone()
        return row[0] if row else None

    def same_name(self, name: str, owner_ids: list[int] | None) -> tuple[str, str] | None:
        """("mine" | "other", its name) when an account with this name key already exists: in
        this book, else anywhere (a second account of the same name is never made)."""
        key = name_key(name)
        where, params = books.accounts(owner_ids)
        mine = self._c.execute(
            f"SELECT a.name FROM accounts a WHERE a.name_key = %s AND {pg(where)}"
            " ORDER BY a.id LIMIT 1",
            [key, *params],
        ).fetchone()
        if mine:
            return "mine", mine[0]
        other = self._c.execute(
            "SELECT name FROM accounts WHERE name_key = %s ORDER BY id LIMIT 1", (key,)
        ).fetchone()
        return ("other", other[0]) if other else None
