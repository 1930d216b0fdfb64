"""Interactions: every call, visit, e-mail or note, stored once per source message."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass
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
    """Store an interaction; the same (platform, message id) is stored only once."""
    if source_platform and source_message_id:
        row = conn.execute(
            f"SELECT {_COLS} FROM interactions WHERE source_platform = ?"
            " AND source_message_id = ?",
            (source_platform, source_message_id),
        ).fetchone()
        if row:
            return Logged(Interaction(*row), False)
    cur = conn.execute(
        "INSERT INTO interactions (person_id, account_id, deal_id, contact_id, kind, outcome, body,"
        " occurred_at, latitude, longitude, attachment, source_platform, source_message_id,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            person_id,
            account_id,
            deal_id,
            contact_id,
            kind,
            outcome,
            body,
            to_db(occurred_at),
            latitude,
            longitude,
            attachment,
            source_platform,
            source_message_id,
            to_db(now),
        ),
    )
    stored = get_interaction(conn, cur.lastrowid)
    assert stored is not None
    audit.record(
        conn,
        actor,
        "interaction",
        stored.id,
        "create",
        after={k: v for k, v in asdict(stored).items() if k != "body"},
        at=now,
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
