"""The outbox: proactive messages, written in the same transaction as their cause, and replies
to a person's message that the platform failed to take (kind 'reply'), so both get the same
durable retry.

The dedupe key makes queueing idempotent (a second due scan or digest run is a no-op); a row is
marked sent only after the platform accepted it, keeping the platform's message id.

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/outbox.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

KINDS = ("reminder", "agenda", "digest", "alert", "notice", "reply")


@dataclass(frozen=True)
class OutboxItem:
    id: int
    person_id: int
    kind: str
    dedupe_key: str
    payload: dict[str, Any]
    state: str
    attempts: int
    next_attempt_at: str
    last_error: str | None
    platform: str | None
    platform_message_id: str | None
