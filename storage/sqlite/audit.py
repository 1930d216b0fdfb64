"""The SQLite SQL of storage/audit.py's repository: SqliteAudit on one connection.

The records it returns live in storage/audit.py (shared by every backend).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from json.encoder import c_make_encoder, encode_basestring  # type: ignore[attr-defined]
from typing import Any

from storage.audit import Actor, AuditEntry
from storage.timefmt import to_db

# One C encoder for every row. `JSONEncoder.encode` builds a new one on every call (and
# json.dumps with options a whole JSONEncoder too): on the hottest write that was most of the
# audit row's cost. Same output as JSONEncoder(ensure_ascii=False, default=str); no circular
# check, since audit values are plain records built by the caller.
_ENCODE = (
    c_make_encoder(None, str, encode_basestring, None, ": ", ", ", False, False, True)
    if c_make_encoder is not None
    else None
)


_FALLBACK = json.JSONEncoder(ensure_ascii=False, default=str)


def _dump(value: Any) -> str | None:
    if value is None:
        return None
    if _ENCODE is None:  # an interpreter without the C accelerator
        return _FALLBACK.encode(value)
    return "".join(_ENCODE(value, 0))


INSERT = (
    "INSERT INTO audit_log (at, actor_person_id, actor, entity, entity_id, action, before,"
    " after, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def insert(
    conn: sqlite3.Connection,
    at: str,
    actor: Actor,
    entity: str,
    entity_id: str | None,
    action: str,
    before: str | None,
    after: str | None,
    reason: str | None = None,
) -> None:
    """One audit row of values already as stored (`at` UTC text, `before`/`after` JSON
    text): what `SqliteAudit.record` writes, for a hot write that has them at hand."""
    conn.execute(
        INSERT,
        (at, actor.person_id, actor.label, entity, entity_id, action, before, after, reason),
    )


class SqliteAudit:
    """Audit on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
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
        insert(
            self._c,
            to_db(at or datetime.now(UTC)),
            actor,
            entity,
            None if entity_id is None else str(entity_id),
            action,
            _dump(before),
            _dump(after),
            reason,
        )

    def entries(
        self, entity: str | None = None, entity_id: object = None, limit: int = 100
    ) -> list[AuditEntry]:
        """The newest audit rows, optionally for one record."""
        sql = "SELECT * FROM audit_log"
        params: list[Any] = []
        if entity is not None:
            sql += " WHERE entity = ?"
            params.append(entity)
            if entity_id is not None:
                sql += " AND entity_id = ?"
                params.append(str(entity_id))
        sql += " ORDER BY id DESC LIMIT ?"
        params.append(limit)
        return [
            AuditEntry(
                r["id"],
                r["at"],
                r["actor"],
                r["actor_person_id"],
                r["entity"],
                r["entity_id"],
                r["action"],
                json.loads(r["before"]) if r["before"] else None,
                json.loads(r["after"]) if r["after"] else None,
                r["reason"],
            )
            for r in self._c.execute(sql, params)
        ]
