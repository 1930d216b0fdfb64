"""Where the time of the log path and the write path goes: `python benchmarks/profile.py
--path write|log [--scale medium] [--top 25]`.

Runs one round of the scenario under yappi (every thread: the writer thread does half of
the write path's work, which cProfile, main thread only, would not see) and prints the
functions with the most CPU time of their own, and the store's entry points by total time.
yappi is a development tool, not a dependency: `pip install yappi` first.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.harness import SCALES, Bench, prepare_store  # noqa: E402
from benchmarks.scenarios import conversation, foundation  # noqa: E402


async def _one_round(path: str, bench: Bench) -> None:
    if path == "write":
        rate, commits = await foundation._store_log_rate(bench.scratch / "write.db")
        print(f"write path under the profiler: {rate:,.0f} rows/s, {commits} commits")
    else:
        (result, _) = await conversation.log_throughput(bench)
        print(f"log path under the profiler: {result.value:,.0f} logs/s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", choices=("write", "log"), required=True)
    parser.add_argument("--scale", choices=tuple(SCALES), default="medium")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)
    try:
        import yappi
    except ImportError:
        print("the profile needs yappi: .venv/bin/pip install yappi", file=sys.stderr)
        return 2
    store_path, _, seeded_at = (
        prepare_store(args.scale) if args.path == "log" else (Path("/nonexistent"), None, None)
    )
    with tempfile.TemporaryDirectory(prefix="ritmo-profile-") as scratch:
        bench = Bench(
            args.scale, SCALES[args.scale], store_path, Path(scratch), seeded_at, repeat=1
        )  # type: ignore[arg-type]
        yappi.set_clock_type("cpu")
        yappi.start(builtins=True)
        asyncio.run(_one_round(args.path, bench))
        yappi.stop()
    stats = yappi.get_func_stats()
    total = sum(t.ttot for t in yappi.get_thread_stats())
    print(f"CPU seconds, all threads: {total:.2f}")
    print(f"{'own s':>7} {'own %':>6} {'total s':>8} {'calls':>9}  function")
    for fn in sorted(stats, key=lambda f: f.tsub, reverse=True)[: args.top]:
        where = f"{Path(fn.module).name}:{fn.lineno}" if fn.lineno else Path(fn.module).name
        print(
            f"{fn.tsub:7.3f} {100 * fn.tsub / total:5.1f}% {fn.ttot:8.3f} {fn.ncall:9d}  "
            f"{fn.name} ({where})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
