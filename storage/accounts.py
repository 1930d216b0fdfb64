"""Accounts (companies) and their contacts."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass
from datetime import datetime

from storage import audit, books
from storage.audit import Actor
from storage.rowids import inserted_id
from storage.text import fold, name_key
from storage.timefmt import to_db


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    owner_id: int | None
    segment: str | None = None
    city: str | None = None
    state: str | None = None
    website: str | None = None
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class Contact:
    id: int
    account_id: int | None
    name: str
    email: str | None
    phone: str | None
    role: str | None


_ACCOUNT_COLS = "id, name, owner_id, segment, city, state, website, latitude, longitude"


def _account(row: sqlite3.Row) -> Account:
    return Account(*(row[c] for c in _ACCOUNT_COLS.split(", ")))


def create_account(
    conn: sqlite3.Connection,
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
    cur = conn.execute(
        "INSERT INTO accounts (name, name_folded, name_key, owner_id, segment, city, state,"
        " website, latitude, longitude, created_at, updated_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
    )
    account = get_account(conn, inserted_id(cur))
    assert account is not None
    audit.record(conn, actor, "account", account.id, "create", after=asdict(account), at=now)
    return account


def get_account(conn: sqlite3.Connection, account_id: int) -> Account | None:
    row = conn.execute(
        f"SELECT {_ACCOUNT_COLS} FROM accounts WHERE id = ?", (account_id,)
    ).fetchone()
    return _account(row) if row else None


def list_accounts(conn: sqlite3.Connection, owner_ids: list[int] | None = None) -> list[Account]:
    """Accounts in this book (None: all), by name; see storage.books.accounts."""
    where, params = books.accounts(owner_ids)
    rows = conn.execute(
        f"SELECT {_ACCOUNT_COLS} FROM accounts a WHERE {where} ORDER BY name", params
    )
    return [_account(r) for r in rows]


def create_contact(
    conn: sqlite3.Connection,
    *,
    account_id: int | None,
    name: str,
    actor: Actor,
    now: datetime,
    email: str | None = None,
    phone: str | None = None,
    role: str | None = None,
) -> Contact:
    cur = conn.execute(
        "INSERT INTO contacts (account_id, name, name_folded, email, phone, role, created_at,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (account_id, name.strip(), fold(name), email, phone, role, to_db(now), to_db(now)),
    )
    contact = get_contact(conn, inserted_id(cur))
    assert contact is not None
    audit.record(conn, actor, "contact", contact.id, "create", after=asdict(contact), at=now)
    return contact


def get_contact(conn: sqlite3.Connection, contact_id: int) -> Contact | None:
    row = conn.execute(
        "SELECT id, account_id, name, email, phone, role FROM contacts WHERE id = ?", (contact_id,)
    ).fetchone()
    return Contact(*row) if row else None


def contacts_of(conn: sqlite3.Connection, account_id: int) -> list[Contact]:
    rows = conn.execute(
        "SELECT id, account_id, name, email, phone, role FROM contacts"
        " WHERE account_id = ? ORDER BY id",
        (account_id,),
    )
    return [Contact(*r) for r in rows]


def visible_account(
    conn: sqlite3.Connection, account_id: int, owner_ids: list[int] | None
) -> Account | None:
    """The account if it is in this book (see storage.books.accounts), else None."""
    where, params = books.accounts(owner_ids)
    row = conn.execute(
        f"SELECT {_ACCOUNT_COLS} FROM accounts a WHERE a.id = ? AND {where}", [account_id, *params]
    ).fetchone()
    return _account(row) if row else None


def owner_name(
    conn: sqlite3.Connection, account_id: int, owner_ids: list[int] | None
) -> str | None:
    """The account owner's name, when the owner is in this book: a rep on a shared account
    learns that someone else works it (storage.books.others_at), never who."""
    where, params = books.member("a.owner_id", owner_ids)
    row = conn.execute(
        "SELECT p.name FROM accounts a JOIN people p ON p.id = a.owner_id"
        f" WHERE a.id = ? AND {where}",
        [account_id, *params],
    ).fetchone()
    return row[0] if row else None


def same_name(
    conn: sqlite3.Connection, name: str, owner_ids: list[int] | None
) -> tuple[str, str] | None:
    """("mine" | "other", its name) when an account with this name key already exists: in
    this book, else anywhere (a second account of the same name is never made)."""
    key = name_key(name)
    where, params = books.accounts(owner_ids)
    mine = conn.execute(
        f"SELECT a.name FROM accounts a WHERE a.name_key = ? AND {where}", [key, *params]
    ).fetchone()
    if mine:
        return "mine", mine[0]
    other = conn.execute("SELECT name FROM accounts WHERE name_key = ?", (key,)).fetchone()
    return ("other", other[0]) if other else None
