"""Understanding: the labelled corpus (tests/data/understanding) through a real ritmo, scored
by benchmarks.understanding. The held-out figure is the one the target is about; the
development figure is reported beside it. `python -m benchmarks.understanding --misses 40
--part dev` lists what it got wrong."""

from __future__ import annotations

from benchmarks.harness import Bench, Result, Scenario
from benchmarks.understanding import evaluate, load_rows

TARGET = 97.0
LANGUAGE_TARGET = 95.0


async def run(bench: Bench) -> list[Result]:
    summary = (await evaluate(load_rows(), bench.scratch / "understanding")).summary()
    out: list[Result] = []
    for part, block in summary.items():
        held = part.startswith("heldout")
        value = block["intent_and_account"]
        out.append(
            Result(
                "understanding",
                f"{part}: intent and account right",
                value,
                "%",
                f">= {TARGET:.0f}" if held else None,
                value >= TARGET if held else None,
            )
        )
        for lang in ("pt", "en"):
            value = block[f"intent_and_account_{lang}"]
            out.append(
                Result(
                    "understanding",
                    f"{part} {lang}: intent and account right",
                    value,
                    "%",
                    f">= {LANGUAGE_TARGET:.0f}" if held else None,
                    value >= LANGUAGE_TARGET if held else None,
                )
            )
        for name in ("date", "follow_up", "amount"):
            out.append(
                Result("understanding", f"{part}: {name} as meant", block[name]["accuracy"], "%")
            )
        acted = block["out_of_domain_acted"]
        out.append(
            Result(
                "understanding",
                f"{part}: off-topic answered with data",
                acted,
                "msgs",
                "0" if held else None,
                acted == 0 if held else None,
            )
        )
    return out


SCENARIOS = [
    Scenario(
        "understanding",
        run,
        needs_store=False,
        backends=("sqlite",),
        only_why="no store: reading only",
    )
]
