"""Button tokens: the short opaque ids that stand for (person, action, args) on the server.

A platform only ever sees the token (Telegram allows 64 bytes of callback data), so a client can
neither read nor forge the action behind a button, and a token pressed by anyone but the person
it was made for is refused.

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/callbacks.py.
"""

from __future__ import annotations

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
