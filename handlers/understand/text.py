"""Normalisation of chat text: lower-case, accent-free, punctuation-free, single-spaced."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_SPACES = re.compile(r"\s+")
# Apostrophes join ("what's" -> "whats"); every other non-word character separates words.
_APOSTROPHES = re.compile(r"['’`´]")
_NON_WORD = re.compile(r"[^0-9a-z]+")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)

# Company suffixes that never decide which account someone means.
COMPANY_SUFFIXES = frozenset(
    {"ltda", "sa", "s a", "me", "mei", "epp", "eireli", "inc", "llc", "ltd", "co", "corp",
     "gmbh", "plc", "limitada", "cia"}
)


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower-case and accent-free, with runs of whitespace collapsed: "  SÍLVA " -> "silva".

    The same folding as the store's `name_folded` column, so a name typed in a chat compares
    equal to the stored one whatever its case or accents.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare.casefold()).strip()


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


def normalize(text: str) -> str:
    """`fold` plus punctuation removed: "Próximo passo, Acme?!" -> "proximo passo acme"."""
    folded = _APOSTROPHES.sub("", fold(text))
    return _SPACES.sub(" ", _NON_WORD.sub(" ", folded)).strip()


@lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """The form names are compared in: normalised, without company suffixes.

    "ACME Indústria S.A." -> "acme industria"; "Padaria Silva Ltda." -> "padaria silva".
    A name made only of a suffix keeps it, so "ME" is still findable.
    """
    words = normalize(name.replace(".", "")).split()
    while len(words) > 1 and words[-1] in COMPANY_SUFFIXES:
        words.pop()
    return " ".join(words)


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
