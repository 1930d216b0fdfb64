"""Amounts as people type them, in reais, dollars and euros, with either decimal mark."""

from __future__ import annotations

import sys

import pytest

from handlers.understanding.amounts import Amount, find_amounts, parse_number
from handlers.understanding.text import fold_chars


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("R$ 120 mil", 120_000, "BRL"),
        ("R$120.000,00", 120_000, "BRL"),
        ("r$ 1.500", 1_500, "BRL"),
        ("120k", 120_000, None),
        ("1,5 mi", 1_500_000, None),
        ("1.5M", 1_500_000, None),
        ("2 milhões", 2_000_000, None),
        ("$ 40,000", 40_000, "USD"),
        ("US$ 2.5 million", 2_500_000, "USD"),
        ("30 mil reais", 30_000, "BRL"),
        ("€10k", 10_000, "EUR"),
        ("USD 1,234.56", 1234.56, "USD"),
    ],
)
def test_amounts(text, value, currency):
    (found,) = find_amounts(fold_chars(f"proposta de {text} ok"))
    assert found.amount.value == pytest.approx(value)
    assert found.amount.currency == currency


@pytest.mark.parametrize("text", ["3 dias", "ligar 15h30", "31/12", "em 2026", "sala 12"])
def test_numbers_that_are_not_money(text):
    assert find_amounts(fold_chars(text)) == []


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("40,000", 40_000),
        ("120.000", 120_000),
        ("1,5", 1.5),
        ("1.5", 1.5),
        ("120.000,00", 120_000),
        ("1,234.56", 1234.56),
        ("1.234.567", 1_234_567),
        ("12,50", 12.5),
    ],
)
def test_either_decimal_mark(text, value):
    assert parse_number(text) == pytest.approx(value)


def _work(text: str) -> int:
    """Lines of the amounts reader run to read `text`: the work, counted rather than timed,
    so a loaded machine cannot make the test fail and a fast one cannot hide a regression."""
    steps = 0

    def trace(frame, event, arg):  # noqa: ANN001, ANN202 - sys.settrace's signature
        nonlocal steps
        if frame.f_code.co_filename.endswith("understanding/amounts.py"):
            steps += 1
            return trace
        return None

    sys.settrace(trace)
    try:
        find_amounts(text)
    finally:
        sys.settrace(None)
    return steps


HOSTILE = {
    "spaces": " " * 4_000,
    "tabs and newlines": "\t \n" * 1_334,
    "a currency then spaces": "r$" + " " * 4_000,
    "a number then spaces": "1" + " " * 4_000 + "x",
    "digits and dots": "1.1" * 1_334,
    "mil mil mil": "mil " * 1_000,
    "1 mil 1 mil": "1 mil " * 667,
}


@pytest.mark.parametrize("text", HOSTILE.values(), ids=HOSTILE.keys())
def test_a_long_hostile_message_costs_in_proportion_to_its_length(text):
    # Each of these took 1-1.7 s when every blank rescanned the rest of its run (work growing
    # with the square of the length). Reading it twice as long must cost about twice the
    # work, not four times; the wall clock stays out of the test (benchmarks/ times it).
    half = text[: len(text) // 2]
    assert _work(text) <= 2.5 * max(_work(half), 1) + 50


def test_blanks_around_the_number_still_read():
    (found,) = find_amounts(fold_chars("proposta de R$      120     mil   reais ok"))
    assert found.amount == Amount(120_000, "BRL")
    assert found.start == len("proposta de ")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("cotei 13.500 pro plotter", 13_500),
        ("fechou em 2.750 por mes", 2_750),
        ("quoted them 40,000 for the year", 40_000),
        ("proposta ficou 1.200.000 no total", 1_200_000),
        ("pagar 9.500 em 2x", 9_500),
    ],
)
def test_a_bare_number_grouped_in_thousands_is_a_price(text, value):
    (found,) = find_amounts(fold_chars(text))
    assert found.amount == Amount(value, None)


@pytest.mark.parametrize(
    "text",
    [
        "pedido de 1.500 unidades",
        "they need 2,000 seats",
        "cpf 123.456.789-00",
        "entregar 3.000 kg de racao",
        "40,000 users on the platform",
    ],
)
def test_a_grouped_number_that_counts_something_is_not_money(text):
    assert find_amounts(fold_chars(text)) == []


def test_many_grouped_numbers_stay_linear():
    assert _work("1.000 " * 700) <= 2.5 * _work("1.000 " * 350) + 50
