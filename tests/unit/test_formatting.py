"""Locale formatting: what a pt-BR and an English reader each expect to see."""

from __future__ import annotations

from datetime import date

from handlers.kernel import formatting


def test_money_per_locale():
    assert formatting.money(120_000, "BRL", "pt-BR") == "R$ 120.000,00"
    assert formatting.money(120_000, "BRL", "en") == "R$120,000.00"
    assert formatting.money(40_000, "USD", "en") == "$40,000.00"


def test_numbers_and_percent():
    assert formatting.number(1234.5, "pt-BR") == "1.234,5"
    assert formatting.number(1234.5, "en") == "1,234.5"
    assert formatting.percent(0.5, "en") == "50%"


def test_dates():
    wednesday = date(2026, 11, 18)
    assert formatting.day(wednesday, "pt-BR") == "18 de nov."
    assert formatting.day(wednesday, "en") == "Nov 18"
    assert formatting.day(wednesday, "en", weekday=True) == "Wed, Nov 18"


def test_days_ago():
    assert formatting.days_ago(3, "pt-BR") == "há 3 dias"
    assert formatting.days_ago(45, "en") == "45 days ago"


def test_day_counts_take_their_own_plural():
    assert formatting.day_count(1, "pt-BR") == "1 dia"
    assert formatting.day_count(21, "pt-BR") == "21 dias"
    assert formatting.day_count(1, "en") == "1 day"
    assert formatting.day_count(3, "en") == "3 days"
