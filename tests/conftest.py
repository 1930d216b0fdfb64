"""Fixtures shared by every test: a clean environment, a fixed clock, a fresh store."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

import bot.channels  # noqa: F401  (as in the running bot: each channel's link command and limits)
from storage import backends
from storage.interface import Store

# The throwaway PostgreSQL fixtures (pg_url, ...): the server starts only when a test asks.
pytest_plugins = ["tests.pg_fixtures"]

# Slack bolt and PTB read these silently; a developer's real tokens must never leak into tests.
_PLATFORM_PREFIXES = ("SLACK_", "TELEGRAM_", "RITMO_")


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in list(os.environ):
        if key.startswith(_PLATFORM_PREFIXES):
            monkeypatch.delenv(key, raising=False)


class Clock:
    """A controllable UTC clock: tests move time instead of sleeping."""

    def __init__(self, start: datetime) -> None:
        self.current = start

    def __call__(self) -> datetime:
        return self.current

    def advance(self, **delta: float) -> datetime:
        from datetime import timedelta

        self.current += timedelta(**delta)
        return self.current


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 11, 23, 12, 0, tzinfo=UTC))  # a Monday, 09:00 in São Paulo


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "ritmo.db"


@pytest.fixture
async def store(db_path: Path) -> AsyncIterator[Store]:
    opened = await backends.connect(db_path)
    try:
        yield opened
    finally:
        await opened.close()
