"""Interactions: every call, visit, e-mail or note, stored once per source message."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from storage import audit
from storage.audit import Actor
from storage.timefmt import to_db

KINDS = ("call", "email", "meeting", "visit", "whatsapp", "linkedin", "note")


@dataclass(frozen=True)
class Interaction:
    id: int
    person_id: int
    account_id: int | None
    deal_id: int | None
    contact_id: int | None
    kind: str
    outcome: str | None
    body: str
    occurred_at: str
    source_platform: str | None
    source_message_id: str | None


_COLS = (
    "id, person_id, account_id, deal_id, contact_id, kind, outcome, body, occurred_at,"
    " source_platform, source_message_id"
)


@dataclass(frozen=True)
class Logged:
    """The stored interaction, and whether this call stored it (False: a redelivery)."""

    interaction: Interaction
    created: bool


def get_interaction(conn: sqlite3.Connection, interaction_id: int) -> Interaction | None:
    row = conn.execute(
        f"SELECT {_COLS} FROM interactions WHERE id = ?", (interaction_id,)
    ).fetchone()
    return Interaction(*row) if row else None


def log_interaction(
    conn: sqlite3.Connection,
    *,
    person_id: int,
    kind: str,
    occurred_at: datetime,
    actor: Actor,
    now: datetime,
    body: str = "",
    account_id: int | None = None,
    deal_id: int | None = None,
    contact_id: int | None = None,
    outcome: str | None = None,
    latitude: float | None = None,
    longitude: float | None = None,
    attachment: str | None = None,
    source_platform: str | None = None,
    source_message_id: str | None = None,
) -> Logged:
    """Store an interaction; the same (platform, message id) is stored only once.

    The hot write path of the whole product (every rep logging at once), so it costs two
    statements: the insert, which the unique source key turns into a no-op for a redelivered
    message, and its audit row.
    """
    occurred = to_db(occurred_at)
    cur = conn.execute(
        "INSERT INTO interactions (person_id, account_id, deal_id, contact_id, kind, outcome, body,"
        " occurred_at, latitude, longitude, attachment, source_platform, source_message_id,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (source_platform, source_message_id) DO NOTHING",
        (
            person_id,
            account_id,
            deal_id,
            contact_id,
            kind,
            outcome,
            body,
            occurred,
            latitude,
            longitude,
            attachment,
            source_platform,
            source_message_id,
            to_db(now),
        ),
    )
    if not cur.rowcount:
        row = conn.execute(
            f"SELECT {_COLS} FROM interactions WHERE source_platform = ? AND source_message_id = ?",
            (source_platform, source_message_id),
        ).fetchone()
        return Logged(Interaction(*row), False)
    stored = Interaction(
        cur.lastrowid,
        person_id,
        account_id,
        deal_id,
        contact_id,
        kind,
        outcome,
        body,
        occurred,
        source_platform,
        source_message_id,
    )
    audit.record(
        conn,
        actor,
        "interaction",
        stored.id,
        "create",
        at=now,
        after={
            "person_id": person_id,
            "account_id": account_id,
            "deal_id": deal_id,
            "kind": kind,
            "occurred_at": occurred,
            "source": source_message_id,
        },
    )
    return Logged(stored, True)


def recent_for_account(
    conn: sqlite3.Connection, account_id: int, limit: int = 5
) -> list[Interaction]:
    rows = conn.execute(
        f"SELECT {_COLS} FROM interactions WHERE account_id = ?"
        " ORDER BY occurred_at DESC, id DESC LIMIT ?",
        (account_id, limit),
    )
    return [Interaction(*r) for r in rows]
