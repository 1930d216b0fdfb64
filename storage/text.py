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
