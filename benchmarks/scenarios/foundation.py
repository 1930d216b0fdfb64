"""Foundation scenarios: seeding rate, store open/migrate time, and the write path."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from datetime import UTC, datetime

from benchmarks.harness import Bench, Result, Scenario, repeated
from storage import backends, stages
from storage.audit import CLI, Actor
from storage.interface import Tx
from storage.seeding import SyntheticSpec
from storage.sqlite import db
from storage.sqlite.repositories import SqliteTx

RAW_ROWS = 20_000
WRITERS = 200
PER_WRITER = 50
# Raw and store runs alternate (bench.repeat pairs) and the medians count: on a shared 2-core
# machine one run of either can be a third slower than the next, and a ratio of two single
# runs taken moments apart measured the machine as much as the store.
RATIO_TARGET = 0.6  # issue 19's target, judged on the median
RATIO_FLOOR = 0.5  # below this on a quiet run, something regressed


async def seed_rate(bench: Bench) -> list[Result]:
    """Rows/s of `ritmo seed --synthetic` (the scale store's own build when it happened now)."""
    rate = bench.notes.get("seed_rate")
    if rate is None:
        path = bench.scratch / "seed.db"
        conn = db.connect_sync(path)
        with db.transaction(conn):
            SqliteTx(conn).stages.install_stages(stages.DEFAULT_STAGES, CLI)
        spec = SyntheticSpec(
            reps=50, accounts=5_000, deals=10_000, interactions=200_000, enrolments=20_000
        )
        started = time.perf_counter()
        with db.transaction(conn):
            counts = SqliteTx(conn).seeding.seed_synthetic(spec, datetime.now(UTC))
        rate = counts.total / (time.perf_counter() - started)
        conn.close()
    return [Result("seed", "rows per second", rate, "rows/s", ">= 100000", rate >= 100_000)]


async def open_and_migrate(bench: Bench) -> list[Result]:
    url = bench.empty("fresh")
    started = time.perf_counter()
    store = await backends.connect(url)
    fresh = time.perf_counter() - started
    await store.close()
    url = bench.store_url  # on PostgreSQL, the move happens here, before the clock starts
    started = time.perf_counter()
    store = await backends.connect(url)
    reopen = time.perf_counter() - started
    await store.close()
    return [
        Result("store", "create + migrate empty", fresh * 1000, "ms"),
        Result("store", f"open {bench.scale} store", reopen * 1000, "ms"),
    ]


def _raw_commit_rate(path) -> float:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, person INTEGER, body TEXT, at TEXT)")
    started = time.perf_counter()
    for n in range(RAW_ROWS):
        conn.execute("BEGIN")
        conn.execute("INSERT INTO t (person, body, at) VALUES (?, ?, ?)", (n, "nota", "now"))
        conn.execute("COMMIT")
    rate = RAW_ROWS / (time.perf_counter() - started)
    conn.close()
    return rate


async def _store_log_rate(path) -> tuple[float, int]:
    store = await backends.connect(path)
    now = datetime.now(UTC)
    rep = await store.write(
        lambda tx: tx.people.add_person(
            name="Bench Rep", role="rep", timezone="UTC", locale="en", actor=CLI, now=now
        )
    )
    account = await store.write(
        lambda tx: tx.accounts.create_account(name="Bench Co", owner_id=rep.id, actor=CLI, now=now)
    )
    actor = Actor.person(rep.id)

    def log(tx: Tx, message_id: str) -> object:
        return tx.interactions.log_interaction(
            person_id=rep.id,
            kind="call",
            occurred_at=now,
            actor=actor,
            now=now,
            body="ligação",
            account_id=account.id,
            source_platform="bench",
            source_message_id=message_id,
        )

    async def writer(w: int) -> None:
        for n in range(PER_WRITER):
            await store.write(log, f"{w}-{n}")

    before = store.batches
    started = time.perf_counter()
    await asyncio.gather(*(writer(w) for w in range(WRITERS)))
    elapsed = time.perf_counter() - started
    batches = store.batches - before
    await store.close()
    return WRITERS * PER_WRITER / elapsed, batches


async def write_path(bench: Bench) -> list[Result]:
    raws: list[float] = []
    stores: list[float] = []
    ratios: list[float] = []
    commits: list[float] = []
    for n in range(bench.repeat):
        raws.append(_raw_commit_rate(bench.scratch / f"raw-{n}.db"))
        store_rate, store_batches = await _store_log_rate(bench.scratch / f"write-{n}.db")
        stores.append(store_rate)
        commits.append(store_batches)
        ratios.append(store_rate / raws[-1])  # each store run against the raw run beside it
    return [
        repeated("write path", "raw sqlite3 insert+commit", raws, "rows/s"),
        repeated("write path", f"store log_interaction, {WRITERS} writers", stores, "rows/s"),
        repeated("write path", "transactions for those writes", commits, "commits"),
        repeated(
            "write path",
            "store / raw ratio",
            ratios,
            "x",
            f">= {RATIO_TARGET} (floor {RATIO_FLOOR})",
            lambda r: r >= RATIO_TARGET,
        ),
    ]


SCENARIOS = [
    Scenario(
        "seed",
        seed_rate,
        backends=("sqlite",),
        only_why="times the SQLite build; postgres gets that file by store move",
    ),
    Scenario("store-open", open_and_migrate),
    Scenario(
        "write-path",
        write_path,
        needs_store=False,
        backends=("sqlite",),
        only_why="a ratio to raw sqlite3; see log and log-2proc",
    ),
]
