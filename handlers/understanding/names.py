"""Which record a typed name means: rapidfuzz ranking with accent folding and suffixes ignored.

"padaria silva" finds "Padaria Silva Ltda"; "acme" finds "ACME Indústria S.A.". When the best
two are close, the answer is a list of choices, never a guess.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from handlers.understanding.text import name_key, name_processor

CUTOFF = 75.0  # below this a candidate is not the same name, just similar letters
MARGIN = 5.0  # top two within this many points -> ask instead of guessing
MAX_CHOICES = 5


@dataclass(frozen=True)
class Candidate:
    """A record someone might mean: `kind` is account, deal, contact or person."""

    id: int
    name: str
    kind: str = "account"
    key: str | None = None  # name_key(name) when the caller already has it


@dataclass(frozen=True)
class Resolution:
    """The outcome: one `best` match, or `choices` to ask about, or neither (not found)."""

    best: Candidate | None = None
    choices: tuple[Candidate, ...] = ()
    score: float = 0.0

    @property
    def found(self) -> bool:
        return self.best is not None

    @property
    def ambiguous(self) -> bool:
        return bool(self.choices)


def resolve(
    query: str, candidates: Iterable[Candidate], *, cutoff: float = CUTOFF, margin: float = MARGIN
) -> Resolution:
    """Rank `candidates` against `query` and decide.

    An exact match of the folded, suffix-free name wins outright (two records with the same
    name are still a question). Otherwise the best WRatio score wins if no other is within
    `margin` of it.
    """
    wanted = name_key(query)
    if not wanted:
        return Resolution()
    pool = list(candidates)
    keys = [c.key if c.key is not None else name_key(c.name) for c in pool]
    exact = [c for c, k in zip(pool, keys, strict=True) if k == wanted]
    if len(exact) == 1:
        return Resolution(best=exact[0], score=100.0)
    if len(exact) > 1:
        return Resolution(choices=tuple(exact[:MAX_CHOICES]), score=100.0)
    ranked = _ranked(wanted, keys, cutoff)
    if not ranked:
        return Resolution()
    top = ranked[0][0]
    close = [pool[index] for score, index in ranked[:MAX_CHOICES] if top - score <= margin]
    if len(close) == 1:
        return Resolution(best=close[0], score=top)
    return Resolution(choices=tuple(close), score=top)


def _ranked(wanted: str, keys: list[str], cutoff: float) -> list[tuple[float, int]]:
    """Scores as the mean of WRatio and token-set ratio, best first.

    WRatio alone lets a shared word pull a different name close ("padaria souza" scores 86
    against "Padaria Silva"); the token-set ratio alone ignores typos inside a word. Their
    mean keeps "acme" -> "ACME Indústria" and "padria silva" -> "Padaria Silva" while
    "Padaria Silva" drops well behind "Padaria Souza".
    """
    rough = process.extract(wanted, keys, scorer=fuzz.WRatio, score_cutoff=cutoff / 2, limit=None)
    scored = [((w + fuzz.token_set_ratio(wanted, keys[i])) / 2, i) for _, w, i in rough]
    return sorted((s for s in scored if s[0] >= cutoff), key=lambda s: (-s[0], s[1]))


__all__ = ["Candidate", "Resolution", "resolve", "name_processor"]
