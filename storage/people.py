"""People, teams, chat identities and the one-time link codes that join them.

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/people.py.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

ROLES = ("rep", "manager", "admin")
# No 0/O, 1/I/L: codes are read off a phone and typed by hand.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


@dataclass(frozen=True)
class Team:
    id: int
    name: str
    manager_id: int | None
    target_amount: float | None
    target_currency: str


@dataclass(frozen=True)
class Person:
    id: int
    name: str
    role: str
    team_id: int | None
    timezone: str
    locale: str
    email: str | None
    work_start: str
    work_end: str
    work_days: str
    active: bool

    @property
    def is_manager(self) -> bool:
        return self.role == "manager"

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


@dataclass(frozen=True)
class Identity:
    id: int
    person_id: int
    platform: str
    external_id: str
    chat_id: str | None
    preferred: bool


def _person(row: sqlite3.Row) -> Person:
    return Person(
        row["id"],
        row["name"],
        row["role"],
        row["team_id"],
        row["timezone"],
        row["locale"],
        row["email"],
        row["work_start"],
        row["work_end"],
        row["work_days"],
        bool(row["active"]),
    )


# --- teams -------------------------------------------------------------------------------------


# --- people ------------------------------------------------------------------------------------


# --- identities --------------------------------------------------------------------------------


# --- link codes --------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkResult:
    """How a redeem attempt ended: 'linked', 'used', 'expired', 'unknown' or 'throttled'."""

    status: str
    person: Person | None = None
    retry_after_s: int = 0


LINK_FREE_FAILURES = 3
LINK_MAX_DELAY_S = 15 * 60
