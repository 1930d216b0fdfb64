"""Export writers: CSV and JSON lines whose columns are the generic import headers.

Stages are written by key, owners and accounts by name and amounts in a form
`values.parse_amount` reads back exactly, so `ritmo export deals | ritmo import deals`
changes nothing.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, TextIO

from handlers.transfer.formulas import neutralise
from handlers.transfer.values import format_amount

COLUMNS: dict[str, tuple[str, ...]] = {
    "accounts": ("name", "segment", "city", "state", "website", "latitude", "longitude"),
    "contacts": ("name", "account", "email", "phone", "role"),
    "deals": (
        "account",
        "title",
        "stage",
        "amount",
        "currency",
        "close_date",
        "owner",
        "status",
        "lost_reason",
    ),
    "interactions": (
        "occurred_at",
        "kind",
        "person",
        "account",
        "deal",
        "contact",
        "outcome",
        "body",
        "latitude",
        "longitude",
    ),
}
FORMATS = ("csv", "jsonl")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return format_amount(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def write_csv(kind: str, rows: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    """Write a header and one line per row (UTF-8 text, comma-delimited); returns the row count.

    Cells are quoted only when needed, as spreadsheets and every CRM importer expect; a cell a
    spreadsheet would run as a formula gets a leading quote (`formulas.neutralise`).
    """
    columns = COLUMNS[kind]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    count = 0
    for row in rows:
        writer.writerow([neutralise(_cell(row.get(c))) for c in columns])
        count += 1
    return count


def write_jsonl(kind: str, rows: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    """Write one JSON object per line with the export columns as keys; returns the row count."""
    columns = COLUMNS[kind]
    count = 0
    for row in rows:
        obj = {c: _json_value(row.get(c)) for c in columns}
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
        count += 1
    return count


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def write(kind: str, fmt: str, rows: Iterable[Mapping[str, Any]], out: TextIO) -> int:
    """Write `rows` of `kind` in `fmt` ("csv" or "jsonl")."""
    return (write_csv if fmt == "csv" else write_jsonl)(kind, rows, out)
