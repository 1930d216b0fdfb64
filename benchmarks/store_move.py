"""How fast `ritmo store move` copies: `python benchmarks/store_move.py [--interactions N]`.

Seeds a synthetic SQLite store with the real `ritmo seed`, starts a durable throwaway
PostgreSQL (storage/postgres/testing.py) and times the move there and back, every table
verified both ways, as the command does it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import psycopg  # noqa: E402

from storage import move  # noqa: E402
from storage.postgres.testing import ThrowawayServer  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interactions", type=int, default=200_000)
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="ritmo-move-"))
    source, back = folder / "source.db", folder / "back.db"
    os.environ.update(RITMO_DB=str(source), RITMO_LOCALE="en")
    from bot.cli import main as ritmo

    scale = max(args.interactions // 20, 100)
    seeded = ritmo(["seed", "--synthetic", "--reps", "50", "--accounts", str(scale // 2),
                    "--deals", str(scale), "--interactions", str(args.interactions),
                    "--enrolments", str(scale)])  # fmt: skip
    if seeded:
        return seeded
    with ThrowawayServer(durable=True) as server:
        with psycopg.connect(server.url("postgres"), autocommit=True) as conn:
            conn.execute("CREATE DATABASE moved")
        target = server.url("moved")
        started = time.perf_counter()
        tables = move.move(move.parse_location(str(source)), move.parse_location(target))
        there = time.perf_counter() - started
        started = time.perf_counter()
        move.move(move.parse_location(target), move.parse_location(str(back)))
        home = time.perf_counter() - started
    rows = sum(t.rows for t in tables)
    load = ", ".join(f"{v:.2f}" for v in os.getloadavg())
    print(f"{rows:,} rows in {len(tables)} tables")
    print(f"SQLite -> PostgreSQL: {there:.1f} s ({rows / there:,.0f} rows/s)")
    print(f"PostgreSQL -> SQLite: {home:.1f} s ({rows / home:,.0f} rows/s)")
    print(f"load average {load}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
