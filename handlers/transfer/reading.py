"""Turning the bytes of an exported file into a header and numbered rows of text cells.

Encoding: a fixed cascade rather than statistical detection. CRM exports are UTF-8 (often with
a BOM), Excel re-saves on Windows in Brazil are cp1252, and RD Station Marketing writes UTF-16
with a BOM. A strict UTF-8 decode almost never succeeds on cp1252 text that contains accents,
so "UTF-8, else cp1252, else Latin-1" is right for every file we expect and, unlike a detector
guessing from a few hundred bytes, gives the same answer for the same bytes every time.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from handlers.transfer.formulas import restore
from handlers.transfer.gcpause import paused_gc
from handlers.transfer.values import format_amount

DELIMITERS = ",;\t|"
_SNIFF_LINES = 20
_SNIFF_CHARS = 65536
_LINES_SHOWN = 5
_ESCAPED_ANYWHERE = re.compile(r"'[=+\-@\t\r']")  # what formulas.neutralise may have written


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
    """The file's text and the encoding it was read with.

    Raises:
        TableError: some lines are UTF-8 and others Windows-1252 (a file pasted together from
            two exports); read either way, one half would turn to mojibake ("JoÃ£o").
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    _refuse_mixed(data)
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; Latin-1 maps every byte, so this never fails.
        return data.decode("latin-1"), "latin-1"


def _line_list(lines: list[int]) -> str:
    shown = ", ".join(str(n) for n in lines[:_LINES_SHOWN])
    return shown + (f" (+{len(lines) - _LINES_SHOWN})" if len(lines) > _LINES_SHOWN else "")


def _refuse_mixed(data: bytes) -> None:
    """Refuse a file whose non-ASCII lines are UTF-8 in some places and not in others."""
    utf8, other = [], []
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8.append(number)
        except UnicodeDecodeError:
            other.append(number)
    if utf8 and other:
        raise TableError(
            "transfer.mixed_encoding", utf8_lines=_line_list(utf8), other_lines=_line_list(other)
        )


def _refuse_nul(text: str, first_line: int) -> None:
    """A NUL byte is no CSV text: SQLite and every viewer would cut the cell at it."""
    if "\x00" in text:
        lines = [
            first_line + n
            for n, line in enumerate(io.StringIO(text, newline=""))
            if "\x00" in line
        ]
        raise TableError("transfer.nul_byte", lines=_line_list(lines))


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
        TableError: a cell is larger than the csv module's limit (128 KB), or a quote is never
            closed; each names its line.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error as exc:
        # Only "field larger than field limit" reaches here: a 128 KB cell is no CRM field
        # (it is usually a quote never closed, swallowing the lines after it).
        raise TableError(
            "transfer.cell_too_big",
            line=_failing_line(text, delimiter, first_line),
            limit=csv.field_size_limit() // 1024,
        ) from exc
    if reader.line_num == len(records):  # one line per record: numbering is the index
        numbered = list(zip(range(first_line, first_line + len(records)), records, strict=True))
    else:
        numbered = list(_numbered(text, delimiter, first_line))
        if reader.line_num > numbered[-1][0] - first_line + 1:  # the last record spans lines
            _refuse_unterminated(text, numbered[-1][0], first_line, delimiter)
    return [(line, cells) for line, cells in numbered if cells and "".join(cells).strip()]


def _numbered(text: str, delimiter: str, first_line: int) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    previous_end = 0
    for cells in reader:
        start = previous_end + 1
        previous_end = reader.line_num
        yield first_line + start - 1, cells


def _failing_line(text: str, delimiter: str, first_line: int) -> int:
    """The line on which the record the csv module refused starts."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    previous_end = 0
    with contextlib.suppress(csv.Error):
        for _ in reader:
            previous_end = reader.line_num
    return first_line + previous_end


def _refuse_unterminated(text: str, last_start: int, first_line: int, delimiter: str) -> None:
    """A quote opened and never closed swallows every line after it into one cell, silently:
    the csv module reads to the end of the file. Only the last record can be such a cell, so
    re-read it strictly, which fails exactly when the file ends inside quotes."""
    lines = io.StringIO(text, newline="").readlines()
    tail = "".join(lines[last_start - first_line :])
    if '"' not in tail:
        return
    try:
        for _ in csv.reader(io.StringIO(tail, newline=""), delimiter=delimiter, strict=True):
            pass
    except csv.Error as exc:
        if "unexpected end of data" in str(exc):
            raise TableError(
                "transfer.unterminated_quote",
                line=last_start,
                swallowed=len(lines) - (last_start - first_line) - 1,
            ) from None


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
    _refuse_nul(text, 1 + skipped)
    delimiter = hinted or sniff_delimiter(text)
    rows = _records(text, delimiter, 1 + skipped)
    if not rows:
        raise TableError("transfer.file_empty")
    (_, header), *body = rows
    if len(header) == 1 and delimiter in header[0]:
        (_, header), *body = _unwrap(rows, delimiter)
    if _ESCAPED_ANYWHERE.search(text):  # most files hold no escaped cell: skip the pass
        body = [(line, [restore(cell) for cell in cells]) for line, cells in body]
    return Table(
        tuple(cell.strip().lstrip("\ufeff") for cell in header), body, encoding, delimiter
    )


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
