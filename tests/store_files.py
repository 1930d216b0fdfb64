"""What is left of a person in a store's files, read as raw bytes with no SQLite in between.

Read them from a process that has no SQLite connection to the store open: closing any file
descriptor on a file drops every POSIX lock the process holds on it, SQLite's included.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from storage.text import fold

FILES = ("", "-wal", "-shm")


def spellings(text: str) -> set[bytes]:
    """`text` the ways a store can hold it: as typed, in any case, without accents, and
    JSON-escaped (`"Zul\\u00e9ica"`) in each of those."""
    forms = {text, text.lower(), text.upper(), text.casefold(), fold(text)}
    forms |= {json.dumps(form)[1:-1] for form in list(forms)}
    return {form.encode("utf-8") for form in forms}


def leftovers(db: Path, needles: Iterable[str]) -> dict[str, list[str]]:
    """For each of the store's files (.db, -wal, -shm) that exists, the needles found in its
    bytes in any spelling; ASCII case is ignored as well."""
    found: dict[str, list[str]] = {}
    for suffix in FILES:
        path = Path(f"{db}{suffix}")
        if not path.exists():
            continue
        data = path.read_bytes()
        lowered = data.lower()
        hits = [
            needle
            for needle in needles
            if any(form in data or form.lower() in lowered for form in spellings(needle))
        ]
        if hits:
            found[path.name] = hits
    return found
