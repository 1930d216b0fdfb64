"""Tasks and the follow-ups' life after they are set: done, postponed, reminded, undone.

A task is a follow-up of kind 'task' (migration 0012): one table holds every one-off step
outside a cadence, so the agenda, "who is behind" and the reminders read one place.

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/tasks.py.
"""

from __future__ import annotations

from dataclasses import dataclass

TASK = "task"


@dataclass(frozen=True)
class Unreminded:
    id: int
    person_id: int
    due_date: str
    due_time: str | None


@dataclass(frozen=True)
class Undoable:
    """The last thing a person wrote that undo may take back: an interaction or a task."""

    what: str  # "interaction" | "task"
    id: int
    kind: str
    text: str
    account_name: str | None
    created_at: str
