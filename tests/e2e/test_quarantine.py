"""Poison updates against a real `ritmo run`: what can't be journaled or handled is quarantined,
the polling offset moves past it, everyone else keeps being answered, and an operator can see,
retry and drop what was quarantined."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest

from benchmarks.fakes import telegram_api as tg
from tests.e2e.ritmo_run import RitmoRun, journal, seed_rep, waiting

ANA = 4242
MALLORY = 666
UNREADABLE = "no chat, no date, no id"


@pytest.fixture
async def fake() -> AsyncIterator:
    async with tg.FakeTelegram() as server:
        yield server


@pytest.fixture
async def bot(fake, store_url: str, tmp_path: Path) -> AsyncIterator[RitmoRun]:
    db = store_url  # every test runs on SQLite and PostgreSQL
    seed_rep(db, ANA)
    running = RitmoRun(fake, db, tmp_path / "run.log")
    await running.start()
    try:
        yield running
    finally:
        if running.proc is not None and running.proc.poll() is None:
            assert await running.terminate() == 0


async def _until(check: Callable[[], bool], timeout: float = 15.0) -> None:
    """The store is another process's: there is nothing to wait on but the store itself."""
    async with asyncio.timeout(timeout):
        while not check():
            await asyncio.sleep(0.05)


def _states(db: str) -> dict[str, tuple]:
    """Waiting and quarantined events by id: (state, attempts, error), as `ritmo inbox` shows."""
    return waiting(db)


async def test_poison_updates_are_quarantined_and_everyone_else_is_answered(
    fake, bot: RitmoRun, tmp_path: Path
) -> None:
    db = bot.env["RITMO_DB"]
    # Valid JSON that no UTF-8 encoder takes, and an update python-telegram-bot can't parse.
    surrogate = await fake.push(tg.message_update(tg.user(MALLORY, "Mallory"), "oi \ud800"))
    unreadable = await fake.push({"message": {"text": UNREADABLE}})
    since = len(fake.calls)
    hello = await fake.push(tg.message_update(tg.user(ANA), "meu pipeline"))

    await fake.wait_confirmed(hello["update_id"], timeout=15)
    reply = await fake.wait_for(
        "sendMessage", lambda c: str(c.params["chat_id"]) == str(ANA), since=since, timeout=15
    )
    assert "pipeline" in reply.text.lower()
    bad = str(unreadable["update_id"])
    await _until(lambda: _states(db).get(bad, ("",))[0] == "failed")

    states = _states(db)
    assert states[str(surrogate["update_id"])][:2] == ("failed", 0)
    assert states[str(surrogate["update_id"])][2].startswith("journal: UnicodeEncodeError")
    assert states[bad][:2] == ("failed", 3)
    assert str(hello["update_id"]) not in states and journal(db)["done"] == 1  # handled

    lines = [json.loads(x) for x in bot.logs.read_text("utf-8").splitlines() if x.strip()]
    assert len([x for x in lines if "quarantined" in x["message"]]) == 2
    assert not [x for x in lines if "could not journal" in x["message"]]
    assert UNREADABLE not in bot.logs.read_text("utf-8"), "what people wrote stays out of the log"


async def test_an_operator_lists_retries_and_drops_while_the_bot_runs(fake, bot: RitmoRun) -> None:
    db = bot.env["RITMO_DB"]
    surrogate = await fake.push(tg.message_update(tg.user(MALLORY, "Mallory"), "oi \ud800"))
    unreadable = await fake.push({"message": {"text": UNREADABLE}})
    await fake.wait_confirmed(unreadable["update_id"], timeout=15)
    await _until(lambda: [s[0] for s in _states(db).values()] == ["failed", "failed"])

    listed = await bot.cli("inbox", "failed", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = {r["event_id"]: r["id"] for r in json.loads(listed.stdout)}
    assert set(rows) == {str(surrogate["update_id"]), str(unreadable["update_id"])}

    # The stranger's message, retried, is answered by the running bot (the refusal strangers get).
    since = len(fake.calls)
    retried = await bot.cli("inbox", "retry", str(rows[str(surrogate["update_id"])]))
    assert retried.returncode == 0 and "back in line" in retried.stdout
    await fake.wait_for(
        "sendMessage", lambda c: str(c.params["chat_id"]) == str(MALLORY), since=since
    )
    await _until(lambda: str(surrogate["update_id"]) not in _states(db))  # handled

    dropped = await bot.cli("inbox", "drop", "--all", locale="pt-BR")
    assert dropped.stdout.strip() == "1 mensagem apagada."
    assert _states(db) == {} and journal(db) == {"pending": 0, "done": 1, "failed": 0}
    assert (await bot.cli("inbox", "failed")).stdout.strip() == "No message is quarantined."
