"""A real `ritmo run` marks its store as in use, so a big `ritmo import` beside it is refused in
one sentence instead of stalling the bot; the mark goes when the bot stops.

SQLite only: the refusal exists because one import holds the SQLite file's single write lock,
and the mark is a lock file beside that file (bot/runlock.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from benchmarks.fakes import telegram_api as tg
from bot.commands.transfer import RUNNING_IMPORT_MAX_ROWS
from bot.runlock import holder
from tests.e2e.ritmo_run import RitmoRun, read, seed_rep


@pytest.fixture
async def fake() -> AsyncIterator:
    async with tg.FakeTelegram() as server:
        yield server


async def test_a_big_import_beside_a_running_bot_is_refused(fake, tmp_path) -> None:
    db, logs = tmp_path / "ritmo.db", tmp_path / "run.log"
    seed_rep(db, 4242)
    big = tmp_path / "big.csv"
    names = "\n".join(f"Conta {n:06d}" for n in range(RUNNING_IMPORT_MAX_ROWS + 1))
    big.write_text(f"name\n{names}\n", "utf-8")
    bot = RitmoRun(fake, db, logs)
    await bot.start()
    try:
        assert holder(db) == bot.proc.pid
        result = await bot.cli("import", "accounts", str(big))
        assert result.returncode == 2 and "Traceback" not in result.stderr
        assert f"process {bot.proc.pid}) is using this store" in result.stderr
        assert read(db, lambda tx: tx.accounts.list_accounts()) == []
    finally:
        assert await bot.terminate() == 0
    assert holder(db) is None
