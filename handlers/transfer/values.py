"""Parsing one cell: Brazilian and international numbers, dates, e-mails, phones, statuses.

Hand-written rather than dateutil/Babel parsing on purpose: those guess (dateutil reads
"12" as a date, Babel needs the locale in advance), while an import must reject what it does
not understand and must parse a hundred thousand rows in a couple of seconds.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import lru_cache

from handlers.transfer.folding import fold

LOST_REASONS = (
    "price",
    "competitor",
    "no_budget",
    "no_decision",
    "timing",
    "lost_contact",
    "other",
)


class ValueProblem(ValueError):
    """A cell that cannot be read: an i18n key naming the reason, with its params."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


# --- numbers ---------------------------------------------------------------------------------

_PLAIN = re.compile(r"-?\d+(?:\.\d{1,2}|\.\d{4,})?")
_BRAZILIAN = re.compile(r"\d{1,3}(?:\.\d{3})*,\d{1,2}")
_CURRENCY_MARKS = (("R$", "BRL"), ("US$", "USD"), ("U$", "USD"), ("€", "EUR"), ("$", "USD"))
_CODE = re.compile(r"^([A-Za-z]{3})\s+|\s+([A-Za-z]{3})$")
_NUMBER = re.compile(r"-?[\d.,]*\d")


def parse_amount(cell: str) -> tuple[float, str | None]:
    """A money cell as (value, currency hinted by a symbol or code, else None).

    "1.234,56", "R$ 1.234,56", "1,234.56", "4997.0" and "1234" are all understood. The last of
    "." and "," is the decimal mark; a lone "." or "," followed by exactly three digits is a
    thousands separator, the Brazilian reading ("1.234" is one thousand two hundred and
    thirty-four), which is also how a spreadsheet re-saved in pt-BR writes it.

    Raises:
        ValueProblem: not a number, or negative.
    """
    text = cell.strip().replace("\u00a0", " ")
    if "," not in text and _PLAIN.fullmatch(text):  # _PLAIN has no comma: skip it on "1.234,56"
        value, currency = float(text), None
    elif _BRAZILIAN.fullmatch(text):
        value, currency = float(text.replace(".", "").replace(",", ".")), None
    else:
        text, currency = _strip_currency(text)
        value = _parse_number(text, cell)
    if value < 0:
        raise ValueProblem("transfer.negative_amount", value=cell.strip())
    return value, currency


def _strip_currency(text: str) -> tuple[str, str | None]:
    for mark, code in _CURRENCY_MARKS:
        if mark in text:
            return text.replace(mark, "").strip(), code
    found = _CODE.search(text)
    if found:
        return _CODE.sub("", text).strip(), (found.group(1) or found.group(2)).upper()
    return text, None


def _parse_number(text: str, original: str) -> float:
    compact = text.replace(" ", "")
    if not _NUMBER.fullmatch(compact):
        raise ValueProblem("transfer.bad_number", value=original.strip())
    sign = -1.0 if compact.startswith("-") else 1.0
    digits = compact.lstrip("-")
    last_dot, last_comma = digits.rfind("."), digits.rfind(",")
    decimal: str | None
    if last_dot >= 0 and last_comma >= 0:
        decimal = "." if last_dot > last_comma else ","
    else:
        mark = "." if last_dot >= 0 else ","
        count = digits.count(mark)
        tail = len(digits) - digits.rfind(mark) - 1
        decimal = mark if count == 1 and tail != 3 else None
        if count == 1 and tail == 3 and mark == "," and digits.startswith("0"):
            decimal = ","  # "0,125" can only be a fraction
    thousands = {".", ","} - {decimal} if decimal else {".", ","}
    for mark in thousands:
        digits = digits.replace(mark, "")
    if decimal == ",":
        digits = digits.replace(",", ".")
    try:
        return sign * float(digits)
    except ValueError:
        raise ValueProblem("transfer.bad_number", value=original.strip()) from None


def format_amount(value: float) -> str:
    """A float written so that `parse_amount` reads back exactly the same value.

    repr() is exact, but "1000.125" would read back as a thousands separator, so a fraction of
    exactly three digits gets a trailing zero.
    """
    text = repr(float(value))
    if "e" in text:
        text = format(Decimal(text), "f")
    if text.endswith(".0"):
        text = text[:-2]
    head, _, tail = text.partition(".")
    return text + "0" if len(tail) == 3 else text


def parse_coordinate(cell: str, limit: float) -> float:
    """A latitude/longitude in decimal degrees, "." or "," as the decimal mark.

    Raises:
        ValueProblem: not a number, or outside ±limit.
    """
    text = cell.strip().replace(",", ".")
    try:
        value = float(text)
    except ValueError:
        raise ValueProblem("transfer.bad_number", value=cell.strip()) from None
    if not -limit <= value <= limit:
        raise ValueProblem("transfer.bad_coordinate", value=cell.strip())
    return value


# --- dates -----------------------------------------------------------------------------------

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?.*)?")
_DAY_FIRST = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:\s+\d{1,2}:\d{2}.*)?")


@lru_cache(maxsize=4096)  # a file has a few hundred distinct dates over many rows
def parse_date(cell: str) -> date:
    """A calendar date from ISO ("2026-12-31", with or without a time) or day-first
    ("31/12/2026", "31.12.26"); slashes are read day-first, as every Brazilian export writes.

    Raises:
        ValueProblem: not a date, or an impossible one (31/02).
    """
    text = cell.strip()
    if len(text) == 10 and text[2] == "/" == text[5] and text.isascii():
        try:  # the common case first: 31/12/2026
            return date(int(text[6:]), int(text[3:5]), int(text[:2]))
        except ValueError:
            raise ValueProblem("transfer.bad_date", value=text) from None
    iso = _ISO.fullmatch(text)
    if iso:
        year, month, day = (int(g) for g in iso.groups())
    else:
        dmy = _DAY_FIRST.fullmatch(text)
        if not dmy:
            raise ValueProblem("transfer.bad_date", value=text)
        day, month, year = (int(g) for g in dmy.groups())
        if year < 100:
            year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueProblem("transfer.bad_date", value=text) from None


# --- people's details ------------------------------------------------------------------------

_EMAIL = re.compile(r"[^@\s,;<>\"']+@[^@\s,;<>\"']+\.[^@\s,;<>\"'.]+")
_MULTI = re.compile(r"\s*[,;|]\s*")


def parse_email(cell: str) -> str:
    """The first address of a cell ("a@x.com, b@y.com" keeps a@x.com), lower-cased.

    Raises:
        ValueProblem: no well-formed address in the cell.
    """
    first = _MULTI.split(cell.strip(), maxsplit=1)[0].strip("<> ")
    if not _EMAIL.fullmatch(first):
        raise ValueProblem("transfer.bad_email", value=cell.strip())
    return first.lower()


def parse_phone(cell: str) -> str:
    """The first number of a cell, without the apostrophe Excel users type to keep a leading +."""
    first = re.split(r"\s*[,;/|]\s*", cell.strip(), maxsplit=1)[0]
    return first.lstrip("'").strip()


# --- deal status and lost reason -------------------------------------------------------------

_STATUS = {
    "open": "open",
    "aberto": "open",
    "aberta": "open",
    "em andamento": "open",
    "andamento": "open",
    "ativo": "open",
    "em aberto": "open",
    "in progress": "open",
    "won": "won",
    "ganho": "won",
    "ganha": "won",
    "vendido": "won",
    "vendida": "won",
    "closed won": "won",
    "fechado ganho": "won",
    "negocio ganho": "won",
    "lost": "lost",
    "perdido": "lost",
    "perdida": "lost",
    "closed lost": "lost",
    "fechado perdido": "lost",
    "negocio perdido": "lost",
}


@lru_cache(maxsize=1024)  # a handful of distinct cells, one on every row
def parse_status(cell: str) -> str:
    """open, won or lost from any of the ways CRMs write it, in English or Portuguese.

    Raises:
        ValueProblem: a status none of the known vocabularies uses.
    """
    status = _STATUS.get(fold(cell))
    if status is None:
        raise ValueProblem("transfer.bad_status", value=cell.strip())
    return status


_REASON_WORDS = (
    ("competitor", ("concorr", "competi", "rival")),
    # Price before budget: "preço acima do orçamento" is about the price.
    ("price", ("preco", "price", "caro", "expensive", "valor", "cost", "custo")),
    ("no_budget", ("orcament", "budget", "verba", "sem dinheiro", "no money")),
    ("no_decision", ("decis", "decid")),
    ("lost_contact", ("contato", "contact", "resposta", "respond", "sumiu", "ghost", "reply")),
    ("timing", ("timing", "momento", "prazo", "later", "depois", "tempo", "time")),
    ("other", ("outro", "other")),
)
_EMPTY_REASONS = {"", "nada", "-", "n/a", "na", "none", "nenhum"}


@lru_cache(maxsize=1024)
def parse_lost_reason(cell: str) -> tuple[str | None, bool]:
    """The standard lost reason a free-text cell means, and whether it was recognised.

    Keys ("no_budget") and the words CRMs and people use ("Preço alto", "Sem orçamento",
    "Went with competitor") are understood; anything else is `other` with recognised=False so
    the import report can say so. RD Station's placeholder "Nada" means no reason.
    """
    folded = fold(cell)
    if folded in _EMPTY_REASONS:
        return None, True
    key = folded.replace(" ", "_")
    if key in LOST_REASONS:
        return key, True
    for reason, words in _REASON_WORDS:
        if any(word in folded for word in words):
            return reason, True
    return "other", False


_CURRENCY = re.compile(r"[A-Za-z]{3}")


@lru_cache(maxsize=1024)  # a handful of distinct cells, one on every row
def parse_currency(cell: str) -> str:
    """An ISO 4217 code ("brl" -> "BRL"; "R$" -> "BRL").

    Raises:
        ValueProblem: not a three-letter code or a known symbol.
    """
    text = cell.strip()
    if len(text) == 3 and text.isascii() and text.isalpha():
        return text.upper()
    for mark, code in _CURRENCY_MARKS:
        if text == mark:
            return code
    if not _CURRENCY.fullmatch(text):
        raise ValueProblem("transfer.bad_currency", value=text)
    return text.upper()


def clean(cell: str | None) -> str | None:
    """A trimmed cell, or None when it is blank (exports pad cells with stray spaces)."""
    if cell is None:
        return None
    text = cell.strip()
    return text or None
