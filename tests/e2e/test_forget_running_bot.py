"""`ritmo privacy forget` while `ritmo run` holds the store open: afterwards not one byte of the
person is left in the database file, its -wal or its -shm, with the bot still running and after
it stops; backups taken before are named as still holding her.

SQLite only by what it checks: the bytes of the store's files (tests/store_files.leftovers) and
PRAGMA integrity_check. The seed and the logs left after the forget go through the interface."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from benchmarks.fakes import telegram_api as tg
from storage import stages
from storage.audit import CLI
from tests.e2e.ritmo_run import ROOT, RitmoRun, read, seed_rep, sqlite_integrity, write
from tests.store_files import leftovers

USER_ID = 4343
ACCOUNT = "Padaria Bem-te-vi"
NAME, EMAIL, PHONE = "Zuléica Quixabeira", "zq7731@bemtevi-pães.com.br", "+55 11 98765-4321"
ROLE = "Diretora de Zimurgia"
# Every way she can be found: her name's words alone, her e-mail, phone and role.
NEEDLES = ["Zuléica", "Quixabeira", EMAIL, "98765-4321", "987654321", "98765 4321", "Zimurgia"]


def _seed(db: Path, contacts_csv: Path) -> None:
    """A rep linked on Telegram, her account, and a contacts file to import while the bot runs."""
    rep_id = seed_rep(db, USER_ID)
    write(db, lambda tx: tx.stages.install_stages(stages.DEFAULT_STAGES, CLI))
    now = datetime.now(UTC)
    write(
        db,
        lambda tx: tx.accounts.create_account(name=ACCOUNT, owner_id=rep_id, actor=CLI, now=now),
    )
    contacts_csv.write_text(
        "name,account,email,phone,role\n"
        f"{NAME},{ACCOUNT},{EMAIL},{PHONE},{ROLE}\n"
        f"João Pereira,{ACCOUNT},joao@example.com,,Comprador\n",
        encoding="utf-8",
    )


def _cli(bot: RitmoRun, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        env={**bot.env, "RITMO_LOCALE": "en"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


async def _say(fake, text: str) -> None:
    """Ana writes `text`; returns once ritmo answered it."""
    since = len(fake.calls)
    pushed = await fake.push(tg.message_update(tg.user(USER_ID), text))
    await fake.wait_confirmed(pushed["update_id"], timeout=15)
    await fake.wait_for("sendMessage", since=since, timeout=15)


@pytest.fixture
async def fake() -> AsyncIterator:
    async with tg.FakeTelegram() as server:
        yield server


async def test_forget_with_the_bot_running_leaves_no_byte_of_her(fake, tmp_path) -> None:
    db, csv, backup = tmp_path / "ritmo.db", tmp_path / "contatos.csv", tmp_path / "copia.db"
    _seed(db, csv)
    bot = RitmoRun(fake, db, tmp_path / "run.log")
    await bot.start()
    try:
        imported = await asyncio.to_thread(_cli, bot, "import", "contacts", str(csv))
        assert imported.returncode == 0, imported.stderr
        await _say(fake, "liguei pra Padaria Bem-te-vi, a Zuléica pediu proposta")
        await _say(fake, "log call Padaria Bem-te-vi: Quixabeira quer desconto, tel 98765-4321")
        await _say(fake, f"visitei a {ACCOUNT}, o João pediu catálogo")
        copied = await asyncio.to_thread(_cli, bot, "backup", str(backup))
        assert copied.returncode == 0, copied.stderr
        before = leftovers(db, NEEDLES)
        assert before.get("ritmo.db-wal"), "the running bot's WAL holds her before the forget"

        forgot = await asyncio.to_thread(
            _cli, bot, "privacy", "forget", "--contact", EMAIL, "--yes"
        )
        assert forgot.returncode == 0, forgot.stderr
        assert leftovers(db, NEEDLES) == {}  # the bot still holds the store open
        assert str(backup) in forgot.stdout and "still hold" in forgot.stdout
        assert leftovers(backup, NEEDLES), "the message about backups is true"

        await _say(fake, "o que tenho hoje?")  # the bot carries on after the forget
        assert leftovers(db, NEEDLES) == {}
    finally:
        assert await bot.terminate() == 0
    assert leftovers(db, NEEDLES) == {}
    bodies = read(db, lambda tx: [r["body"] for r in tx.transfer.export_rows("interactions")])
    assert bodies == [
        "liguei pra Padaria Bem-te-vi, a [redacted] pediu proposta",
        "[redacted] quer desconto, tel [redacted]",
        f"visitei a {ACCOUNT}, o João pediu catálogo",
    ]
    assert sqlite_integrity(db) == "ok"
