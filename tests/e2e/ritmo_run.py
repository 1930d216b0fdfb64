"""`ritmo run` as a child process against the fake Telegram, for tests that need the real thing:
signals, the log it writes, the operator commands run beside it.

`db` is the store's location as `RITMO_DB` takes it: a SQLite path or a PostgreSQL URL (the
`store_url` fixture gives one of each); only `sqlite_integrity` needs the file.
"""

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
from storage.interface import Tx
from tests.store_views import read_at as read
from tests.store_views import write_at as write

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def seed_rep(db: str | Path, telegram_user: int, name: str = "Ana Lima") -> int:
    """A rep linked to `telegram_user`, working every hour of every day (so no test depends on
    when it runs); returns the person's id."""

    def seed(tx: Tx) -> int:
        now = datetime.now(UTC)
        rep = tx.people.add_person(
            name=name, role="rep", timezone="UTC", locale="pt-BR", actor=CLI, now=now
        )
        tx.people.set_schedule(
            rep.id,
            work_start="00:00",
            work_end="23:59",
            work_days="1,2,3,4,5,6,7",
            actor=CLI,
            now=now,
        )
        user = str(telegram_user)
        tx.people.link_identity(rep.id, "telegram", user, user, CLI, now)
        return rep.id

    return write(db, seed)


def journal(db: str | Path) -> dict[str, int]:
    """Journaled events per state (pending, done, failed), as `ritmo inbox` counts them."""
    return read(db, lambda tx: {s: tx.inbox.count(None, s) for s in ("pending", "done", "failed")})


def waiting(db: str | Path) -> dict[str, tuple[str, int, str | None]]:
    """Events waiting or quarantined, by event id: (state, attempts, error). A handled event
    leaves this list (the journal shows it only in its count of done)."""

    def events(tx: Tx) -> dict[str, tuple[str, int, str | None]]:
        found: dict[str, tuple[str, int, str | None]] = {
            i.event_id: ("pending", i.attempts, None) for i in tx.inbox.pending("telegram", 10_000)
        }
        found.update({f.event_id: ("failed", f.attempts, f.error) for f in tx.inbox.failed()})
        return found

    return read(db, events)


def sqlite_integrity(db: Path) -> str:
    """SQLite only: what `PRAGMA integrity_check` says of the file a stopped bot left."""
    conn = sqlite3.connect(db)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


class RitmoRun:
    """`ritmo run` on its own port and store, talking to `fake`; its log goes to `logs`."""

    def __init__(self, fake, db: str | Path, logs: Path) -> None:
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
