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
