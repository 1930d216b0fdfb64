"""The audit log on PostgreSQL (the SQLite twin: storage/sqlite/audit.py)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import psycopg

from storage.audit import Actor, AuditEntry
from storage.sqlite.audit import _dump  # backend-neutral: the same JSON bytes in both stores
from storage.timefmt import to_db


class PgAudit:
    """Audit on a PostgreSQL connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._c = conn

    def record(
        self,
        actor: Actor,
        entity: str,
        entity_id: object,
        action: str,
        *,
        before: Any = None,
        after: Any = None,
        reason: str | None = None,
        at: datetime | None = None,
    ) -> None:
        """Write one audit row; call it inside the transaction that makes the change."""
        self._c.execute(
            "INSERT INTO audit_log (at, actor_person_id, actor, entity, entity_id, action, before,"
            " after, reason) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            (
                to_db(at or datetime.now(UTC)),
                actor.person_id,
                actor.label,
                entity,
                None if entity_id is None else str(entity_id),
                action,
                _dump(before),
                _dump(after),
                reason,
            ),
        )

    def entries(
        self, entity: str | None = None, entity_id: object = None, limit: int = 100
    ) -> list[AuditEntry]:
        """The newest audit rows, optionally for one record."""
        sql = (
            "SELECT id, at, actor, actor_person_id, entity, entity_id, action, before, after,"
            " reason FROM audit_log"
        )
        params: list[Any] = []
        if entity is not None:
            sql += " WHERE entity = %s"
            params.append(entity)
            if entity_id is not None:
                sql += " AND entity_id = %s"
                params.append(str(entity_id))
        sql += " ORDER BY id DESC LIMIT %s"
        params.append(limit)
        return [
            AuditEntry(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                r[5],
                r[6],
                json.loads(r[7]) if r[7] else None,
                json.loads(r[8]) if r[8] else None,
                r[9],
            )
            for r in self._c.execute(sql, params)
        ]
