"""Amounts as people type them, in reais, dollars and euros, with either decimal mark."""

from __future__ import annotations

import pytest

from handlers.understand.amounts import find_amounts, parse_number
from handlers.understand.text import fold_chars


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
