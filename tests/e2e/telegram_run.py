"""`ritmo run` as a real process against the fake Telegram: start it, wait until healthy, stop it."""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Bot:
    """One `ritmo run` process on `db`, talking to `fake`, logging JSON lines to `logs`."""

    def __init__(self, fake, db: Path, logs: Path) -> None:
        self.port = _free_port()
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

    async def terminate(self) -> int:
        self.proc.send_signal(signal.SIGTERM)
        return await asyncio.to_thread(self.proc.wait, 30)
