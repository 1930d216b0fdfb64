"""The benchmark runner: `python benchmarks/run.py --scale small|medium|large [--json FILE]
[--store sqlite|postgres|both]`.

Builds (or reuses) the synthetic store for the scale, runs every registered scenario
(benchmarks/scenarios/*.py, each with a SCENARIOS list), prints a table and writes JSON.
`--store postgres` moves that same store into a durable throwaway PostgreSQL (benchmarks/
pg_side.py) and runs the same scenarios there; `both` runs each backend in turn and prints one
table with a pg/sqlite ratio and PostgreSQL's targets (issue 16) marked met or missed. A
scenario that only makes sense on SQLite is listed as such on PostgreSQL, never dropped.
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
from dataclasses import replace
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


# PostgreSQL's targets that are a ratio to SQLite's figure on the same run (issue 16).
RATIO_TARGETS = {("log", "logs/s through the handler path"): 0.5}
NOT_RUN = "not run on "  # the metric of a scenario's row on a backend it does not measure


def _print_table(results: list[Result], backend: str = "sqlite") -> None:
    if backend != "sqlite":
        print(f"backend: {backend}")
    header = (
        f"{'scenario':<16} {'metric':<44} {'value':>14} {'min-max':>19} {'unit':<9} "
        f"{'target':<12} ok"
    )
    print(header)
    print("-" * len(header))
    for r in results:
        if r.metric.startswith(NOT_RUN):
            print(f"{r.scenario:<16} {r.metric}")
            continue
        ok = "" if r.ok is None else ("yes" if r.ok else "NO")
        spread = "" if r.low is None or r.high is None else f"{_figure(r.low)}-{_figure(r.high)}"
        print(
            f"{r.scenario:<16} {r.metric[:44]:<44} {_figure(r.value):>14} {spread:>19} "
            f"{r.unit:<9} {r.target or '':<12} {ok}"
        )


def _ratio_target(r: Result) -> float | None:
    return next(
        (t for (sc, m), t in RATIO_TARGETS.items() if r.scenario == sc and r.metric.startswith(m)),
        None,
    )


def _paired(results: list[Result]) -> list[Result]:
    """PostgreSQL's rows, each carrying its ratio to SQLite's figure (None where either side
    lacks it) and, where PostgreSQL's target is a ratio, that target judged."""
    sqlite = {(r.scenario, r.metric): r for r in results if r.backend == "sqlite"}
    rows: list[Result] = []
    for r in results:
        if r.backend != "postgres":
            continue
        twin = sqlite.get((r.scenario, r.metric))
        ratio = None if twin is None or not twin.value else r.value / twin.value
        wanted = _ratio_target(r)
        if wanted is not None and ratio is not None:
            r = replace(r, target=f">= {wanted}x sqlite", ok=ratio >= wanted)
        rows.append(replace(r, ratio=ratio))
    return rows


def _print_both(results: list[Result]) -> None:
    """SQLite and PostgreSQL side by side, with pg/sqlite and PostgreSQL's targets."""
    header = (
        f"{'scenario':<16} {'metric':<44} {'sqlite':>12} {'postgres':>12} {'pg/sqlite':>9} "
        f"{'unit':<9} {'pg target':<16} pg"
    )
    print("backends: sqlite and postgres (same data; pg/sqlite = postgres value / sqlite value)")
    print(header)
    print("-" * len(header))
    sqlite = {(r.scenario, r.metric): r for r in results if r.backend == "sqlite"}
    shown: set[tuple[str, str]] = set()
    for r in (r for r in results if r.backend == "postgres"):
        shown.add((r.scenario, r.metric))
        if r.metric.startswith(NOT_RUN):
            print(f"{r.scenario:<16} {r.metric}")
            continue
        twin = sqlite.get((r.scenario, r.metric))
        left = "" if twin is None else _figure(twin.value)
        ratio = "" if r.ratio is None else f"{r.ratio:.2f}"
        ok = "" if r.ok is None else ("met" if r.ok else "MISSED")
        print(
            f"{r.scenario:<16} {r.metric[:44]:<44} {left:>12} {_figure(r.value):>12} "
            f"{ratio:>9} {r.unit:<9} {r.target or '':<16} {ok}"
        )
    for key, twin in sqlite.items():  # figures PostgreSQL has no row for (process RSS…)
        if key in shown or twin.scenario == "process":
            continue
        if twin.metric.startswith(NOT_RUN):
            print(f"{twin.scenario:<16} {twin.metric}")
        else:
            print(f"{twin.scenario:<16} {twin.metric[:44]:<44} {_figure(twin.value):>12}")


def _not_run(scenario: Scenario, backend: str) -> Result:
    """The row saying a scenario does not measure this backend, and why (never dropped)."""
    only = "/".join(scenario.backends)
    why = f": {scenario.only_why}" if scenario.only_why else ""
    return Result(scenario.name, f"{NOT_RUN}{backend} ({only} only{why})", float("nan"), "")


async def _run(bench: Bench, chosen: list[Scenario]) -> list[Result]:
    results: list[Result] = []
    for scenario in chosen:
        if bench.backend not in scenario.backends:
            results.append(_not_run(scenario, bench.backend))
            continue
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
        print(
            f"  {scenario.name} ({bench.backend}) done in {time.perf_counter() - started:.1f} s",
            file=sys.stderr,
        )
    return [replace(r, backend=bench.backend) for r in results]


def _run_backend(args: argparse.Namespace, backend: str, chosen: list[Scenario]) -> list[Result]:
    """Every chosen scenario on one backend, in a scratch folder of its own."""
    if any(sc.needs_store for sc in chosen):
        print(f"preparing the {args.scale} store…", file=sys.stderr)
        path, rate, seeded_at = prepare_store(args.scale, args.rebuild)
        args.rebuild = False  # built once per run, whichever backend goes first
    else:
        path, rate, seeded_at = Path("/nonexistent"), None, datetime.now(UTC)
    pg = None
    if backend == "postgres":
        from benchmarks.pg_side import PgSide

        pg = PgSide()
    try:
        with tempfile.TemporaryDirectory(prefix="ritmo-bench-") as scratch:
            from benchmarks.harness import SCALES

            bench = Bench(
                args.scale,
                SCALES[args.scale],
                path,
                Path(scratch),
                seeded_at,
                repeat=args.repeat,
                backend=backend,
                pg=pg,
            )
            if rate is not None:
                bench.notes["seed_rate"] = rate
            results = asyncio.run(_run(bench, chosen))
            if pg is not None and pg.moves:
                moved = sum(pg.moves.values())
                print(f"  moving stores into postgres took {moved:.1f} s", file=sys.stderr)
    finally:
        if pg is not None:
            pg.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=("small", "medium", "large"), default="small")
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--only", nargs="*", help="run only these scenarios")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached store")
    parser.add_argument(
        "--store",
        choices=("sqlite", "postgres", "both"),
        default="sqlite",
        help="the backend to measure (postgres: a throwaway server holding the same data)",
    )
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
    stores = ["sqlite", "postgres"] if args.store == "both" else [args.store]
    results = [r for backend in stores for r in _run_backend(args, backend, chosen)]
    results.append(Result("process", "peak RSS", _peak_rss_mb(), "MiB"))
    load_at_end = _load()
    if args.store == "both":
        results = [r for r in results if r.backend == "sqlite"] + _paired(results)
        _print_both(results)
    else:
        _print_table(results, args.store)
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
                    "store": args.store,
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
