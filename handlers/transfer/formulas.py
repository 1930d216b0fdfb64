"""Spreadsheet formula injection: the one rule `export` writes and `import` undoes.

OWASP's rule: a CSV cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is
read by Excel, LibreOffice and Google Sheets as a formula, so an account named
`=HYPERLINK(...)` typed in chat would run in the manager's spreadsheet. Such a cell is written
with a leading single quote, which every spreadsheet shows as text.

To keep `export` then `import` lossless the quote is an escape, not a loss: a value that
already starts with quotes followed by a trigger gets one more quote, and import removes
exactly one quote from a cell that starts with quotes followed by a trigger. Every other cell
passes untouched both ways, so a file from another CRM holding `-5` or `+55 11 ...` reads
as written.

Numbers and phone numbers (only digits, spaces and `+ - . , ( ) /`) are not escaped: without
a letter a spreadsheet can call no function and reference no cell, and `-5` or
`+55 11 91234-5678` must reach the next CRM as themselves.
"""

from __future__ import annotations

import re

TRIGGERS = "=+-@\t\r"
_ESCAPED = re.compile(r"'+[=+\-@\t\r]")  # a cell export escaped (or a value that needs one)
_NEEDS = re.compile(r"'*[=+\-@\t\r]")
_NUMERIC = re.compile(r"[+\-][\d\s.,()/+\-]*")


def neutralise(cell: str) -> str:
    """The cell as written to a CSV: a leading quote if a spreadsheet would run it."""
    if not cell or (cell[0] not in TRIGGERS and cell[0] != "'"):
        return cell
    if _NUMERIC.fullmatch(cell) or not _NEEDS.match(cell):
        return cell
    return "'" + cell


def restore(cell: str) -> str:
    """The value a CSV cell written by `neutralise` stood for: one escape quote removed."""
    if cell.startswith("'") and _ESCAPED.match(cell):
        return cell[1:]
    return cell
