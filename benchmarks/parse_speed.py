"""How long `parse` takes on the messages people type: p50/p95 over the development parts of
the understanding corpus, and the worst of the hostile shapes (a 4,000-character message).

    python -m benchmarks.parse_speed [--tries 3]

Only the development parts are read (never the held-out ones). Each message is parsed with the
names the corpus's book holds in it, as the chat path does, and timed best of `--tries` (a
shared machine's noise lands on single readings, not on the best of several).
"""

from __future__ import annotations

import argparse
import time
from datetime import date

from benchmarks.understanding import load_book, load_rows
from handlers.understanding import parse
from handlers.understanding.mentions import NameIndex
from storage.books import BookName

TODAY = date(2026, 12, 10)
DEV_PARTS = ("dev", "dev2", "dev3")
HOSTILE = {
    "mil mil mil": "mil " * 1_000,
    "1 mil 1 mil": "1 mil " * 666,
    "liguei dia 3": "liguei pra loja dia 3 " * 180,
}


def _index() -> NameIndex:
    rows: list[BookName] = []
    for i, account in enumerate(load_book()["accounts"], start=1):
        rows.append(BookName(i, account["name"]))
        for j, contact in enumerate(account.get("contacts", ()), start=1):
            rows.append(BookName(i, account["name"], i * 100 + j, contact["name"]))
    return NameIndex.of(rows)


def _best_ms(text: str, month_first: bool, index: NameIndex, tries: int) -> float:
    best = float("inf")
    for _ in range(tries):
        started = time.perf_counter()
        parse(text, TODAY, month_first=month_first, mentions=index.mentions(text))
        best = min(best, time.perf_counter() - started)
    return best * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tries", type=int, default=3)
    args = parser.parse_args(argv)
    index = _index()
    rows = load_rows(DEV_PARTS)
    for row in rows:  # warm every cache once, as a running bot has
        parse(row.text, TODAY, month_first=row.lang == "en", mentions=index.mentions(row.text))
    times = sorted(_best_ms(r.text, r.lang == "en", index, args.tries) for r in rows)
    p50, p95 = times[len(times) // 2], times[int(len(times) * 0.95)]
    print(f"parse over {len(rows)} development messages: p50 {p50:.3f} ms, p95 {p95:.3f} ms")
    for name, text in HOSTILE.items():
        print(f"parse, {len(text):,} chars of {name!r}: {_best_ms(text, False, index, 3):.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
