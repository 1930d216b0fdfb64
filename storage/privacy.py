"""What the store keeps about one contact (LGPD): finding her, exporting it, who is near her."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from storage.text import fold

Row = dict[str, Any]


def _rows(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...] = ()) -> list[Row]:
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur]


def find_contacts(conn: sqlite3.Connection, query: str) -> list[Row]:
    """Contacts whose e-mail (any case) or name (any case or accents) is `query`."""
    text = query.strip()
    return _rows(
        conn,
        "SELECT id, account_id, name, email, phone, role, created_at, updated_at"
        " FROM contacts WHERE lower(email) = lower(?) OR name_folded = ?"
        " ORDER BY id",
        (text, fold(text)),
    )


def personal_data(
    conn: sqlite3.Connection, contact_id: int, mentions: Callable[[str], bool]
) -> dict[str, Any]:
    """Everything stored about one contact: the record, its company, consents, enrolments,
    every interaction linked to them or whose text `mentions(text)` them, and their audit trail.
    """
    contact = _rows(
        conn,
        "SELECT c.*, a.name AS account FROM contacts c LEFT JOIN accounts a"
        " ON a.id = c.account_id WHERE c.id = ?",
        (contact_id,),
    )
    conn.create_function(
        "ritmo_mentions", 1, lambda text: bool(text and mentions(text)), deterministic=True
    )
    interactions = _rows(
        conn,
        "SELECT i.id, i.occurred_at, i.kind, p.name AS person, a.name AS account,"
        " i.outcome, i.body FROM interactions i JOIN people p ON p.id = i.person_id"
        " LEFT JOIN accounts a ON a.id = i.account_id WHERE i.contact_id = ?"
        " OR ritmo_mentions(i.body) OR ritmo_mentions(i.outcome) ORDER BY i.occurred_at",
        (contact_id,),
    )
    return {
        "contact": contact[0] if contact else None,
        "consents": _rows(
            conn,
            "SELECT channel, opted_out_at, reason FROM consents WHERE contact_id = ?",
            (contact_id,),
        ),
        "enrolments": _rows(
            conn,
            "SELECT cadence_key, state, step_index, started_at,"
            " updated_at FROM enrolments WHERE contact_id = ?",
            (contact_id,),
        ),
        "interactions": interactions,
        "audit": [
            {**row, "before": _json(row["before"]), "after": _json(row["after"])}
            for row in _rows(
                conn,
                "SELECT at, actor, action, before, after, reason FROM"
                " audit_log WHERE entity = 'contact' AND entity_id = ?"
                " ORDER BY id",
                (str(contact_id),),
            )
        ],
    }


def _json(text: str | None) -> Any:
    return json.loads(text) if text else None


@dataclass(frozen=True)
class Surroundings:
    """The names near a contact, which decide whether a word of her name means her.

    `account_key` is her company's name as names are compared (no accents, punctuation or
    suffix such as Ltda), `neighbours` the other contacts at that company, `users` everyone
    who uses ritmo.
    """

    account_name: str | None
    account_key: str | None
    neighbours: tuple[str, ...]
    users: tuple[str, ...]


def surroundings(conn: sqlite3.Connection, contact_id: int) -> Surroundings:
    """The Surroundings of one contact."""
    account = conn.execute(
        "SELECT a.id, a.name, a.name_key FROM contacts c JOIN accounts a ON a.id = c.account_id"
        " WHERE c.id = ?",
        (contact_id,),
    ).fetchone()
    neighbours: tuple[str, ...] = ()
    if account is not None:
        neighbours = tuple(
            r[0]
            for r in conn.execute(
                "SELECT name FROM contacts WHERE account_id = ? AND id != ?",
                (account[0], contact_id),
            )
        )
    users = tuple(r[0] for r in conn.execute("SELECT name FROM people"))
    return Surroundings(
        account[1] if account else None, account[2] if account else None, neighbours, users
    )
