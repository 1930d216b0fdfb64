"""An owner's due steps for the morning agenda, with what ranks them."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime

from storage.timefmt import from_db, to_db


@dataclass(frozen=True)
class AgendaRow:
    enrolment_id: int
    step_index: int
    due_at: datetime
    cadence_key: str
    contact: str | None
    account: str
    deal_amount: float | None
    probability: float | None


def agenda_rows(conn: sqlite3.Connection, owner_id: int, until: datetime) -> list[AgendaRow]:
    """An owner's active steps due by `until` (end of their day), with what ranks them."""
    rows = conn.execute(
        "SELECT e.id, e.step_index, e.due_at, e.cadence_key, c.name, a.name, d.amount,"
        " s.probability FROM enrolments e JOIN accounts a ON a.id = e.account_id"
        " LEFT JOIN contacts c ON c.id = e.contact_id"
        # Only the owner's own deal ranks their step (storage.books: a shared account's
        # other deals are not theirs to see).
        " LEFT JOIN deals d ON d.id = e.deal_id AND d.owner_id = e.owner_id"
        " LEFT JOIN stages s ON s.key = d.stage_key"
        " WHERE e.owner_id = ? AND e.state = 'active' AND e.due_at <= ? ORDER BY e.due_at",
        (owner_id, to_db(until)),
    )
    return [AgendaRow(r[0], r[1], from_db(r[2]), r[3], r[4], r[5], r[6], r[7]) for r in rows]
