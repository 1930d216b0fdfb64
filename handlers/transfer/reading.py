"""Turning the bytes of an exported file into a header and numbered rows of text cells.

Encoding: a fixed cascade rather than statistical detection. CRM exports are UTF-8 (often with
a BOM), Excel re-saves on Windows in Brazil are cp1252, and RD Station Marketing writes UTF-16
with a BOM. A strict UTF-8 decode almost never succeeds on cp1252 text that contains accents,
so "UTF-8, else cp1252, else Latin-1" is right for every file we expect and, unlike a detector
guessing from a few hundred bytes, gives the same answer for the same bytes every time.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from handlers.transfer import texts  # noqa: F401  (registers the keys raised here)
from handlers.transfer.formulas import restore
from handlers.transfer.gcpause import paused_gc
from handlers.transfer.values import format_amount

DELIMITERS = ",;\t|"
_SNIFF_LINES = 20
_SNIFF_CHARS = 65536


class TableError(ValueError):
    """The file as a whole cannot be read (not one bad row): an i18n key and its params."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class Table:
    """A decoded file: its header cells and (line number, cells) for each non-blank record."""

    headers: tuple[str, ...]
    rows: list[tuple[int, list[str]]]
    encoding: str
    delimiter: str


def decode(data: bytes) -> tuple[str, str]:
    """The file's text and the encoding it was read with."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 maps every byte, so this never fails.
        return data.decode("latin-1"), "latin-1"


def _strip_sep_hint(text: str) -> tuple[str, str | None, int]:
    """Drop Excel's `sep=;` first line, returning the delimiter it names and lines skipped."""
    first, _, rest = text.partition("\n")
    hint = first.strip().strip('"')
    if hint.lower().startswith("sep=") and len(hint) == 5:
        return rest, hint[4], 1
    return text, None, 0


def sniff_delimiter(text: str) -> str:
    """The field delimiter of a CSV text: csv.Sniffer on the first lines, else the header count.

    The Sniffer is restricted to the delimiters spreadsheets really use; it gives up on
    single-column or very irregular samples, where the most frequent candidate in the header
    line (outside quotes) is the better guess.
    """
    sample = "\n".join(text[:_SNIFF_CHARS].splitlines()[:_SNIFF_LINES])
    try:
        return csv.Sniffer().sniff(sample, delimiters=DELIMITERS).delimiter
    except csv.Error:
        pass
    header = text.split("\n", 1)[0]
    unquoted = "".join(part for i, part in enumerate(header.split('"')) if i % 2 == 0)
    counts = {d: unquoted.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _records(text: str, delimiter: str, first_line: int) -> list[tuple[int, list[str]]]:
    """Non-blank records with the line each starts on (quoted cells may span lines).

    Raises:
        TableError: a cell is larger than the csv module's limit (128 KB), naming its line.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    previous_end = 0
    try:
        for cells in reader:
            records.append((first_line + previous_end, cells))
            previous_end = reader.line_num
    except csv.Error as exc:
        # Only "field larger than field limit" reaches here: a 128 KB cell is no CRM field
        # (it is usually a quote never closed, swallowing the lines after it).
        raise TableError("transfer.cell_too_big", line=first_line + previous_end,
                         limit=csv.field_size_limit() // 1024) from exc
    return [(line, cells) for line, cells in records if cells and "".join(cells).strip()]


def _unwrap(rows: list[tuple[int, list[str]]], delimiter: str) -> list[tuple[int, list[str]]]:
    """Undo an Excel re-save that wrapped each whole line in one quoted cell."""
    out = []
    for line, cells in rows:
        inner = next(csv.reader([cells[0]], delimiter=delimiter)) if len(cells) == 1 else cells
        out.append((line, inner))
    return out


def read_csv(data: bytes) -> Table:
    """Decode, find the delimiter and split a CSV export into header and rows.

    Raises:
        TableError: the file is empty or has no header line.
    """
    text, encoding = decode(data)
    text, hinted, skipped = _strip_sep_hint(text)
    if not text.strip():
        raise TableError("transfer.file_empty")
    delimiter = hinted or sniff_delimiter(text)
    rows = _records(text, delimiter, 1 + skipped)
    if not rows:
        raise TableError("transfer.file_empty")
    (_, header), *body = rows
    if len(header) == 1 and delimiter in header[0]:
        (_, header), *body = _unwrap(rows, delimiter)
    body = [(line, [restore(cell) for cell in cells]) for line, cells in body]
    return Table(tuple(cell.strip().lstrip("\ufeff") for cell in header), body, encoding,
                 delimiter)


def read_jsonl(data: bytes) -> Table:
    """Read a JSON-lines export (one object per line) as a table keyed by the first object.

    Raises:
        TableError: a line is not a JSON object.
    """
    text, encoding = decode(data)
    headers: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    parsed: list[tuple[int, dict]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            obj = None
        if not isinstance(obj, dict):
            raise TableError("transfer.jsonl_bad_line", line=number)
        headers.extend(k for k in obj if k not in headers)
        parsed.append((number, obj))
    if not parsed:
        raise TableError("transfer.file_empty")
    for number, obj in parsed:
        rows.append((number, [_cell(obj.get(h)) for h in headers]))
    return Table(tuple(headers), rows, encoding, "jsonl")


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return format_amount(value)
    return str(value)


def read_table(data: bytes) -> Table:
    """A CSV or JSON-lines file, told apart by its first non-blank character."""
    text_start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    with paused_gc():
        return read_jsonl(data) if text_start == b"{" else read_csv(data)
