"""`ritmo run` as a child process against the fake Telegram, for tests that need the real thing:
signals, the log it writes, the operator commands run beside it."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import aiohttp

from storage.audit import CLI
from storage.sqlite.db import connect_sync, transaction
from storage.sqlite.repositories import SqliteTx

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seed_rep(db: Path, telegram_user: int, name: str = "Ana Lima") -> int:
    """A rep linked to `telegram_user`, working every hour of every day (so no test depends on
    when it runs); returns the person's id."""
    conn = connect_sync(db)
    now = datetime.now(UTC)
    with transaction(conn):
        rep = SqliteTx(conn).people.add_person(
            name=name, role="rep", timezone="UTC", locale="pt-BR", actor=CLI, now=now
        )
        SqliteTx(conn).people.set_schedule(
            rep.id,
            work_start="00:00",
            work_end="23:59",
            work_days="1,2,3,4,5,6,7",
            actor=CLI,
            now=now,
        )
        user = str(telegram_user)
        SqliteTx(conn).people.link_identity(rep.id, "telegram", user, user, CLI, now)
    conn.close()
    return rep.id


def sql(db: Path, query: str, *params: object) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return [tuple(r) for r in conn.execute(query, params)]
    finally:
        conn.close()


class RitmoRun:
    """`ritmo run` on its own port and store, talking to `fake`; its log goes to `logs`."""

    def __init__(self, fake, db: Path, logs: Path) -> None:
        self.port = free_port()
        self.logs = logs
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("RITMO_", "SLACK_", "TELEGRAM_"))
        }
        env.update(
            RITMO_DB=str(db),
            RITMO_HTTP_PORT=str(self.port),
            RITMO_LOG_FORMAT="json",
            TELEGRAM_BOT_TOKEN=fake.token,
            TELEGRAM_API_BASE_URL=fake.base_url,
            PYTHONUNBUFFERED="1",
        )
        self.env = env
        self.proc: subprocess.Popen | None = None

    async def start(self) -> None:
        with open(self.logs, "ab") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "bot.cli", "run"],
                env=self.env,
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        async with aiohttp.ClientSession() as session:
            for _ in range(300):
                assert self.proc.poll() is None, self.logs.read_text()
                try:
                    async with session.get(f"http://127.0.0.1:{self.port}/healthz") as resp:
                        if resp.status == 200:
                            return
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.1)
        raise TimeoutError("ritmo run never became healthy")

    async def cli(self, *args: str, locale: str = "en") -> subprocess.CompletedProcess[str]:
        """Another `ritmo` command on the same store, while this one runs (an operator's)."""
        env = {**self.env, "RITMO_LOCALE": locale}
        return await asyncio.to_thread(
            subprocess.run,
            [sys.executable, "-m", "bot.cli", *args],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )

    async def terminate(self) -> int:
        assert self.proc is not None
        self.proc.send_signal(signal.SIGTERM)
        return await asyncio.to_thread(self.proc.wait, 30)
