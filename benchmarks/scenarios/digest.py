"""Benchmark: the digest job for every manager (records, text, chart, outbox) at scale.

Large scale is 2,000 reps in teams of 10 (200 managers) and 10 M interactions; the target is
all 200 digests in at most 10 s. The store is generated once per scale and kept in the work
directory (default: $TMPDIR/ritmo-bench): generating 10 M rows takes far longer than the
digests themselves.

    python benchmarks/scenarios/digest.py --scale large [--workdir DIR]

It is also registered with benchmarks/run.py (SCENARIOS), where it runs over the runner's
shared store for the chosen scale.
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
from zoneinfo import ZoneInfo

from storage import backends

if __package__ in (None, ""):  # run as a script: make `benchmarks` importable, as run.py does
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.harness import Bench, Result, Scenario
from cadence_jobs import digest as job
from handlers.kernel.context import Options
from handlers.reports import digest
from storage import seeding, stages
from storage.audit import Actor
from storage.interface import Tx
from storage.sqlite import db
from storage.sqlite.repositories import SqliteTx, connection_of

NAME = "digest"
TARGET_SECONDS = 10.0
NOW = datetime(2026, 11, 24, 11, tzinfo=UTC)  # a Tuesday, 08:00 in São Paulo
SCALES = {
    "small": seeding.SyntheticSpec(
        reps=100, accounts=2_000, deals=3_000, interactions=200_000, enrolments=5_000
    ),
    "large": seeding.SyntheticSpec(
        reps=2_000, accounts=40_000, deals=60_000, interactions=10_000_000, enrolments=100_000
    ),
}


def build_store(path: Path, spec: seeding.SyntheticSpec) -> None:
    """Generate the dataset once; an existing file of the same scale is reused."""
    if path.exists():
        return
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    conn = db.connect_sync(partial)
    try:
        with db.transaction(conn):
            SqliteTx(conn).stages.install_stages(stages.DEFAULT_STAGES, Actor.system("bench"))
            SqliteTx(conn).seeding.seed_synthetic(spec, NOW)
            conn.execute("UPDATE teams SET target_amount = 5000000")
        conn.execute("ANALYZE")
    finally:
        conn.close()
    partial.rename(path)


async def digest_all(
    path: Path | str, now: datetime = NOW, forget: bool = True
) -> tuple[int, int, float]:
    """(managers, digests queued, seconds) for the real digest job over every manager: their
    records read, the text written, the chart drawn and the outbox row committed. `forget`
    clears today's digests before and after (a shared SQLite file); a fresh copy needs not."""
    store = await backends.connect(path)  # applies pending migrations before the clock starts
    options = Options()
    try:
        if forget:
            await store.write(_forget_digests)
        managers = len(await store.read(lambda tx: tx.metrics.digest_managers()))
        build = digest.outbox_builder(store, options)
        calendar = digest.holiday_calendar(options)
        started = time.perf_counter()
        queued = await job.queue_digests(store, now, build, calendar)
        if forget:
            await store.write(_forget_digests)  # leave the shared store as it was
        return managers, queued, time.perf_counter() - started
    finally:
        await store.close()


def _forget_digests(tx: Tx) -> None:
    # Each run queues today's digests afresh; the dedupe key would make a rerun a no-op.
    connection_of(tx).execute("DELETE FROM outbox WHERE kind = 'digest'")


def run(scale: str = "small", workdir: Path | None = None) -> dict:
    """Build (or reuse) the store for `scale` and time every manager's digest."""
    spec = SCALES[scale]
    workdir = Path(workdir or Path(tempfile.gettempdir()) / "ritmo-bench")
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / f"digest-{scale}.db"
    build_started = time.perf_counter()
    build_store(path, spec)
    build_seconds = time.perf_counter() - build_started
    managers, queued, seconds = asyncio.run(digest_all(path))
    return {
        "scenario": NAME,
        "scale": scale,
        "reps": spec.reps,
        "interactions": spec.interactions,
        "managers": managers,
        "digests": queued,
        "seconds": round(seconds, 3),
        "per_manager_ms": round(1000 * seconds / max(managers, 1), 2),
        "target_seconds": TARGET_SECONDS if scale == "large" else None,
        "ok": queued == managers and (scale != "large" or seconds <= TARGET_SECONDS),
        "build_seconds": round(build_seconds, 1),
    }


def _digest_moment(seeded_at: datetime) -> datetime:
    """The first moment from `seeded_at` on when São Paulo managers are due their digest."""
    calendar = digest.holiday_calendar(Options())
    sao_paulo = ZoneInfo("America/Sao_Paulo")
    now = seeded_at
    while job.digest_day(now, sao_paulo, job.DEFAULT_DIGEST_TIME, calendar) is None:
        now += timedelta(minutes=30)
    return now


async def runner_scenario(bench: Bench) -> list[Result]:
    """benchmarks/run.py: the digest job over every manager of the shared synthetic store."""
    moment = _digest_moment(bench.seeded_at)
    if bench.backend == "sqlite":
        managers, queued, seconds = await digest_all(bench.store_path, moment)
    else:  # a copy of the moved store, so nothing needs deleting by hand
        managers, queued, seconds = await digest_all(bench.writable("digest"), moment, False)
    large = bench.scale == "large"
    return [
        Result(
            NAME,
            f"digest job, {managers} managers",
            seconds,
            "s",
            f"<= {TARGET_SECONDS:.0f} s" if large else None,
            (seconds <= TARGET_SECONDS and queued == managers) if large else queued == managers,
        ),
        Result(NAME, "per manager", 1000 * seconds / max(managers, 1), "ms"),
    ]


SCENARIOS = [Scenario(NAME, runner_scenario)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args(argv)
    result = run(args.scale, args.workdir)
    print(json.dumps(result))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
