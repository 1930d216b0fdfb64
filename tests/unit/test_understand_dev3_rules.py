"""Rules of the fifth understanding round, each checked on sentences written for it here (none
from any corpus), against a small book of names that appear nowhere else.

Today is Thursday 2026-12-10.
"""

from __future__ import annotations

import sys
from datetime import date

import pytest

from handlers.understand import parse
from handlers.understand.mentions import NameIndex
from storage.books import BookName

TODAY = date(2026, 12, 10)
BOOK = NameIndex.of(
    [
        BookName(1, "Marmoraria Pedra Fina"),
        BookName(1, "Marmoraria Pedra Fina", 11, "Joana Prates"),
        BookName(2, "Hotel Brisa do Mar"),
        BookName(3, "Copperfield Tools"),
        BookName(3, "Copperfield Tools", 13, "Megan Price"),
        BookName(4, "Distribuidora Sol Nascente"),
        BookName(5, "Redwood Clinics"),
    ]
)


def read(text: str, locale: str = "pt-BR"):
    return parse(text, TODAY, month_first=locale == "en", mentions=BOOK.mentions(text))


def account(parsed) -> str | None:
    return parsed.mention.hits[0].account_name if parsed.mention else None


def _work(text: str) -> int:
    """How many lines of the parser run to read `text`: the work, counted, not timed."""
    steps = 0

    def trace(frame, event, arg):
        nonlocal steps
        if "handlers" in frame.f_code.co_filename and "understand" in frame.f_code.co_filename:
            steps += 1
            return trace
        return None

    parse(text, TODAY)  # warm the caches, so both readings count only the reading
    sys.settrace(trace)
    try:
        parse(text, TODAY)
    finally:
        sys.settrace(None)
    return steps


@pytest.mark.parametrize(
    "unit",
    [
        "mil ",
        "1 mil ",
        "R$ 10, ",
        "12/01 ",
        "10h ",
        "liguei pra loja dia 3 ",
        "ontem hoje amanha ",
        "retornar dia 15 as 10h ",
    ],
)
def test_reading_a_long_message_costs_in_proportion_to_its_length(unit):
    # A repeated piece four times longer must cost about four times the work, not sixteen:
    # a scan of every word for every amount or date made "1 mil 1 mil …" cost its square.
    short, long_ = unit * (480 // len(unit)), unit * (1920 // len(unit))
    assert _work(long_) < 5 * _work(short)
