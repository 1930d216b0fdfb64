"""Fixtures shared by every test: a clean environment, a fixed clock, a fresh store."""

from __future__ import annotations

import os
import shutil
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

import bot.channels  # noqa: F401  (as in the running bot: each channel's link command and limits)
from storage import backends
from storage.interface import Store

# The throwaway PostgreSQL fixtures (pg_url, ...): the server starts only when a test asks.
pytest_plugins = ["tests.pg_fixtures"]

# The modules holding the suite's longest tests (seconds on one worker, load ~6, 2026-12-07),
# run first: with `-n 2` the two workers then finish together instead of one of them starting a
# half-minute test when the other is already done. A module moves as a whole (its module
# fixtures are built once); a name missing here only costs time, never a test.
SLOW_FIRST = (
    "tests/packaging/test_clean_install.py",  # a venv and the wheel installed into it: ~60 s
    "tests/unit/test_types.py",  # mypy over the four packages, no cache on a fresh clone: ~36 s
    "tests/benchmarks/test_run.py",  # every benchmark scenario on PostgreSQL: ~30 s
    "tests/e2e/test_soak_two_processes.py",  # ~28 s
    "tests/e2e/test_soak_short.py",  # ~28 s
    "tests/cli/test_export_transfer.py",  # ~21 s, ~72 s in all
    "tests/cli/test_cli.py",  # ~17 s, ~62 s in all
    "tests/e2e/test_sigterm.py",  # ~16 s
    "tests/cli/test_export_formulas.py",  # ~14 s
    "tests/cli/test_users_set.py",  # ~13 s
    "tests/e2e/test_forget_running_bot.py",  # ~12 s
    "tests/e2e/test_quarantine.py",  # ~12 s
    "tests/e2e/test_telegram.py",  # the crash-restart pair, ~9 s and ~5 s
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The SLOW_FIRST modules first, in that order; every other test keeps its place."""
    rank = {module: n for n, module in enumerate(SLOW_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(rank)))


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
async def store(db_path: Path, sqlite_template: Path) -> AsyncIterator[Store]:
    """A fresh, migrated SQLite store at db_path: a copy of the worker's migrated template
    (tests/pg_fixtures.py), ~10 ms where migrating a new file takes 100-300 ms."""
    if not db_path.exists():
        shutil.copyfile(sqlite_template, db_path)
    opened = await backends.connect(db_path)
    try:
        yield opened
    finally:
        await opened.close()
