"""`ritmo privacy forget` while `ritmo run` holds the store open: afterwards not one byte of the
person is left in the database file, its -wal or its -shm, with the bot still running and after
it stops; backups taken before are named as still holding her."""

from __future__ import annotations

import asyncio
import sqlite3
import subprocess
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from benchmarks.fakes import telegram_api as tg
from storage import stages
from storage.audit import CLI
from storage.sqlite.db import connect_sync, transaction
from storage.sqlite.repositories import SqliteTx
from tests.e2e.ritmo_run import ROOT, RitmoRun
from tests.store_files import leftovers

USER_ID = 4343
ACCOUNT = "Padaria Bem-te-vi"
NAME, EMAIL, PHONE = "Zuléica Quixabeira", "zq7731@bemtevi-pães.com.br", "+55 11 98765-4321"
ROLE = "Diretora de Zimurgia"
# Every way she can be found: her name's words alone, her e-mail, phone and role.
NEEDLES = ["Zuléica", "Quixabeira", EMAIL, "98765-4321", "987654321", "98765 4321", "Zimurgia"]


def _seed(db: Path, contacts_csv: Path) -> None:
    """A rep linked on Telegram, her account, and a contacts file to import while the bot runs."""
    conn = connect_sync(db)
    now = datetime.now(UTC)
    with transaction(conn):
        SqliteTx(conn).stages.install_stages(stages.DEFAULT_STAGES, CLI)
        rep = SqliteTx(conn).people.add_person(
            name="Ana Lima", role="rep", timezone="UTC", locale="pt-BR", actor=CLI, now=now
        )
        SqliteTx(conn).people.set_schedule(
            rep.id,
            work_start="00:00",
            work_end="23:59",
            work_days="1,2,3,4,5,6,7",
            actor=CLI,
            now=now,
        )
        SqliteTx(conn).people.link_identity(
            rep.id, "telegram", str(USER_ID), str(USER_ID), CLI, now
        )
        SqliteTx(conn).accounts.create_account(name=ACCOUNT, owner_id=rep.id, actor=CLI, now=now)
    conn.close()
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


def _sql(db: Path, query: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return [tuple(r) for r in conn.execute(query)]
    finally:
        conn.close()


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
    bodies = _sql(db, "SELECT body FROM interactions ORDER BY id")
    assert bodies == [
        ("liguei pra Padaria Bem-te-vi, a [redacted] pediu proposta",),
        ("[redacted] quer desconto, tel [redacted]",),
        (f"visitei a {ACCOUNT}, o João pediu catálogo",),
    ]
    assert _sql(db, "PRAGMA integrity_check") == [("ok",)]
