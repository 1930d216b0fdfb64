"""Accent- and case-insensitive text keys used by every lookup in an import."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACES = re.compile(r"\s+")
_MARKS = re.compile("[\u0300-\u036f]+")  # combining diacritics, what NFKD splits accents into


def _latin_table() -> dict[int, str]:
    """Accented Latin letters -> their bare form, for str.translate (C speed, no NFKD)."""
    table = {}
    for code in range(0xC0, 0x250):
        bare = _MARKS.sub("", unicodedata.normalize("NFKD", chr(code)))
        if bare != chr(code) and bare.isascii():
            table[code] = bare
    return table


_LATIN = _latin_table()


def fold_once(text: str) -> str:
    """Lower-case, accent-free, single-spaced: "  Padaria  SÍLVA " -> "padaria silva"."""
    if text.isascii():
        return " ".join(text.lower().split())
    plain = text.translate(_LATIN)
    if plain.isascii():
        return " ".join(plain.lower().split())
    bare = _MARKS.sub("", unicodedata.normalize("NFKD", text))
    return " ".join(bare.casefold().split())


# Cached because an import folds the same stage, owner and company names on every row; values
# that are unique per row (deal titles) use fold_once and don't churn the cache.
fold = lru_cache(maxsize=65536)(fold_once)
