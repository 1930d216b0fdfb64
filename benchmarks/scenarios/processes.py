"""Several ritmo processes on one PostgreSQL (issue 16): two OS processes logging through the
real handler path against one, and outbox delivery to a fake Telegram with two processes, one
leading the platform's delivery by lease as `ritmo run` does.

Each process is this module run as a child (`python -m benchmarks.scenarios.processes log|
deliver …`): it opens the store, warms up, prints `ready`, and starts when the parent writes a
line, so imports and connecting are not timed and both start together. It answers with one
JSON line; times are time.monotonic(), one clock for every process on the machine.

PostgreSQL only: a SQLite file is owned by one process (the run lock).
"""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable, as run.py does
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from aiohttp import ClientSession

from benchmarks.harness import Bench, Result, Scenario, repeated
from benchmarks.scenarios import cadence, conversation
from cadence_jobs.dispatcher import Dispatcher
from cadence_jobs.leadership import Leadership, delivery
from handlers.conversation.presenter import ChatPresenter
from handlers.kernel import lookup
from handlers.kernel.messages import Incoming, Sender
from storage import backends

ROOT = Path(__file__).resolve().parents[2]
TWO_TARGET = 1.3  # two processes log at least 1.3x what one does (issue 16)
DELIVERY_TARGET = 27.0  # msg/s to Telegram, whichever process leads its delivery
ONLY_PG = "one process owns a SQLite file (the run lock)"


# --- the child processes ---------------------------------------------------------------------


async def _wait_for_go() -> None:
    print("ready", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)


async def child_log(url: str, who: str, names: list[str], count: int, tag: str) -> dict:
    """Log `count` messages as console user bench-`who`, LOG_CONCURRENCY at a time."""
    store = await backends.connect(url)
    chat = conversation.chat_for(store)
    kinds = ["registrar ligação", "log call", "registrar visita", "log email"]
    keys = [lookup.name_key(n) for n in names]
    texts = [f"{kinds[i % 4]} {keys[i % len(keys)]}: {tag} {i}" for i in range(count)]
    sender = Sender("console", f"bench-{who}")

    async def one(n: int, text: str) -> None:
        answer = await chat.dispatcher.handle(
            Incoming(sender, f"bench-{who}", f"{tag}-{n}", text=text)
        )
        if not answer.data.get("written"):
            raise RuntimeError(f"{text!r} was not logged: {answer.replies[0].text}")

    await one(-1, texts[0])  # warm the parser and the connections
    await _wait_for_go()
    queue = list(enumerate(texts))

    async def worker() -> None:
        while queue:
            await one(*queue.pop())

    started, cpu = time.monotonic(), time.process_time()
    await asyncio.gather(*(worker() for _ in range(conversation.LOG_CONCURRENCY)))
    ended, cpu = time.monotonic(), time.process_time() - cpu
    await store.close()
    return {"started": started, "ended": ended, "logs": count, "cpu": cpu}


async def child_deliver(url: str, telegram: str, expected: int) -> dict:
    """Deliver the outbox as `ritmo run` does on a shared store: lease `delivery:telegram`
    decides who sends; stop once the outbox has nothing due."""
    store = await backends.connect(url)
    now = lambda: cadence.NOW + timedelta(seconds=1)  # noqa: E731 - the rows' time
    leadership = Leadership(store, [delivery("telegram")], now)
    sent = 0
    async with ClientSession() as http:

        async def deliver(identity: Any, replies: Any) -> str:
            nonlocal sent
            payload = {"chat_id": identity.chat_id, "text": replies[0].text}
            async with http.post(f"{telegram}/sendMessage", json=payload) as response:
                body = await response.json()
            sent += 1
            return str(body["result"]["message_id"])

        dispatcher = Dispatcher(
            store,
            {"telegram": deliver},
            cadence.OPTIONS,
            now,
            presenter=ChatPresenter(),
            claim_as=leadership.holder,
            may_deliver=lambda p: leadership.holds(delivery(p)),
        )
        await _wait_for_go()
        stop = asyncio.Event()
        started = time.monotonic()
        await leadership.tick()
        tasks = [
            asyncio.ensure_future(leadership.run(stop)),
            asyncio.ensure_future(dispatcher.run(stop, poll_s=0.2)),
        ]
        while await store.read(lambda tx: tx.outbox.due(now(), 1)):
            await asyncio.sleep(0.2)
        stop.set()
        await asyncio.gather(*tasks)
        await leadership.release()
    await store.close()
    return {"started": started, "ended": time.monotonic(), "sent": sent, "led": bool(sent)}


def _child(argv: list[str]) -> int:
    kind, args = argv[0], json.loads(argv[1])
    run = child_log if kind == "log" else child_deliver
    print(json.dumps(asyncio.run(run(**args))), flush=True)
    return 0


# --- the parent ------------------------------------------------------------------------------


async def _together(jobs: list[tuple[str, dict]]) -> list[dict]:
    """Start one child per job, wait until all are ready, start them at once, collect."""
    children = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "benchmarks.scenarios.processes",
            kind,
            json.dumps(args),
            cwd=ROOT,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        for kind, args in jobs
    ]
    for child in children:
        assert child.stdout is not None
        line = await child.stdout.readline()
        if line.strip() != b"ready":
            raise RuntimeError(f"a child process did not start: {line!r}")
    for child in children:
        assert child.stdin is not None
        child.stdin.write(b"go\n")
        await child.stdin.drain()
    answers = []
    for child in children:
        out, _ = await child.communicate()
        if child.returncode:
            raise RuntimeError(f"a child process failed (exit {child.returncode})")
        answers.append(json.loads(out.decode().strip().splitlines()[-1]))
    return answers


def server_cpu(bench: Bench) -> float:
    """CPU seconds the PostgreSQL server has used so far: the postmaster's own and, as its
    children exit (a backend per connection), theirs (/proc's cutime and cstime)."""
    if bench.pg is None or bench.pg.server._process is None:
        return float("nan")
    fields = Path(f"/proc/{bench.pg.server._process.pid}/stat").read_text().rsplit(")", 1)[1]
    utime, stime, cutime, cstime = (int(v) for v in fields.split()[11:15])
    return (utime + stime + cutime + cstime) / os.sysconf("SC_CLK_TCK")


def _names_of(path: Path, rep: int) -> list[str]:
    conn = sqlite3.connect(path)  # set-up: the same ids are in the moved PostgreSQL store
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM accounts WHERE owner_id = ? ORDER BY id LIMIT 20", (rep,)
        )
    ]
    conn.close()
    return names


async def two_loggers(bench: Bench) -> list[Result]:
    """Logs/s of one process, then of two together (each its own rep), `bench.repeat` pairs
    alternating; the ratio of each pair, judged on the median."""
    url = str(bench.writable("twoproc"))
    picked = conversation._pick_cast(bench.store_path, reps=2)
    async with backends.open_store(url) as store:
        cast = await store.write(conversation._link_cast, picked)
    who = {"rep": cast["ids"]["rep"], "rep2": cast["ids"]["rep2"]}
    names = {role: _names_of(bench.store_path, rep) for role, rep in who.items()}
    count = conversation.LOGS

    def job(role: str, tag: str) -> tuple[str, dict]:
        return "log", {"url": url, "who": role, "names": names[role], "count": count, "tag": tag}

    ones: list[float] = []
    twos: list[float] = []
    ratios: list[float] = []
    cpu: dict[str, list[float]] = {"ritmo 1": [], "server 1": [], "ritmo 2": [], "server 2": []}
    for r in range(bench.repeat):
        for n, jobs in (
            (1, [job("rep", f"one{r}")]),
            (2, [job("rep", f"a{r}"), job("rep2", f"b{r}")]),
        ):
            before = server_cpu(bench)
            answers = await _together(jobs)
            # ms of CPU per log: where the time goes when two processes do not scale
            cpu[f"server {n}"].append(1000 * (server_cpu(bench) - before) / (n * count))
            cpu[f"ritmo {n}"].append(1000 * sum(a["cpu"] for a in answers) / (n * count))
            span = max(a["ended"] for a in answers) - min(a["started"] for a in answers)
            (ones if n == 1 else twos).append(n * count / span)
        ratios.append(twos[-1] / ones[-1])
    return [
        repeated("log-2proc", "one process, logs/s", ones, "logs/s"),
        repeated("log-2proc", "  ritmo CPU per log, one process", cpu["ritmo 1"], "ms"),
        repeated("log-2proc", "  server CPU per log, one process", cpu["server 1"], "ms"),
        repeated("log-2proc", "two processes together, logs/s", twos, "logs/s"),
        repeated("log-2proc", "  ritmo CPU per log, two processes", cpu["ritmo 2"], "ms"),
        repeated("log-2proc", "  server CPU per log, two processes", cpu["server 2"], "ms"),
        repeated(
            "log-2proc",
            "two / one",
            ratios,
            "x",
            f">= {TWO_TARGET}",
            lambda x: x >= TWO_TARGET,
        ),
    ]


async def two_deliverers(bench: Bench) -> list[Result]:
    """Reminders for distinct chats delivered by two processes to a fake Telegram: the rate
    at the fake, the busiest second, and that each message arrived once."""
    messages = cadence.RATE_MESSAGES[bench.scale]
    path = bench.scratch / "deliver-2proc.db"
    cadence.fill_outbox(path, messages)
    url = str(bench.from_sqlite(path, "deliver2"))
    async with cadence.FakeTelegram() as server:
        args = {"url": url, "telegram": server.url, "expected": messages}
        answers = await _together([("deliver", args), ("deliver", args)])
        arrivals = sorted(server.arrivals)
        chats = list(server.chats)
    rate, window_max = cadence.arrival_rate(arrivals)
    once = len(chats) == len(set(chats)) == messages
    leaders = sum(a["led"] for a in answers)
    return [
        Result(
            "deliver-2proc",
            f"{messages} Telegram msgs, 2 processes",
            rate,
            "msg/s",
            f">= {DELIVERY_TARGET:.0f}",
            once and rate >= DELIVERY_TARGET,
        ),
        Result(
            "deliver-2proc",
            "most messages in any 1 s window",
            window_max,
            "msgs",
            "<= 30",
            window_max <= 30,
        ),  # fmt: skip
        Result("deliver-2proc", "each message arrived once", float(once), "yes=1", "1", once),
        Result("deliver-2proc", "processes that delivered", float(leaders), "procs"),
    ]


SCENARIOS = [
    Scenario("log-2proc", two_loggers, backends=("postgres",), only_why=ONLY_PG),
    Scenario(
        "deliver-2proc",
        two_deliverers,
        needs_store=False,
        backends=("postgres",),
        only_why=ONLY_PG,
    ),
]

if __name__ == "__main__":
    raise SystemExit(_child(sys.argv[1:]))
