"""The benchmark runner: `python benchmarks/run.py --scale small|medium|large [--json FILE]`.

Builds (or reuses) the synthetic store for the scale, runs every registered scenario
(benchmarks/scenarios/*.py, each with a SCENARIOS list), prints a table and writes JSON.
Throughput scenarios run `--repeat N` times (default 5) and are judged on the median; the
load average at start and end is printed beside the figures, since this machine is shared.
Performance targets live here, never in timed unit tests.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import resource
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import scenarios  # noqa: E402
from benchmarks.harness import Bench, Result, Scenario, as_dicts, prepare_store  # noqa: E402


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _load() -> str:
    """The 1, 5 and 15 minute load averages, as `uptime` prints them."""
    return ", ".join(f"{v:.2f}" for v in os.getloadavg())


def _figure(value: float) -> str:
    return f"{value:,.2f}" if abs(value) < 1000 else f"{value:,.0f}"


def _print_table(results: list[Result]) -> None:
    header = (
        f"{'scenario':<16} {'metric':<44} {'value':>14} {'min-max':>19} {'unit':<9} "
        f"{'target':<12} ok"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        ok = "" if r.ok is None else ("yes" if r.ok else "NO")
        spread = "" if r.low is None or r.high is None else f"{_figure(r.low)}-{_figure(r.high)}"
        print(
            f"{r.scenario:<16} {r.metric[:44]:<44} {_figure(r.value):>14} {spread:>19} "
            f"{r.unit:<9} {r.target or '':<12} {ok}"
        )


async def _run(bench: Bench, chosen: list[Scenario]) -> list[Result]:
    results: list[Result] = []
    for scenario in chosen:
        started = time.perf_counter()
        try:
            results.extend(await scenario.run(bench))
        except Exception as exc:  # one broken scenario must not hide the others' numbers
            results.append(
                Result(
                    scenario.name,
                    f"FAILED: {type(exc).__name__}: {exc}"[:44],
                    float("nan"),
                    "",
                    None,
                    False,
                )
            )
        print(f"  {scenario.name} done in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("small", "medium", "large"), default="small")
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--only", nargs="*", help="run only these scenarios")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached store")
    parser.add_argument(
        "--repeat",
        type=int,
        default=5,
        metavar="N",
        help="runs of each throughput measurement; the median is judged",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat needs a whole number of runs, 1 or more")

    load_at_start = _load()
    print(f"load average at start: {load_at_start}", file=sys.stderr)
    chosen = [
        sc
        for sc in scenarios.discover()
        if args.scale in sc.scales and (not args.only or sc.name in args.only)
    ]
    if any(sc.needs_store for sc in chosen):
        print(f"preparing the {args.scale} store…", file=sys.stderr)
        path, rate, seeded_at = prepare_store(args.scale, args.rebuild)
    else:
        path, rate, seeded_at = Path("/nonexistent"), None, datetime.now(UTC)
    with tempfile.TemporaryDirectory(prefix="ritmo-bench-") as scratch:
        from benchmarks.harness import SCALES

        bench = Bench(
            args.scale, SCALES[args.scale], path, Path(scratch), seeded_at, repeat=args.repeat
        )
        if rate is not None:
            bench.notes["seed_rate"] = rate
        results = asyncio.run(_run(bench, chosen))
    results.append(Result("process", "peak RSS", _peak_rss_mb(), "MiB"))
    load_at_end = _load()
    _print_table(results)
    print(
        f"load average at start: {load_at_start}; at end: {load_at_end} "
        f"(1, 5, 15 min; {os.cpu_count()} cores)"
    )
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "date": datetime.now(UTC).isoformat(timespec="seconds"),
                    "scale": args.scale,
                    "repeat": args.repeat,
                    "load_average": {"start": load_at_start, "end": load_at_end},
                    "machine": {
                        "cores": os.cpu_count(),
                        "python": platform.python_version(),
                        "platform": platform.platform(),
                    },
                    "results": as_dicts(results),
                },
                indent=2,
                default=str,
            )
        )
    return 0 if all(r.ok is not False for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
