"""Name folding shared by the store and the matcher: case and accents never matter."""

from __future__ import annotations

import functools
import re
import unicodedata

_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """Lower-case, accent-free, single-spaced: "  Padaria  SÍLVA " -> "padaria silva".

    Cached, with an ASCII shortcut: every incoming message is folded several times (help
    check, digest words, the parser), and most are plain ASCII.
    """
    if text.isascii():
        return _SPACES.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare.casefold()).strip()


# Apostrophes join ("what's" -> "whats"); every other non-word character separates words.
_APOSTROPHES = re.compile(r"['’`´]")
_NON_WORD = re.compile(r"[^0-9a-z]+")

# Company suffixes that never decide which account someone means.
COMPANY_SUFFIXES = frozenset(
    {
        "ltda",
        "sa",
        "s a",
        "me",
        "mei",
        "epp",
        "eireli",
        "inc",
        "llc",
        "ltd",
        "co",
        "corp",
        "gmbh",
        "plc",
        "limitada",
        "cia",
    }
)


def normalize(text: str) -> str:
    """`fold` plus punctuation removed: "Próximo passo, Acme?!" -> "proximo passo acme"."""
    folded = _APOSTROPHES.sub("", fold(text))
    return _SPACES.sub(" ", _NON_WORD.sub(" ", folded)).strip()


@functools.lru_cache(maxsize=8192)
def name_key(name: str) -> str:
    """The form names are compared in: normalised, without company suffixes.

    "ACME Indústria S.A." -> "acme industria"; "Padaria Silva Ltda." -> "padaria silva".
    A name made only of a suffix keeps it, so "ME" is still findable. Stored beside each
    account (`accounts.name_key`), so a name typed exactly is one index lookup.
    """
    words = normalize(name.replace(".", "")).split()
    while len(words) > 1 and words[-1] in COMPANY_SUFFIXES:
        words.pop()
    return " ".join(words)


@functools.cache
def spellings() -> dict[str, str]:
    """Each bare lower-case letter -> every Latin letter that folds to it, in both cases.

    The erasure's patterns (handlers.transfer.redact) and its SQL sieve (spelling_glob) both
    spell letters from this one table, so the sieve never drops what a pattern would match.
    """
    found: dict[str, set[str]] = {}
    for code in range(0x41, 0x250):
        char = chr(code)
        base = fold(char)
        if len(base) == 1 and base.isascii() and base.isalpha():
            found.setdefault(base, set()).update({char, char.lower(), char.upper()})
    return {base: "".join(sorted(chars)) for base, chars in found.items()}


def spelling_glob(text: str) -> str:
    """A GLOB pattern for values that contain `text` in any case or accent: "zé" ->
    "*[ZzÉé…][EeÉé…]*". SQLite runs it in C, which makes it a cheap first sieve."""
    table = spellings()
    parts = []
    for char in fold(text):
        if char in table:
            parts.append(f"[{table[char]}]")
        else:
            parts.append(f"[{char}]" if char in "*?[" else char)
    return "*" + "".join(parts) + "*"
