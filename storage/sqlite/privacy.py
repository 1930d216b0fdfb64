"""The SQLite SQL of storage/privacy.py's repository: SqlitePrivacy on one connection.

The records it returns live in storage/privacy.py (shared by every backend).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import Any

from storage.privacy import Row, Surroundings
from storage.text import fold


def _rows(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...] = ()) -> list[Row]:
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur]


def _json(text: str | None) -> Any:
    return json.loads(text) if text else None


class SqlitePrivacy:
    """Privacy on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def find_contacts(self, query: str) -> list[dict[str, Any]]:
        """Contacts whose e-mail (any case) or name (any case or accents) is `query`."""
        text = query.strip()
        return _rows(
            self._c,
            "SELECT id, account_id, name, email, phone, role, created_at, updated_at"
            " FROM contacts WHERE lower(email) = lower(?) OR name_folded = ?"
            " ORDER BY id",
            (text, fold(text)),
        )

    def personal_data(self, contact_id: int, mentions: Callable[[str], bool]) -> dict[str, Any]:
        """Everything stored about one contact: the record, its company, consents, enrolments,
        every interaction linked to them or whose text `mentions(text)` them, and their audit trail.
        """
        contact = _rows(
            self._c,
            "SELECT c.*, a.name AS account FROM contacts c LEFT JOIN accounts a"
            " ON a.id = c.account_id WHERE c.id = ?",
            (contact_id,),
        )
        self._c.create_function(
            "ritmo_mentions", 1, lambda text: bool(text and mentions(text)), deterministic=True
        )
        interactions = _rows(
            self._c,
            "SELECT i.id, i.occurred_at, i.kind, p.name AS person, a.name AS account,"
            " i.outcome, i.body FROM interactions i JOIN people p ON p.id = i.person_id"
            " LEFT JOIN accounts a ON a.id = i.account_id WHERE i.contact_id = ?"
            " OR ritmo_mentions(i.body) OR ritmo_mentions(i.outcome) ORDER BY i.occurred_at",
            (contact_id,),
        )
        return {
            "contact": contact[0] if contact else None,
            "consents": _rows(
                self._c,
                "SELECT channel, opted_out_at, reason FROM consents WHERE contact_id = ?",
                (contact_id,),
            ),
            "enrolments": _rows(
                self._c,
                "SELECT cadence_key, state, step_index, started_at,"
                " updated_at FROM enrolments WHERE contact_id = ?",
                (contact_id,),
            ),
            "interactions": interactions,
            "audit": [
                {**row, "before": _json(row["before"]), "after": _json(row["after"])}
                for row in _rows(
                    self._c,
                    "SELECT at, actor, action, before, after, reason FROM"
                    " audit_log WHERE entity = 'contact' AND entity_id = ?"
                    " ORDER BY id",
                    (str(contact_id),),
                )
            ],
        }

    def surroundings(self, contact_id: int) -> Surroundings:
        """The Surroundings of one contact."""
        account = self._c.execute(
            "SELECT a.id, a.name, a.name_key FROM contacts c JOIN accounts a ON a.id = c.account_id"
            " WHERE c.id = ?",
            (contact_id,),
        ).fetchone()
        neighbours: tuple[str, ...] = ()
        if account is not None:
            neighbours = tuple(
                r[0]
                for r in self._c.execute(
                    "SELECT name FROM contacts WHERE account_id = ? AND id != ?",
                    (account[0], contact_id),
                )
            )
        users = tuple(r[0] for r in self._c.execute("SELECT name FROM people"))
        return Surroundings(
            account[1] if account else None, account[2] if account else None, neighbours, users
        )
