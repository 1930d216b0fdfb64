"""Money, numbers, dates and percentages written the way the asker's locale writes them."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

from babel import Locale
from babel.dates import format_date, format_skeleton, format_timedelta
from babel.numbers import NumberPattern, format_decimal, format_percent

# Spanish is written for Latin America (CLDR es_419: 1,234.5 and BRL120,000.00).
_BABEL = {"pt-BR": "pt_BR", "en": "en", "es": "es_419"}
# Babel separates symbol and number with no-break spaces; chat clients and scripts handle a
# plain space better, and it reads the same.
_SPACES = str.maketrans({"\xa0": " ", "\u202f": " "})


def babel_locale(locale: str) -> str:
    """The Babel/CLDR locale that writes numbers and dates for a ritmo locale."""
    return _BABEL.get(locale, "pt_BR")


@lru_cache(maxsize=8)
def _currency_format(locale: str) -> tuple[Locale, NumberPattern]:
    parsed = Locale.parse(babel_locale(locale))
    return parsed, parsed.currency_formats["standard"]


def money(value: float, currency: str = "BRL", locale: str = "pt-BR") -> str:
    """ "R$ 120.000,00" in pt-BR, "R$120,000.00" in English.

    Babel's own format_currency re-reads the locale data on every call (~100 us); the
    agenda and pipeline format dozens of amounts, so the parsed pattern is kept.
    """
    parsed, pattern = _currency_format(locale)
    return pattern.apply(value, parsed, currency=currency or "BRL").translate(_SPACES)


def number(value: float, locale: str = "pt-BR") -> str:
    """1234.5 -> "1.234,5" in pt-BR, "1,234.5" in English."""
    return format_decimal(value, locale=babel_locale(locale)).translate(_SPACES)


@lru_cache(maxsize=256)
def percent(value: float, locale: str = "pt-BR") -> str:
    """0.5 -> "50%"."""
    return format_percent(value, locale=babel_locale(locale)).translate(_SPACES)


@lru_cache(maxsize=4096)
def day(value: date, locale: str = "pt-BR", *, weekday: bool = False, year: bool = False) -> str:
    """A short date: "18 de nov." / "Nov 18"; with the weekday or year when asked."""
    skeleton = ("y" if year else "") + "MMM" + ("E" if weekday else "") + "d"
    return format_skeleton(skeleton, value, locale=babel_locale(locale)).translate(_SPACES)


@lru_cache(maxsize=64)
def weekday(value: date, locale: str = "pt-BR") -> str:
    """The short weekday name: "seg." in pt-BR, "Mon" in English."""
    return format_date(value, "EEE", locale=babel_locale(locale)).translate(_SPACES)


@lru_cache(maxsize=512)
def day_count(days: int, locale: str = "pt-BR") -> str:
    """1 -> "1 dia" / "1 day", 3 -> "3 dias" / "3 days": the count with its own plural."""
    return format_timedelta(
        timedelta(days=days), granularity="day", threshold=10**6, locale=babel_locale(locale)
    ).translate(_SPACES)


def days_ago(days: int, locale: str = "pt-BR") -> str:
    """3 -> "há 3 dias" / "3 days ago"; negative counts are in the future."""
    return format_timedelta(
        timedelta(days=-days),
        granularity="day",
        threshold=10**6,
        add_direction=True,
        locale=babel_locale(locale),
    ).translate(_SPACES)
