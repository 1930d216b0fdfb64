"""The benchmark runner reports medians with their spread and judges targets on the median."""

from __future__ import annotations

import json

import pytest

from benchmarks import run, scenarios
from benchmarks.harness import Bench, Result, Scenario, repeated
from benchmarks.scenarios import foundation

RATES = [1_000.0, 9_000.0, 5_000.0, 2_000.0, 3_000.0]  # one lucky run: 9,000


def _scripted(seen: list[int]) -> Scenario:
    async def scripted(bench: Bench) -> list[Result]:
        seen.append(bench.repeat)
        return [
            repeated(
                "tiny", "rate", RATES[: bench.repeat], "rows/s", ">= 4000", lambda r: r >= 4_000
            )
        ]

    return Scenario("tiny", scripted, needs_store=False)


def test_the_median_is_judged_not_the_best_run():
    result = repeated("tiny", "rate", RATES, "rows/s", ">= 4000", lambda r: r >= 4_000)
    assert (result.value, result.low, result.high) == (3_000, 1_000, 9_000)
    assert result.ok is False
    assert result.metric == "rate, median/5"


def test_table_and_json_carry_median_spread_repeat_and_load(monkeypatch, tmp_path, capsys):
    seen: list[int] = []
    monkeypatch.setattr(scenarios, "discover", lambda: [_scripted(seen)])
    out = tmp_path / "results.json"

    code = run.main(["--only", "tiny", "--json", str(out)])

    assert code == 1  # the median (3,000) misses 4,000 though the best run (9,000) met it
    assert seen == [5]  # five runs unless told otherwise
    printed = capsys.readouterr().out
    row = next(line for line in printed.splitlines() if line.startswith("tiny"))
    assert "3,000" in row and "1,000-9,000" in row and row.rstrip().endswith("NO")
    assert "load average at start:" in printed and "at end:" in printed
    saved = json.loads(out.read_text())
    assert saved["repeat"] == 5
    assert set(saved["load_average"]) == {"start", "end"}
    (tiny,) = [r for r in saved["results"] if r["scenario"] == "tiny"]
    assert (tiny["value"], tiny["low"], tiny["high"], tiny["ok"]) == (3_000, 1_000, 9_000, False)


def test_repeat_sets_the_number_of_runs(monkeypatch, capsys):
    seen: list[int] = []
    monkeypatch.setattr(scenarios, "discover", lambda: [_scripted(seen)])
    assert run.main(["--only", "tiny", "--repeat", "3"]) == 0  # median of 1k, 9k, 5k: met
    assert seen == [3]
    assert "5,000" in capsys.readouterr().out


def test_repeat_below_one_is_refused_in_one_sentence(capsys):
    with pytest.raises(SystemExit) as stop:
        run.main(["--repeat", "0"])
    assert stop.value.code == 2
    assert "--repeat needs a whole number of runs" in capsys.readouterr().err


async def test_write_path_alternates_raw_and_store_runs(monkeypatch, tmp_path):
    order: list[str] = []
    raw_rate, store_rate = foundation._raw_commit_rate, foundation._store_log_rate

    def raw(path):
        order.append("raw")
        return raw_rate(path)

    async def store(path):
        order.append("store")
        return await store_rate(path)

    monkeypatch.setattr(foundation, "RAW_ROWS", 50)
    monkeypatch.setattr(foundation, "WRITERS", 4)
    monkeypatch.setattr(foundation, "PER_WRITER", 5)
    monkeypatch.setattr(foundation, "_raw_commit_rate", raw)
    monkeypatch.setattr(foundation, "_store_log_rate", store)
    bench = Bench("small", None, tmp_path / "none.db", tmp_path, None, repeat=3)  # type: ignore[arg-type]

    results = {r.metric: r for r in await foundation.write_path(bench)}

    assert order == ["raw", "store"] * 3
    ratio = results["store / raw ratio, median/3"]
    assert ratio.low <= ratio.value <= ratio.high
    assert ratio.ok is (ratio.value >= foundation.RATIO_TARGET)


class _NoServer:
    """Stands in for benchmarks.pg_side.PgSide where no scenario touches a store."""

    moves: dict[str, float] = {}

    def close(self) -> None:
        pass


def _per_backend(seen: list[str]) -> list[Scenario]:
    """Logs/s that halve on PostgreSQL (the 0.5x target, just met), and a SQLite-only one."""

    async def log(bench: Bench) -> list[Result]:
        seen.append(bench.backend)
        rate = 1_000.0 if bench.backend == "sqlite" else 500.0
        return [Result("log", "logs/s through the handler path", rate, "logs/s")]

    async def raw(bench: Bench) -> list[Result]:
        seen.append(f"raw-{bench.backend}")
        return [Result("raw", "raw sqlite3", 9.0, "rows/s")]

    return [
        Scenario("log", log, needs_store=False),
        Scenario("raw", raw, needs_store=False, backends=("sqlite",), only_why="raw sqlite3"),
    ]


def test_both_prints_ratio_target_and_sqlite_only_rows(monkeypatch, tmp_path, capsys):
    import benchmarks.pg_side

    seen: list[str] = []
    monkeypatch.setattr(scenarios, "discover", lambda: _per_backend(seen))
    monkeypatch.setattr(benchmarks.pg_side, "PgSide", _NoServer)
    out = tmp_path / "both.json"

    code = run.main(["--store", "both", "--repeat", "1", "--json", str(out)])

    assert code == 0
    assert seen == ["sqlite", "raw-sqlite", "postgres"]  # raw never runs on postgres
    printed = capsys.readouterr().out
    assert "pg/sqlite" in printed
    row = next(line for line in printed.splitlines() if line.startswith("log "))
    assert "1,000 " in row and "500.00" in row and " 0.50 " in row
    assert ">= 0.5x sqlite" in row and row.rstrip().endswith("met")
    assert any(
        line.startswith("raw") and "not run on postgres (sqlite only: raw sqlite3)" in line
        for line in printed.splitlines()
    )
    saved = json.loads(out.read_text())
    assert saved["store"] == "both"
    pg_log = next(
        r for r in saved["results"] if r["backend"] == "postgres" and r["scenario"] == "log"
    )
    assert (pg_log["value"], pg_log["ratio"], pg_log["ok"]) == (500.0, 0.5, True)


def test_a_postgres_figure_under_half_of_sqlites_misses(monkeypatch, capsys):
    import benchmarks.pg_side

    async def slow(bench: Bench) -> list[Result]:
        rate = 1_000.0 if bench.backend == "sqlite" else 400.0
        return [Result("log", "logs/s through the handler path, median/1", rate, "logs/s")]

    monkeypatch.setattr(scenarios, "discover", lambda: [Scenario("log", slow, needs_store=False)])
    monkeypatch.setattr(benchmarks.pg_side, "PgSide", _NoServer)

    assert run.main(["--store", "both", "--repeat", "1"]) == 1
    row = next(line for line in capsys.readouterr().out.splitlines() if line.startswith("log "))
    assert " 0.40 " in row and row.rstrip().endswith("MISSED")


def test_store_postgres_runs_every_scenario_or_says_why_not(monkeypatch, tmp_path, capsys):
    """The real thing at a tiny size: the store moved into a throwaway PostgreSQL, every
    scenario run there (two child processes included) or listed as SQLite-only."""
    from benchmarks import harness
    from benchmarks.scenarios import cadence, conversation, transfer
    from storage.seeding import SyntheticSpec

    tiny = SyntheticSpec(reps=3, accounts=40, deals=40, interactions=200, enrolments=40)
    monkeypatch.setattr(harness, "CACHE", tmp_path / "cache")
    monkeypatch.setitem(harness.SCALES, "small", tiny)
    monkeypatch.setattr(conversation, "ROUNDS", 2)
    monkeypatch.setattr(conversation, "LOGS", 20)
    monkeypatch.setattr(conversation, "NAME_QUERIES", 3)
    monkeypatch.setattr(conversation, "NAMES_ACCOUNTS", 300)
    monkeypatch.setitem(cadence.SIZES, "small", (400, 20))
    monkeypatch.setitem(cadence.RATE_MESSAGES, "small", 6)
    monkeypatch.setitem(transfer.ROWS, "small", 50)
    out = tmp_path / "pg.json"

    run.main(["--store", "postgres", "--repeat", "1", "--json", str(out)])  # targets may miss

    printed = capsys.readouterr().out
    assert printed.startswith("backend: postgres")
    assert "FAILED" not in printed
    saved = json.loads(out.read_text())
    assert saved["store"] == "postgres"
    rows = [r for r in saved["results"] if r["backend"] == "postgres"]
    said = {r["scenario"] for r in rows if r["metric"].startswith("not run on postgres")}
    ran = {r["scenario"] for r in rows} - said
    sqlite_only = {sc.name for sc in scenarios.discover() if "postgres" not in sc.backends}
    assert said == sqlite_only == {"seed", "write-path", "hostile", "understanding"}
    # every other scenario's figures (store-open reports as "store", the cadence pair as
    # "cadence"), two OS processes on one server included
    tables = {"store", "cadence", "digest", "import-csv", "ask", "log", "names"}
    assert ran == tables | {"log-2proc", "deliver-2proc"}
    two = {r["metric"]: r for r in saved["results"] if r["scenario"] == "deliver-2proc"}
    assert two["each message arrived once"]["ok"] is True
    assert two["processes that delivered"]["value"] == 1  # the lease holder, not both
