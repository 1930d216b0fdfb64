"""Cadence benchmarks: the due scan at scale, and the dispatcher's rate against a fake Telegram.

- due_scan: 1M enrolments (100k of them overdue but already reminded, which the partial index
  must skip), 10k due and not yet queued; one scan queues the 10k in one transaction.
  Target: <= 200 ms per scan.
- dispatcher_rate: reminders for distinct chats through the real dispatcher and rate limiter
  to a local aiohttp server speaking the Bot API's sendMessage. Target: >= 27 msg/s sustained
  and never more than 30 arriving in any one-second window.

Run alone with `python benchmarks/scenarios/cadence.py [--scale small|large]`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from aiohttp import ClientSession, web  # noqa: E402

from cadence_jobs import scan  # noqa: E402
from cadence_jobs.calendar import holiday_set  # noqa: E402
from cadence_jobs.dispatcher import Dispatcher  # noqa: E402
from cadence_jobs.jobs import install_cadences  # noqa: E402
from handlers.context import Options  # noqa: E402
from storage import outbox  # noqa: E402
from storage.db import Store, connect_sync, transaction  # noqa: E402
from storage.timefmt import to_db  # noqa: E402

NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)  # Wednesday, 12:00 in São Paulo
OPTIONS = Options(holidays_country="BR")
SCALES = {"small": (100_000, 10_000), "large": (1_000_000, 10_000)}


class _Settings:
    cadence_folder = None


def build(path: Path, total: int, due: int, reps: int = 1000, accounts: int = 1000) -> None:
    """A store with `total` active enrolments, `due` of them due now and not yet queued."""
    conn = connect_sync(path)
    stamp = to_db(NOW)
    with transaction(conn):
        install_cadences(conn, _Settings())
        conn.executemany(
            "INSERT INTO people (name, name_folded, role, timezone, locale, created_at)"
            " VALUES (?, ?, 'rep', 'America/Sao_Paulo', 'pt-BR', ?)",
            [(f"Rep {i}", f"rep {i}", stamp) for i in range(reps)],
        )
        conn.executemany(
            "INSERT INTO accounts (name, name_folded, owner_id, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?)",
            [
                (f"Account {i}", f"account {i}", 1 + i % reps, stamp, stamp)
                for i in range(accounts)
            ],
        )
        reminded = total // 10
        conn.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)"
            " INSERT INTO enrolments (cadence_key, account_id, owner_id, step_index, due_at,"
            " state, notified_step, started_at, updated_at)"
            " SELECT 'exploratory', 1 + i % ?, 1 + i % ?, 0,"
            "  CASE WHEN i <= ? + ? THEN strftime('%Y-%m-%dT%H:%M:%S+00:00', ?, '-' || (i % 600)"
            "   || ' minutes') ELSE strftime('%Y-%m-%dT%H:%M:%S+00:00', ?, '+' || (1 + i % 90)"
            "   || ' days') END,"
            "  'active', CASE WHEN i > ? AND i <= ? + ? THEN 0 END, ?, ?"
            " FROM n",
            (
                total,
                accounts,
                reps,
                due,
                reminded,
                NOW.isoformat(),
                NOW.isoformat(),
                due,
                due,
                reminded,
                stamp,
                stamp,
            ),
        )
    conn.execute("ANALYZE")
    conn.close()


def due_scan(scale: str = "small") -> dict:
    total, due = SCALES[scale]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.db"
        started = time.perf_counter()
        build(path, total, due)
        built_s = time.perf_counter() - started
        conn = connect_sync(path)
        # A running process has the holidays tables loaded already; don't time their import.
        holiday_set(OPTIONS.holidays_country, OPTIONS.holidays_subdivision)
        started = time.perf_counter()
        with transaction(conn):
            queued = scan.queue_due(conn, NOW, OPTIONS)
        first_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        with transaction(conn):
            again = scan.queue_due(conn, NOW, OPTIONS)
        second_ms = (time.perf_counter() - started) * 1000
        conn.close()
    return {
        "scenario": "cadence.due_scan",
        "enrolments": total,
        "due": due,
        "queued": queued,
        "requeued_on_second_scan": again,
        "scan_ms": round(first_ms, 1),
        "second_scan_ms": round(second_ms, 1),
        "build_s": round(built_s, 1),
        "target_ms": 200,
        "ok": queued == due and again == 0 and first_ms <= 200,
    }


class FakeTelegram:
    """A local Bot API: records when each sendMessage arrived."""

    def __init__(self) -> None:
        self.arrivals: list[float] = []
        self.app = web.Application()
        self.app.router.add_post("/bot{token}/sendMessage", self.send_message)
        self.runner: web.AppRunner | None = None
        self.url = ""

    async def send_message(self, request: web.Request) -> web.Response:
        self.arrivals.append(time.monotonic())
        await request.json()
        return web.json_response({"ok": True, "result": {"message_id": len(self.arrivals)}})

    async def __aenter__(self) -> FakeTelegram:
        self.runner = web.AppRunner(self.app, access_log=None)
        await self.runner.setup()
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{port}/botTOKEN"
        return self

    async def __aexit__(self, *exc) -> None:
        assert self.runner is not None
        await self.runner.cleanup()


async def _rate(messages: int) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rate.db"
        conn = connect_sync(path)
        stamp = to_db(NOW)
        with transaction(conn):
            for i in range(messages):
                conn.execute(
                    "INSERT INTO people (name, name_folded, role, timezone, locale, created_at)"
                    " VALUES (?, ?, 'rep', 'America/Sao_Paulo', 'pt-BR', ?)",
                    (f"Rep {i}", f"rep {i}", stamp),
                )
                conn.execute(
                    "INSERT INTO identities (person_id, platform, external_id, chat_id,"
                    " preferred, created_at) VALUES (?, 'telegram', ?, ?, 1, ?)",
                    (i + 1, str(1000 + i), str(1000 + i), stamp),
                )
                outbox.enqueue(
                    conn,
                    i + 1,
                    "notice",
                    f"bench:{i}",
                    {"replies": [{"text": f"Lembrete {i}"}]},
                    NOW,
                )
        conn.close()
        store = await Store.open(path)
        async with FakeTelegram() as server, ClientSession() as http:

            async def deliver(identity, replies) -> str:
                async with http.post(
                    f"{server.url}/sendMessage",
                    json={"chat_id": identity.chat_id, "text": replies[0].text},
                ) as response:
                    body = await response.json()
                return str(body["result"]["message_id"])

            dispatcher = Dispatcher(
                store, {"telegram": deliver}, OPTIONS, lambda: NOW + timedelta(seconds=1)
            )
            started = time.monotonic()
            await dispatcher.drain()
            elapsed = time.monotonic() - started
            arrivals = sorted(server.arrivals)
        await store.close()
    window_max = max(
        sum(1 for t in arrivals[i : i + 40] if t < start + 1.0) for i, start in enumerate(arrivals)
    )
    span = arrivals[-1] - arrivals[0] if len(arrivals) > 1 else elapsed
    rate = (len(arrivals) - 1) / span if span else 0.0
    return {
        "scenario": "cadence.dispatcher_rate",
        "messages": len(arrivals),
        "rate_msg_s": round(rate, 2),
        "max_in_any_1s": window_max,
        "elapsed_s": round(elapsed, 2),
        "target": ">= 27 msg/s, <= 30 in any second",
        "ok": len(arrivals) == messages and rate >= 27 and window_max <= 30,
    }


def dispatcher_rate(scale: str = "small") -> dict:
    return asyncio.run(_rate(150 if scale == "small" else 600))


SCENARIOS = {"cadence.due_scan": due_scan, "cadence.dispatcher_rate": dispatcher_rate}


def register(runner) -> None:
    """Hook for benchmarks/run.py: each scenario is a callable(scale) -> dict of results."""
    for name, fn in SCENARIOS.items():
        runner.add(name, fn)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    args = parser.parse_args()
    results = [fn(args.scale) for fn in SCENARIOS.values()]
    for result in results:
        print(json.dumps(result))
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
