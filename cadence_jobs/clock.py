"""The wall clock, read in one place so tests and the demo can substitute their own."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)
