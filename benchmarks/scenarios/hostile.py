"""Hostile input: what a 4,000-character message built to make a parser backtrack costs."""

from __future__ import annotations

import time

from benchmarks.harness import Bench, Result, Scenario
from handlers.understanding.amounts import find_amounts

TRIES = 5
# Telegram's own limit on a message is 4,096 characters; these are the shapes that once made
# the amount pattern rescan a run of blanks from every position (issue 13, item 14).
CASES = {
    "spaces": " " * 4_000,
    "currency then spaces": "r$" + " " * 4_000,
    "digits and dots": "1.1" * 1_334,
    "mil mil mil": "mil " * 1_000,
    "1 mil 1 mil": "1 mil " * 667,
}


def _best_ms(text: str) -> float:
    best = float("inf")
    for _ in range(TRIES):
        started = time.perf_counter()
        find_amounts(text)
        best = min(best, time.perf_counter() - started)
    return best * 1000


async def amount_parser(bench: Bench) -> list[Result]:
    out = [
        Result("hostile", f"amounts, 4k chars: {name}", _best_ms(text), "ms")
        for name, text in CASES.items()
    ]
    worst = max(r.value for r in out)
    out.append(
        Result("hostile", "amounts, 4k chars: worst case", worst, "ms", "<= 50", worst <= 50)
    )
    return out


SCENARIOS = [
    Scenario(
        "hostile",
        amount_parser,
        needs_store=False,
        backends=("sqlite",),
        only_why="no store: parsing only",
    )
]
