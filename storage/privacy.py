"""What the store keeps about one contact, found and erased on request (LGPD)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import Any

from storage.audit import Actor
from storage.text import fold
from storage.timefmt import to_db

Row = dict[str, Any]


def _rows(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...] = ()) -> list[Row]:
    cur = conn.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur]

def find_contacts(conn: sqlite3.Connection, query: str) -> list[Row]:
    """Contacts whose e-mail (any case) or name (any case or accents) is `query`."""
    text = query.strip()
    return _rows(conn, "SELECT id, account_id, name, email, phone, role, created_at, updated_at"
                       " FROM contacts WHERE lower(email) = lower(?) OR name_folded = ?"
                       " ORDER BY id", (text, fold(text)))


def personal_data(conn: sqlite3.Connection, contact_id: int,
                  mentions: Callable[[str], bool]) -> dict[str, Any]:
    """Everything stored about one contact: the record, its company, consents, enrolments,
    every interaction linked to them or whose text `mentions(text)` them, and their audit trail.
    """
    contact = _rows(conn, "SELECT c.*, a.name AS account FROM contacts c LEFT JOIN accounts a"
                          " ON a.id = c.account_id WHERE c.id = ?", (contact_id,))
    conn.create_function("ritmo_mentions", 1, lambda text: bool(text and mentions(text)),
                         deterministic=True)
    interactions = _rows(
        conn, "SELECT i.id, i.occurred_at, i.kind, p.name AS person, a.name AS account,"
              " i.outcome, i.body FROM interactions i JOIN people p ON p.id = i.person_id"
              " LEFT JOIN accounts a ON a.id = i.account_id WHERE i.contact_id = ?"
              " OR ritmo_mentions(i.body) OR ritmo_mentions(i.outcome) ORDER BY i.occurred_at",
        (contact_id,))
    return {
        "contact": contact[0] if contact else None,
        "consents": _rows(conn, "SELECT channel, opted_out_at, reason FROM consents"
                                " WHERE contact_id = ?", (contact_id,)),
        "enrolments": _rows(conn, "SELECT cadence_key, state, step_index, started_at,"
                                  " updated_at FROM enrolments WHERE contact_id = ?",
                            (contact_id,)),
        "interactions": interactions,
        "audit": [
            {**row, "before": _json(row["before"]), "after": _json(row["after"])}
            for row in _rows(conn, "SELECT at, actor, action, before, after, reason FROM"
                                   " audit_log WHERE entity = 'contact' AND entity_id = ?"
                                   " ORDER BY id", (str(contact_id),))
        ],
    }


def _json(text: str | None) -> Any:
    return json.loads(text) if text else None


def _text_columns(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(table, column) for every column that can hold text, in every real table.

    Full-text indexes are never written directly: an external-content one (content=...) is
    kept in step by its triggers when its table is swept, and FTS shadow tables are internal.
    Columns declared INTEGER/REAL can hold text in SQLite, but never text the store writes.
    """
    tables = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"
                          " AND name NOT LIKE 'sqlite_%'").fetchall()
    virtual = {name: (sql or "").replace(" ", "").lower() for name, sql in tables
               if (sql or "").upper().startswith("CREATE VIRTUAL")}
    out = []
    for name, _sql in tables:
        if any(name.startswith(f"{v}_") for v in virtual) or "content=" in virtual.get(name, ""):
            continue
        for column in conn.execute(f"PRAGMA table_xinfo('{name}')"):
            declared, hidden = (column[2] or "").upper(), column[6]
            if hidden == 0 and not any(w in declared for w in ("INT", "REAL", "FLOA", "DOUB")):
                out.append((name, column[1]))
    return out


def forget(conn: sqlite3.Connection, contact_id: int, *, redact: Callable[[str], str],
           mentions: Callable[[str], bool], marker: str, actor: Actor,
           now: datetime) -> dict[str, int]:
    """Erase a contact's personal data everywhere the store keeps text, keeping an audit row.

    The contact row stays (deals, enrolments and interactions keep pointing at it) but its
    name becomes `marker` and its e-mail, phone and role are cleared. Then every text column of
    every table is swept with `redact(text)` wherever `mentions(text)`: interaction bodies,
    outbox and inbox payloads, earlier audit rows, anything another part of ritmo adds later.
    secure_delete makes SQLite overwrite the freed pages, so the old values don't linger in
    the file either.
    """
    conn.execute("PRAGMA secure_delete = ON")
    conn.create_function("ritmo_mentions", 1, lambda text: bool(text and mentions(str(text))),
                         deterministic=True)
    conn.create_function("ritmo_redact", 1, lambda text: redact(str(text)), deterministic=True)
    stamp = to_db(now)
    conn.execute("UPDATE contacts SET name = ?, name_folded = ?, email = NULL, phone = NULL,"
                 " role = NULL, updated_at = ? WHERE id = ?",
                 (marker, fold(marker), stamp, contact_id))
    counts: dict[str, int] = {}
    for table, column in _text_columns(conn):
        cur = conn.execute(f'UPDATE "{table}" SET "{column}" = ritmo_redact("{column}")'
                           f' WHERE ritmo_mentions("{column}")')
        if cur.rowcount > 0:
            counts[f"{table}.{column}"] = cur.rowcount
    conn.execute(
        "INSERT INTO audit_log (at, actor_person_id, actor, entity, entity_id, action, before,"
        " after, reason) VALUES (?, ?, ?, 'contact', ?, 'forget', NULL, ?, 'LGPD erasure request')",
        (stamp, actor.person_id, actor.label, str(contact_id),
         json.dumps({"redacted": counts}, ensure_ascii=False)))
    return counts
