"""SIGKILL, for real: a killed process leaves its due reminder to its successor.

The child process queues the due reminder and is killed either right after that commit or
inside the platform call (before the platform accepted anything); a fresh process on the same
store (a SQLite file or a PostgreSQL database: each point runs on both) then delivers it exactly
once, and a second restart sends nothing more.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from cadence_jobs import workflow
from cadence_jobs.dispatcher import Dispatcher
from cadence_jobs.jobs import install_cadences
from handlers.conversation.presenter import ChatPresenter
from handlers.kernel.context import Options
from storage import backends
from storage.audit import CLI
from storage.interface import Tx

ROOT = Path(__file__).resolve().parents[2]
OPTIONS = Options(holidays_country="BR")
START = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)  # Monday 10:00 in Manaus

CHILD = textwrap.dedent(
    """
    import asyncio, sys
    from datetime import datetime
    from pathlib import Path
    from cadence_jobs import scan
    from cadence_jobs.dispatcher import Dispatcher
    from handlers.conversation.presenter import ChatPresenter
    from handlers.kernel.context import Options
    from storage import backends

    db, marker = sys.argv[1], Path(sys.argv[2])  # a SQLite path or a PostgreSQL URL
    now, kill_at = datetime.fromisoformat(sys.argv[3]), sys.argv[4]
    options = Options(holidays_country="BR")

    async def deliver(identity, replies):
        marker.write_text("delivering")
        await asyncio.sleep(3600)

    async def main():
        store = await backends.connect(db)
        await store.write(scan.queue_due, now, options)
        if kill_at == "queued":
            marker.write_text("queued")
            await asyncio.sleep(3600)
        await Dispatcher(
            store, {"telegram": deliver}, options, lambda: now, presenter=ChatPresenter()
        ).drain()

    asyncio.run(main())
    """
)


class _Settings:
    cadence_folder = None


class _Platform:
    def __init__(self) -> None:
        self.accepted: list[str] = []

    async def deliver(self, identity, replies) -> str:
        self.accepted.append(identity.external_id)
        return f"m{len(self.accepted)}"


def _seed(path: str) -> None:
    store = backends.connect_sync(path)
    try:
        store.write(_seed_tx)
    finally:
        store.close()


def _seed_tx(tx: Tx) -> None:
    """The cadences, Ana linked on Telegram, and Acme enrolled: one transaction."""
    install_cadences(tx, _Settings())
    rep = tx.people.add_person(
        name="Ana",
        role="rep",
        timezone="America/Manaus",
        locale="en",
        actor=CLI,
        now=START,
    )
    tx.people.link_identity(rep.id, "telegram", "111", "111", CLI, START)
    acme = tx.accounts.create_account(name="Acme", owner_id=rep.id, actor=CLI, now=START)
    workflow.enrol(
        tx,
        actor=CLI,
        cadence_key="exploratory",
        account_id=acme.id,
        owner_id=rep.id,
        now=START,
        options=OPTIONS,
    )


def _kill_at(point: str, path: str, tmp: Path) -> None:
    marker = tmp / "marker"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), str(marker), START.isoformat(), point], env=env
    )
    try:
        deadline = time.monotonic() + 30
        while not marker.exists():
            assert child.poll() is None, f"the child process ended before {point}"
            assert time.monotonic() < deadline, f"the child never reached {point}"
            time.sleep(0.02)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL


@pytest.mark.parametrize("point", ["queued", "delivering"])
def test_sigkill_after_queueing_or_inside_the_platform_call_delivers_once(
    point, store_url, tmp_path
):
    path = store_url
    _seed(path)
    _kill_at(point, path, tmp_path)

    async def restart() -> tuple[_Platform, str]:
        platform = _Platform()
        store = await backends.connect(path)
        try:
            for _ in range(2):  # a second restart must not send it again
                dispatcher = Dispatcher(
                    store,
                    {"telegram": platform.deliver},
                    OPTIONS,
                    lambda: START,
                    presenter=ChatPresenter(),
                )
                await dispatcher.drain()
            row = await store.read(lambda tx: tx.outbox.get(1))
        finally:
            await store.close()
        return platform, row.state

    platform, state = asyncio.run(restart())
    assert len(platform.accepted) == 1 and state == "sent"
