"""Normalisation of chat text: lower-case, accent-free, punctuation-free, single-spaced.

The name forms the store indexes (`fold`, `name_key`) live in storage.text, so a name typed
in a chat and a stored name are folded by the very same code.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from storage.text import fold, name_key, normalize

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def _fold_char(ch: str) -> str:
    if ch.isascii():
        return ch.lower()
    bare = "".join(
        c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)
    ).casefold()
    return bare if len(bare) == 1 else " "


class _FoldTable(dict):
    """str.translate table filled on first sight of each character: the per-character fold
    then runs in C (a Python loop over every character was a tenth of a log's parse)."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        if len(self) < 8192:  # bounded: a message of rare symbols must not grow it forever
            self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def fold_chars(text: str) -> str:
    """`fold` character by character, keeping the length, so spans found in the result are
    spans of the original text too (how a recognised name keeps the rep's own spelling)."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_TABLE)


def name_processor(value: object) -> str:
    """rapidfuzz processor: rapidfuzz 3 does no preprocessing unless given one."""
    return name_key(str(value))


@dataclass(frozen=True)
class Word:
    """One word of a message: its normalised form and where it sits in the original text."""

    norm: str
    start: int
    end: int


def words(text: str) -> list[Word]:
    """The words of `text`, each normalised, with their spans in the original (for names)."""
    out: list[Word] = []
    for m in _WORD.finditer(text):
        norm = normalize(m.group())
        for piece in norm.split():
            out.append(Word(piece, m.start(), m.end()))
    return out


__all__ = ["Word", "fold", "fold_chars", "name_key", "name_processor", "normalize", "words"]
