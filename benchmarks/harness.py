"""What scenarios share: the scale presets, the cached synthetic store, results and timing."""

from __future__ import annotations

import asyncio
import sqlite3
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storage import stages
from storage.audit import Actor
from storage.interface import Tx
from storage.seeding import SyntheticSpec
from storage.sqlite import db
from storage.sqlite.repositories import SqliteTx

if TYPE_CHECKING:
    from benchmarks.pg_side import PgSide

CACHE = Path(__file__).parent / ".cache"

SCALES: dict[str, SyntheticSpec] = {
    "small": SyntheticSpec(reps=5, accounts=200, deals=300, interactions=5_000, enrolments=500),
    "medium": SyntheticSpec(
        reps=200, accounts=20_000, deals=50_000, interactions=1_000_000, enrolments=100_000
    ),
    "large": SyntheticSpec(
        reps=2_000, accounts=200_000, deals=500_000, interactions=10_000_000, enrolments=1_000_000
    ),
}


@dataclass(frozen=True)
class Result:
    """One figure. A repeated measurement's `value` is the median, `low`/`high` its spread."""

    scenario: str
    metric: str
    value: float
    unit: str
    target: str | None = None
    ok: bool | None = None
    low: float | None = None
    high: float | None = None
    backend: str = "sqlite"  # the store it was measured on (run.py sets it)
    ratio: float | None = None  # on PostgreSQL's row of a `--store both` run: value / SQLite's


@dataclass
class Bench:
    """Handed to every scenario: the scale, the prepared store's path, a scratch folder, and
    which backend to measure (`pg` is the PostgreSQL side when that is `postgres`).

    Scenarios reach their store through `store_url`, `writable`, `empty` and `from_sqlite`,
    so the same scenario measures either backend on the same data.
    """

    scale: str
    spec: SyntheticSpec
    store_path: Path
    scratch: Path
    seeded_at: datetime
    notes: dict[str, Any] = field(default_factory=dict)
    repeat: int = 5  # runs of each throughput measurement (`run.py --repeat N`)
    backend: str = "sqlite"
    pg: PgSide | None = None
    pg_store: str | None = None  # the scale's store moved into PostgreSQL, once per run

    @property
    def store_url(self) -> str | Path:
        """The scale's shared store (read-only for scenarios, or left as found)."""
        if self.pg is None:
            return self.store_path
        if self.pg_store is None:
            self.pg_store = self.pg.from_sqlite(self.store_path, "bench")
        return self.pg_store

    def writable(self, name: str) -> str | Path:
        """A copy of the scale's store that a scenario may write to (made once per name)."""
        if self.pg is not None:
            url = self.notes.get(f"pg:{name}")
            if url is None:
                url = self.notes[f"pg:{name}"] = self.pg.copy(str(self.store_url), name)
            return str(url)
        path = self.scratch / f"{name}.db"
        if not path.exists():
            src, dst = sqlite3.connect(self.store_path), sqlite3.connect(path)
            src.backup(dst)
            src.close()
            dst.close()
        return path

    def empty(self, name: str) -> str | Path:
        """A new, empty store (created and migrated when first opened)."""
        return self.pg.empty(name) if self.pg is not None else self.scratch / f"{name}.db"

    def from_sqlite(self, path: Path, name: str) -> str | Path:
        """The store a scenario built as a SQLite file, on this run's backend."""
        return self.pg.from_sqlite(path, name) if self.pg is not None else path


Run = Callable[[Bench], Awaitable[list[Result]]]


@dataclass(frozen=True)
class Scenario:
    """A named benchmark. `needs_store` is False for scenarios that build their own data in
    the scratch folder, so running only those never builds the (slow) large synthetic store."""

    name: str
    run: Run
    scales: tuple[str, ...] = ("small", "medium", "large")
    needs_store: bool = True
    # The backends it measures; one that is SQLite-only says why (printed, never dropped).
    backends: tuple[str, ...] = ("sqlite", "postgres")
    only_why: str = ""


def percentile(samples: list[float], pct: float) -> float:
    if not samples:
        return float("nan")
    ordered = sorted(samples)
    k = max(0, min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


def summary_ms(samples: list[float]) -> tuple[float, float]:
    """p50 and p95 in milliseconds of samples in seconds."""
    return percentile(samples, 50) * 1000, percentile(samples, 95) * 1000


def repeated(
    scenario: str,
    metric: str,
    samples: list[float],
    unit: str,
    target: str | None = None,
    meets: Callable[[float], bool] | None = None,
) -> Result:
    """The median of repeated runs with their min and max, the target judged on the median.

    On a shared machine one run can be a third slower or faster than the next: a floor met
    only by the best run is not met, and a single run says little either way.
    """
    middle = statistics.median(samples)
    return Result(
        scenario,
        f"{metric}, median/{len(samples)}",
        middle,
        unit,
        target,
        None if meets is None else meets(middle),
        min(samples),
        max(samples),
    )


def mean(samples: list[float]) -> float:
    return statistics.fmean(samples) if samples else float("nan")


def prepare_store(scale: str, rebuild: bool = False) -> tuple[Path, float | None, datetime]:
    """The synthetic store for a scale, built once and reused; returns (path, rows/s if built
    now, when it was seeded)."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"{scale}.db"
    stamp = CACHE / f"{scale}.seeded_at"
    if path.exists() and not rebuild and stamp.exists():
        with sqlite3.connect(path) as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == db.latest_version():
            return path, None, datetime.fromisoformat(stamp.read_text().strip())
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    now = datetime.now(UTC)
    conn = db.connect_sync(path)
    conn.execute("PRAGMA cache_size=-262144")
    with db.transaction(conn):
        SqliteTx(conn).stages.install_stages(stages.DEFAULT_STAGES, Actor.system("bench"))
        _install_cadences(SqliteTx(conn))
    started = time.perf_counter()
    with db.transaction(conn):
        counts = SqliteTx(conn).seeding.seed_synthetic(SCALES[scale], now)
    rate = counts.total / (time.perf_counter() - started)
    conn.execute("PRAGMA optimize")
    conn.execute("ANALYZE")
    conn.close()
    stamp.write_text(now.isoformat())
    return path, rate, now


def _install_cadences(tx: Tx) -> None:
    """Built-in cadences when the cadence engine provides an installer; else seeding makes one."""
    try:
        from bot.app import INSTALLERS
        from bot.config import Settings
    except ImportError:
        return
    settings = Settings.from_env({})
    for install in INSTALLERS[1:]:
        install(tx, settings)


def as_dicts(results: list[Result]) -> list[dict[str, Any]]:
    return [asdict(r) for r in results]


def run_async(coro: Awaitable[Any]) -> Any:
    return asyncio.run(coro)  # type: ignore[arg-type]
