"""One record per real company: the company-name key and the near-match finder.

"Padaria Silva Ltda", "PADARIA SILVA" and "Padaria Silva - ME" are one company; so is
"Metalurgica Sao Jorge S/A" and "Metalúrgica São Jorge". The key removes what differs
between such spellings (case, accents, punctuation, legal-form suffixes); the finder then
catches typos with rapidfuzz on the keys, which rapidfuzz compares as given (it does no
preprocessing of its own in version 3).
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz, process

from handlers.transfer.folding import fold

# Legal forms, folded. Multi-word forms first so "s a" goes before a lone "sa".
_SUFFIXES = (
    "comercio e industria",
    "industria e comercio",
    "ind e com",
    "ind com",
    "s a",
    "s/a",
    "s.a",
    "sa",
    "ltda",
    "ltd",
    "me",
    "epp",
    "eireli",
    "mei",
    "ss",
    "inc",
    "incorporated",
    "s/s",
    "llc",
    "corp",
    "corporation",
    "co",
    "company",
    "gmbh",
    "limited",
    "plc",
    "cia",
)
_SUFFIX_RE = re.compile(
    r"(?:[\s,.\-]+(?:" + "|".join(re.escape(s) for s in _SUFFIXES) + r")\.?)+$"
)
_PUNCT = re.compile(r"[^\w\s]+")
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")

# ratio on keys: "padaria silva" vs "padaria silveira" scores 90 and must stay apart, while
# a dropped or doubled letter in a name of 10+ characters scores 95 or more.
DEFAULT_CUTOFF = 92.0
_MIN_FUZZY_LENGTH = 6


@lru_cache(maxsize=65536)
def company_key(name: str) -> str:
    """The dedupe key of a company name: folded, legal-form suffixes and punctuation removed.

    A name that is nothing but a suffix ("S.A.") keeps its folded form, so it is never empty.
    """
    folded = fold(name)
    stripped = _SUFFIX_RE.sub("", folded)
    bare = _SPACES.sub(" ", _PUNCT.sub(" ", stripped)).strip()
    return bare or _SPACES.sub(" ", _PUNCT.sub(" ", folded)).strip() or folded


Bucket = tuple[str, tuple[str, ...], int]


def _anchors(key: str) -> list[str]:
    """What a key is filed under: each word of 3+ letters; a one-word key also under its
    first and last three letters, so a typo in it still meets its twin."""
    words = [w for w in key.split() if len(w) >= 3 and not w.isdigit()]
    if len(words) >= 2:
        return words
    return [*words, ">" + key[:3], "<" + key[-3:]]


@dataclass(frozen=True)
class Match:
    """An existing company a name resolves to, and how (`exact` key, or `fuzzy` score)."""

    id: int
    name: str
    score: float

    @property
    def exact(self) -> bool:
        return self.score >= 100.0


class NearMatcher:
    """Finds the known company a new name denotes, by exact key first, then by fuzzy ratio.

    Numbers are never fuzzy: "Loja 12" and "Loja 13" are different shops, so only keys with
    the same digits are compared. Only keys whose length allows the cutoff are compared too
    (ratio is at most 2·min/(a+b)), and only those sharing one of the two rarest words of
    the name: a near-match differs by a letter or two, so one of those words is intact.
    With 200,000 companies in the store ("Padaria Silva …" by the thousand), a new name meets
    a few hundred candidates instead of all of them.
    """

    def __init__(self, cutoff: float = DEFAULT_CUTOFF) -> None:
        self._cutoff = cutoff
        self._by_key: dict[str, tuple[int, str]] = {}
        self._by_name: dict[str, tuple[int, str]] = {}
        self._buckets: dict[Bucket, list[str]] = defaultdict(list)

    def add(self, company_id: int, name: str) -> None:
        """Remember a company (the first one added with a key keeps it)."""
        self._by_name.setdefault(fold(name), (company_id, name))
        key = company_key(name)
        if key in self._by_key:
            return
        self._by_key[key] = (company_id, name)
        digits, length = tuple(_DIGITS.findall(key)), len(key)
        for anchor in _anchors(key):
            self._buckets[(anchor, digits, length)].append(key)

    def find(self, name: str) -> Match | None:
        """The known company `name` denotes, or None when nothing is close enough.

        A company with exactly this name wins over one that only shares its key, so two
        records the store already keeps apart ("Acme Ltda", "Acme S.A.") stay apart.
        """
        key = company_key(name)
        hit = self._by_name.get(fold(name)) or self._by_key.get(key)
        if hit is not None:
            return Match(hit[0], hit[1], 100.0)
        if len(key) < _MIN_FUZZY_LENGTH:
            return None
        best = process.extractOne(
            key, self._candidates(key), scorer=fuzz.ratio, score_cutoff=self._cutoff
        )
        if best is None:
            return None
        company_id, known = self._by_key[best[0]]
        return Match(company_id, known, float(best[1]))

    def _candidates(self, key: str) -> list[str]:
        share = self._cutoff / 100
        lengths = range(
            math.ceil(len(key) * share / (2 - share)),
            math.floor(len(key) * (2 - share) / share) + 1,
        )
        digits = tuple(_DIGITS.findall(key))
        pools = [
            [self._buckets[b] for n in lengths if (b := (anchor, digits, n)) in self._buckets]
            for anchor in _anchors(key)
        ]
        pools.sort(key=lambda lists: sum(map(len, lists)))
        found: list[str] = []
        for lists in pools[:2]:
            for keys in lists:
                found.extend(keys)
        return found
