"""The audit log: who or what changed which record, when, before/after, and why.

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/audit.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Actor:
    """Who caused a change: a person, or a named part of the system ("system:due_scan", "cli")."""

    person_id: int | None
    label: str

    @classmethod
    def person(cls, person_id: int) -> Actor:
        return cls(person_id, f"person:{person_id}")

    @classmethod
    def system(cls, name: str) -> Actor:
        return cls(None, f"system:{name}")


CLI = Actor(None, "cli")


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    actor: str
    actor_person_id: int | None
    entity: str
    entity_id: str | None
    action: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    reason: str | None
