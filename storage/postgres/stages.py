"""Stages on PostgreSQL (the SQLite twin: storage/sqlite/stages.py)."""

from __future__ import annotations

from typing import Any

import psycopg


class PgStages:
    """Stages on a PostgreSQL connection: NOT PORTED YET (issue 16, in progress).

    Every method raises NotImplementedError naming itself, so a contract test that reaches it
    fails loudly instead of passing on a half-built backend.
    """

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._c = conn

    def __getattr__(self, name: str) -> Any:
        raise NotImplementedError(f"PgStages.{name} is not ported to PostgreSQL yet")
