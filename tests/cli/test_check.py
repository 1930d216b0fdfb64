"""`ritmo check` on a good and on each kind of broken setup (issue 18): the line a person reads
and the exit status a deploy script reads.

The command runs as a real process against the fake Telegram and Slack APIs on loopback, so
the "who am I" calls go through python-telegram-bot and slack_sdk exactly as `ritmo run`'s.
"""

from __future__ import annotations

import asyncio
import os
import socket
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from benchmarks.fakes.slack_api import FakeSlackApi
from benchmarks.fakes.telegram_api import TOKEN, FakeTelegram
from storage.sqlite.db import latest_version, migrations

SLACK_TOKEN = "xoxb-good"


@dataclass(frozen=True)
class Outcome:
    code: int
    lines: list[str]
    stderr: str

    def line(self, item: str) -> str:
        found = [line for line in self.lines if line.split()[1].rstrip(":") == item]
        assert len(found) == 1, self.lines
        return found[0]


async def run_check(tmp_path: Path, **env: str) -> Outcome:
    """`ritmo check` as a process; awaited, so the fakes on this loop can answer it."""
    base = {
        k: v for k, v in os.environ.items() if not k.startswith(("RITMO_", "SLACK_", "TELEGRAM_"))
    }
    base.update(RITMO_DB=str(tmp_path / "ritmo.db"), RITMO_LOCALE="en")
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        "check",
        env={**base, **env},
        cwd=tmp_path,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode is not None
    return Outcome(process.returncode, out.decode().splitlines(), err.decode())


@pytest.fixture
def initialised(tmp_path: Path) -> Path:
    db = tmp_path / "ritmo.db"
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("RITMO_", "SLACK_", "TELEGRAM_"))
    }
    subprocess.run(
        [sys.executable, "-m", "bot.cli", "init"],
        env={**env, "RITMO_DB": str(db)},
        check=True,
        capture_output=True,
        timeout=60,
    )
    return db


def platforms(
    telegram: FakeTelegram | str,
    slack: FakeSlackApi | str,
    *,
    telegram_token: str = TOKEN,
    slack_token: str = SLACK_TOKEN,
) -> dict[str, str]:
    return {
        "TELEGRAM_BOT_TOKEN": telegram_token,
        "TELEGRAM_API_BASE_URL": telegram if isinstance(telegram, str) else telegram.base_url,
        "SLACK_BOT_TOKEN": slack_token,
        "SLACK_SIGNING_SECRET": "signing-secret",
        "SLACK_API_BASE_URL": slack if isinstance(slack, str) else slack.base_url,
    }


async def test_a_good_setup_is_all_ok_and_asks_each_platform_once(
    tmp_path: Path, initialised: Path
) -> None:
    async with FakeTelegram() as tg, FakeSlackApi(token=SLACK_TOKEN) as sl:
        outcome = await run_check(tmp_path, **platforms(tg, sl))
        assert [c.method for c in tg.calls] == ["getMe"]
        assert [c.method for c in sl.calls] == ["auth.test"]
    assert outcome.code == 0, outcome
    assert len(outcome.lines) == 5 and all(line.startswith("ok ") for line in outcome.lines)
    assert outcome.line("backups").endswith(
        "off (set [backup] folder or RITMO_BACKUP_FOLDER for a copy every day)"
    )
    assert "platforms: telegram, slack" in outcome.line("configuration")
    assert f"schema version {latest_version()}, integrity ok" in outcome.line("store")
    assert outcome.line("telegram").endswith("token accepted: @ritmo_test_bot")
    assert outcome.line("slack").endswith("token accepted: ritmo @ Test")


async def test_bad_tokens_are_problems_named_by_variable(
    tmp_path: Path, initialised: Path
) -> None:
    async with FakeTelegram() as tg, FakeSlackApi(token=SLACK_TOKEN) as sl:
        outcome = await run_check(
            tmp_path, **platforms(tg, sl, telegram_token="999:wrong", slack_token="xoxb-wrong")
        )
    assert outcome.code == 1, outcome
    assert outcome.line("store").startswith("ok ")
    assert outcome.line("telegram") == (
        "PROBLEM  telegram: Telegram refused TELEGRAM_BOT_TOKEN; copy it again from @BotFather."
    )
    assert outcome.line("slack").startswith(
        "PROBLEM  slack: Slack refused SLACK_BOT_TOKEN (invalid_auth);"
    )
    assert "999:wrong" not in "\n".join(outcome.lines) + outcome.stderr
    assert "Traceback" not in outcome.stderr


async def test_bad_tokens_in_portuguese(tmp_path: Path, initialised: Path) -> None:
    async with FakeTelegram() as tg, FakeSlackApi(token=SLACK_TOKEN) as sl:
        outcome = await run_check(
            tmp_path,
            RITMO_LOCALE="pt-BR",
            **platforms(tg, sl, telegram_token="999:wrong", slack_token="xoxb-wrong"),
        )
    assert outcome.code == 1
    assert outcome.line("telegram") == (
        "PROBLEMA telegram: O Telegram recusou "
        "TELEGRAM_BOT_TOKEN; copie o token de novo do @BotFather."
    )
    assert outcome.line("slack").startswith("PROBLEMA slack: O Slack recusou SLACK_BOT_TOKEN")
    assert outcome.line("configuração").startswith("ok ")


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_an_unreachable_api_is_a_problem_not_a_hang(
    tmp_path: Path, initialised: Path
) -> None:
    port = closed_port()
    started = asyncio.get_running_loop().time()
    outcome = await run_check(
        tmp_path, **platforms(f"http://127.0.0.1:{port}/bot", f"http://127.0.0.1:{port}/api/")
    )
    assert asyncio.get_running_loop().time() - started < 30
    assert outcome.code == 1, outcome
    assert outcome.line("telegram").startswith(
        "PROBLEM  telegram: Cannot reach the Telegram Bot API ("
    )
    assert outcome.line("telegram").endswith("check TELEGRAM_API_BASE_URL and the network.")
    assert outcome.line("slack").startswith("PROBLEM  slack: Cannot reach the Slack Web API (")
    assert "Traceback" not in outcome.stderr


async def test_a_store_newer_than_this_ritmo_is_a_problem(
    tmp_path: Path, initialised: Path
) -> None:
    with sqlite3.connect(initialised) as conn:
        conn.execute(f"PRAGMA user_version={latest_version() + 1}")
    outcome = await run_check(tmp_path)
    assert outcome.code == 1
    assert outcome.line("store") == (
        f"PROBLEM  store: {initialised} is at schema version {latest_version() + 1} but this "
        f"ritmo only knows up to {latest_version()}; install the ritmo that wrote it, or a "
        "newer one."
    )


async def test_a_damaged_store_is_a_problem_that_says_restore(
    tmp_path: Path, initialised: Path
) -> None:
    with sqlite3.connect(initialised, isolation_level=None) as conn:
        conn.executemany(
            "INSERT INTO kv (key, value) VALUES (?, ?)", [(f"k{i}", "x" * 200) for i in range(200)]
        )
        root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'kv'").fetchone()[0]
        size = conn.execute("PRAGMA page_size").fetchone()[0]
        conn.execute("PRAGMA journal_mode=DELETE")  # every page in the main file
    data = bytearray(initialised.read_bytes())
    data[(root - 1) * size] = 0x77  # not a b-tree page type: what a torn write can leave
    initialised.write_bytes(bytes(data))
    outcome = await run_check(tmp_path)
    assert outcome.code == 1
    line = outcome.line("store")
    assert line.startswith(f"PROBLEM  store: {initialised} is damaged (Page {root}: ")
    assert line.endswith(
        "stop ritmo and restore the latest backup (see 'Deploying' in the README)."
    )


async def test_an_older_store_is_ok_and_says_the_start_will_migrate_it(tmp_path: Path) -> None:
    db = tmp_path / "ritmo.db"
    with sqlite3.connect(db, isolation_level=None) as conn:
        for migration in migrations()[:-1]:
            conn.executescript(
                f"BEGIN;{migration.sql}\nPRAGMA user_version={migration.version};COMMIT;"
            )
    outcome = await run_check(tmp_path)
    assert outcome.code == 0, outcome
    assert outcome.line("store").endswith(
        f"integrity ok; the next start migrates it to version {latest_version()}"
    )
    with sqlite3.connect(db) as conn:  # looked at, not migrated
        assert conn.execute("PRAGMA user_version").fetchone()[0] == latest_version() - 1


async def test_a_missing_or_foreign_store_is_a_problem(tmp_path: Path) -> None:
    outcome = await run_check(tmp_path)
    assert outcome.code == 1
    assert outcome.line("store").startswith("PROBLEM  store: there is no store at ")
    assert outcome.line("configuration").endswith(
        "platforms: none (set TELEGRAM_BOT_TOKEN and/or SLACK_BOT_TOKEN for `ritmo run`)"
    )
    (tmp_path / "ritmo.db").write_bytes(b"not sqlite at all " * 300)
    outcome = await run_check(tmp_path)
    assert outcome.code == 1
    assert "is not a ritmo store (file is not a database); check RITMO_DB." in outcome.line(
        "store"
    )


async def test_a_bad_setting_is_one_line_and_exit_2(tmp_path: Path, initialised: Path) -> None:
    outcome = await run_check(tmp_path, RITMO_HTTP_PORT="eighty")
    assert outcome.code == 2
    assert outcome.lines == [
        "PROBLEM  configuration: RITMO_HTTP_PORT must be a positive whole "
        "number, like 8080 (got 'eighty')."
    ]
    assert outcome.stderr == ""
    outcome = await run_check(tmp_path, RITMO_LOCALE="pt-BR", SLACK_BOT_TOKEN="xoxb-1")
    assert outcome.code == 2
    assert outcome.lines == [
        "PROBLEMA configuração: SLACK_BOT_TOKEN precisa de SLACK_APP_TOKEN "
        "(Socket Mode) ou de SLACK_SIGNING_SECRET (modo HTTP); defina um "
        "dos dois."
    ]


async def test_the_backup_line_says_when_the_last_copy_was_taken(
    tmp_path: Path, initialised: Path
) -> None:
    folder = tmp_path / "copies"
    outcome = await run_check(tmp_path, RITMO_BACKUP_FOLDER=str(folder))
    assert outcome.code == 0
    assert outcome.line("backups").endswith(
        "copies: no copy yet; the first is taken when `ritmo run` starts"
    )
    folder.mkdir()
    (folder / "ritmo-20261123T120000Z.db").write_bytes(initialised.read_bytes())
    outcome = await run_check(tmp_path, RITMO_BACKUP_FOLDER=str(folder), RITMO_LOCALE="pt-BR")
    assert outcome.line("cópias").endswith(
        "copies: última cópia em 2026-11-23T12:00:00+00:00, guardando 7"
    )


async def test_a_backup_folder_that_cannot_be_written_is_a_problem(
    tmp_path: Path, initialised: Path
) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    outcome = await run_check(tmp_path, RITMO_BACKUP_FOLDER=str(blocked / "copies"))
    assert outcome.code == 1
    assert outcome.line("backups") == (
        f"PROBLEM  backups: cannot write to {blocked / 'copies'}; create the folder, writable "
        "by ritmo's user, or fix [backup] folder."
    )
