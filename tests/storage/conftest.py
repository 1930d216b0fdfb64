"""tests/storage/ tests the SQLite backend from inside: its engine (storage.sqlite.db.Store, whose
transaction bodies get the connection) and the SQL modules that implement the repositories.
Everything above storage/ goes through the interface instead (tests/contract/store/)."""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from storage.sqlite.db import Store


@pytest.fixture
async def store(db_path: Path, sqlite_template: Path) -> AsyncIterator[Store]:
    """A fresh, migrated store: a copy of the worker's migrated template (tests/conftest.py)."""
    if not db_path.exists():
        shutil.copyfile(sqlite_template, db_path)
    opened = await Store.open(db_path)
    try:
        yield opened
    finally:
        await opened.close()
