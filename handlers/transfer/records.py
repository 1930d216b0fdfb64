"""Typed rows of an import file, and the per-row errors (line number and reason) found on the way.

This stage needs nothing but the file: names of stages, owners and companies are kept as
written and resolved against the store later (handlers.transfer.plan).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import NamedTuple

from handlers.kernel.i18n import t
from handlers.transfer import presets
from handlers.transfer.columns import ColumnMap, map_columns
from handlers.transfer.gcpause import paused_gc
from handlers.transfer.reading import Table
from handlers.transfer.values import (
    ValueProblem,
    clean,
    parse_amount,
    parse_coordinate,
    parse_currency,
    parse_date,
    parse_email,
    parse_lost_reason,
    parse_phone,
    parse_status,
)


@dataclass(frozen=True)
class RowError:
    """Why one line of the file was rejected."""

    line: int
    key: str
    params: Mapping[str, object] = field(default_factory=dict)

    def text(self, locale: str) -> str:
        return t(locale, self.key, **self.params)


@dataclass(frozen=True)
class Note:
    """Something the import did that the user should know about (not an error)."""

    line: int
    key: str
    params: Mapping[str, object] = field(default_factory=dict)

    def text(self, locale: str) -> str:
        return t(locale, self.key, **self.params)


# Row records are NamedTuples, not frozen dataclasses: just as immutable, and five times
# cheaper to build, which matters at a hundred thousand rows per import.
class AccountRecord(NamedTuple):
    line: int
    name: str
    segment: str | None = None
    city: str | None = None
    state: str | None = None
    website: str | None = None
    latitude: float | None = None
    longitude: float | None = None


class ContactRecord(NamedTuple):
    line: int
    name: str
    account: str | None = None
    email: str | None = None
    phone: str | None = None
    role: str | None = None


class DealRecord(NamedTuple):
    line: int
    account: str
    title: str
    owner: str | None
    stage: str | None
    status: str
    amount: float | None = None  # None: the file has no amount (keep the stored one)
    currency: str | None = None
    close_date: date | None = None
    lost_reason: str | None = None
    stage_hint: str | None = None  # the ritmo stage a CRM's default stage label stands for


Record = AccountRecord | ContactRecord | DealRecord


@dataclass(frozen=True)
class Parsed:
    """Every readable row as a record, every unreadable one as an error, plus notes."""

    kind: str
    records: tuple[Record, ...]
    errors: tuple[RowError, ...]
    notes: tuple[Note, ...] = ()


def _account(line: int, v: dict[str, str], preset: str | None, notes: list[Note]) -> AccountRecord:
    lat, lon = v.get("latitude"), v.get("longitude")
    return AccountRecord(
        line,
        v["name"],
        clean(v.get("segment")),
        clean(v.get("city")),
        clean(v.get("state")),
        clean(v.get("website")),
        parse_coordinate(lat, 90) if lat else None,
        parse_coordinate(lon, 180) if lon else None,
    )


def _contact(line: int, v: dict[str, str], preset: str | None, notes: list[Note]) -> ContactRecord:
    email, phone = v.get("email"), v.get("phone")
    return ContactRecord(
        line,
        v["name"],
        clean(v.get("account")),
        parse_email(email) if email else None,
        parse_phone(phone) or None if phone else None,
        clean(v.get("role")),
    )


def _deal(line: int, v: dict[str, str], preset: str | None, notes: list[Note]) -> DealRecord:
    account, stage, status_cell = v.get("account"), v.get("stage"), v.get("status")
    if not account:
        raise ValueProblem("transfer.missing_value", field="account")
    hint = presets.stage_hint(preset, stage) if stage and preset else None
    closing = hint is not None and hint.startswith("status:")
    if status_cell:
        status = parse_status(status_cell)
    else:
        status = hint.removeprefix("status:") if hint is not None and closing else "open"
    if closing:
        stage, hint = None, None
    amount_cell, currency_cell = v.get("amount"), v.get("currency")
    amount, hinted_currency = parse_amount(amount_cell) if amount_cell else (None, None)
    currency = (parse_currency(currency_cell) if currency_cell else None) or hinted_currency
    reason, reason_cell = None, v.get("lost_reason")
    if status == "lost" and reason_cell:
        reason, recognised = parse_lost_reason(reason_cell)
        if not recognised:
            notes.append(Note(line, "transfer.note_reason_other", {"value": reason_cell}))
    close_cell = v.get("close_date")
    return DealRecord(
        line,
        account,
        v["title"],
        v.get("owner") or None,
        stage or None,
        status,
        amount,
        currency,
        parse_date(close_cell) if close_cell else None,
        reason,
        hint,
    )


_BUILDERS: dict[str, Callable[[int, dict[str, str], str | None, list[Note]], Record]] = {
    "accounts": _account,
    "contacts": _contact,
    "deals": _deal,
}


def parse_table(kind: str, table: Table, preset: str | None = None) -> Parsed:
    """Every row of `table` as a typed record of `kind`, or as a RowError with its line.

    Raises:
        TableError: the header lacks a required column (nothing can be read then).
    """
    columns = map_columns(kind, table.headers, preset)
    return parse_rows(kind, columns, table.rows)


def parse_rows(kind: str, columns: ColumnMap, rows: Iterable[tuple[int, list[str]]]) -> Parsed:
    """The rows of a file already matched to columns (see parse_table); `rows` may be wrapped
    in a progress bar."""
    with paused_gc():
        return _parse_rows(kind, columns, rows)


def _parse_rows(kind: str, columns: ColumnMap, rows: Iterable[tuple[int, list[str]]]) -> Parsed:
    build = _BUILDERS[kind]
    required = "title" if kind == "deals" else "name"
    records: list[Record] = []
    errors: list[RowError] = []
    notes: list[Note] = []
    for line, cells in rows:
        values = columns.values(cells)
        if not values.get(required):
            errors.append(RowError(line, "transfer.missing_value", {"field": required}))
            continue
        if kind != "deals" and presets.is_sample_record(values["name"]):
            notes.append(Note(line, "transfer.note_sample_skipped", {"name": values["name"]}))
            continue
        try:
            records.append(build(line, values, columns.preset, notes))
        except ValueProblem as problem:
            errors.append(RowError(line, problem.key, MappingProxyType(problem.params)))
    return Parsed(kind, tuple(records), tuple(errors), tuple(notes))
