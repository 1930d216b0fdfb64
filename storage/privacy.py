"""What the store keeps about one contact (LGPD): finding her, exporting it, who is near her.

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/privacy.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Row = dict[str, Any]


@dataclass(frozen=True)
class Surroundings:
    """The names near a contact, which decide whether a word of her name means her.

    `account_key` is her company's name as names are compared (no accents, punctuation or
    suffix such as Ltda), `neighbours` the other contacts at that company, `users` everyone
    who uses ritmo.
    """

    account_name: str | None
    account_key: str | None
    neighbours: tuple[str, ...]
    users: tuple[str, ...]
