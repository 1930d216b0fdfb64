"""What the store keeps about one contact, on PostgreSQL (the SQLite twin:
storage/sqlite/privacy.py)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import psycopg
from psycopg.rows import dict_row

from storage.privacy import Row, Surroundings
from storage.text import fold


def _rows(conn: psycopg.Connection[Any], sql: str, params: Sequence[Any] = ()) -> list[Row]:
    with conn.cursor(row_factory=dict_row) as cur:
        return list(cur.execute(sql, params))


def _json(text: str | None) -> Any:
    return json.loads(text) if text else None


# Interactions read in slices while looking for the ones that mention her: the whole table
# never sits in memory at once.
_SLICE = 5_000


class PgPrivacy:
    """Privacy on a PostgreSQL connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._c = conn

    def find_contacts(self, query: str) -> list[dict[str, Any]]:
        """Contacts whose e-mail (any case) or name (any case or accents) is `query`."""
        text = query.strip()
        return _rows(
            self._c,
            "SELECT id, account_id, name, email, phone, role, created_at, updated_at"
            " FROM contacts WHERE lower(email) = lower(%s) OR name_folded = %s"
            " ORDER BY id",
            (text, fold(text)),
        )

    def _mentioning(self, contact_id: int, mentions: Callable[[str], bool]) -> list[int]:
        """Ids of interactions linked to her or whose body or outcome `mentions` her.

        SQLite calls `mentions` from inside the query (a registered function); PostgreSQL
        cannot call back into this process, so the texts come here in id slices (keyset
        paging: one round trip per slice) and are tested in Python.
        """
        ids: list[int] = []
        after = 0
        while True:
            rows = self._c.execute(
                "SELECT id, contact_id, body, outcome FROM interactions WHERE id > %s"
                " ORDER BY id LIMIT %s",
                (after, _SLICE),
            ).fetchall()
            if not rows:
                return ids
            for row_id, linked, body, outcome in rows:
                if (
                    linked == contact_id
                    or (body and mentions(body))
                    or (outcome and mentions(outcome))
                ):
                    ids.append(row_id)
            after = rows[-1][0]

    def personal_data(self, contact_id: int, mentions: Callable[[str], bool]) -> dict[str, Any]:
        """Everything stored about one contact: the record, its company, consents, enrolments,
        every interaction linked to them or whose text `mentions(text)` them, and their audit trail.
        """
        contact = _rows(
            self._c,
            "SELECT c.*, a.name AS account FROM contacts c LEFT JOIN accounts a"
            " ON a.id = c.account_id WHERE c.id = %s",
            (contact_id,),
        )
        # ORDER BY occurred_at alone leaves ties to the engine on SQLite (insertion order in
        # practice); id breaks them the same way here.
        interactions = _rows(
            self._c,
            "SELECT i.id, i.occurred_at, i.kind, p.name AS person, a.name AS account,"
            " i.outcome, i.body FROM interactions i JOIN people p ON p.id = i.person_id"
            " LEFT JOIN accounts a ON a.id = i.account_id WHERE i.id = ANY(%s)"
            ' ORDER BY i.occurred_at COLLATE "C", i.id',
            (self._mentioning(contact_id, mentions),),
        )
        return {
            "contact": contact[0] if contact else None,
            "consents": _rows(
                self._c,
                "SELECT channel, opted_out_at, reason FROM consents WHERE contact_id = %s",
                (contact_id,),
            ),
            "enrolments": _rows(
                self._c,
                "SELECT cadence_key, state, step_index, started_at,"
                " updated_at FROM enrolments WHERE contact_id = %s",
                (contact_id,),
            ),
            "interactions": interactions,
            "audit": [
                {**row, "before": _json(row["before"]), "after": _json(row["after"])}
                for row in _rows(
                    self._c,
                    "SELECT at, actor, action, before, after, reason FROM"
                    " audit_log WHERE entity = 'contact' AND entity_id = %s"
                    " ORDER BY id",
                    (str(contact_id),),
                )
            ],
        }

    def surroundings(self, contact_id: int) -> Surroundings:
        """The Surroundings of one contact, in one round trip."""
        row = self._c.execute(
            "SELECT a.name, a.name_key,"
            " ARRAY(SELECT n.name FROM contacts n WHERE n.account_id = a.id AND n.id != c.id"
            "       ORDER BY n.id),"
            " ARRAY(SELECT p.name FROM people p ORDER BY p.id)"
            " FROM (SELECT %s::bigint AS id) me"
            " LEFT JOIN contacts c ON c.id = me.id LEFT JOIN accounts a ON a.id = c.account_id",
            (contact_id,),
        ).fetchone()
        assert row is not None  # one row always: the LEFT JOINs hang off a constant
        name, key, neighbours, users = row
        return Surroundings(name, key, tuple(neighbours) if name is not None else (), tuple(users))
