"""Button tokens: the short opaque ids that stand for (person, action, args) on the server.

A platform only ever sees the token (Telegram allows 64 bytes of callback data), so a client can
neither read nor forge the action behind a button, and a token pressed by anyone but the person
it was made for is refused.

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/callbacks.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

TOKEN_BYTES = 9  # 12 url-safe characters
DEFAULT_TTL = timedelta(days=30)


@dataclass(frozen=True)
class Callback:
    token: str
    person_id: int
    action: str
    args: dict[str, Any]
    used: bool
    expired: bool


def open_card(batch: Sequence[Callback]) -> list[Callback]:
    """A card's buttons while the card is still open: all of them when none was pressed and
    none expired, else none. One press (or a typed answer) closes the whole card, so a typed
    "sim" never answers a card whose other button was already pressed."""
    if any(c.used or c.expired for c in batch):
        return []
    return list(batch)
