"""Accounts (companies) and their contacts.

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/accounts.py.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass


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
