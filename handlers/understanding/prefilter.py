"""Which literal strings a pattern cannot match without, so a scan can be skipped when the
text holds none of them (most of a message's ~30 regex passes find nothing).

Read from the compiled pattern itself (the same parse `re` compiles from), so it stays right
whatever the vocabulary says: a pattern whose needles cannot be told is always scanned.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import product
from re import _constants as _c  # type: ignore[attr-defined]  # what `re` compiles from
from re import _parser as _p  # type: ignore[attr-defined]
from typing import Any

_MAX_EXACT = 32  # alternatives kept when spelling out a run ("fech(?:a|ou)" -> 2 strings)
# A needle is looked for by one of its substrings this long (any part of it will do). Longer
# grams skip more scans but cost more to list per text: 3 measured cheapest on the log path
# (3 and 5 together, or 4, cost 4-10 % more instructions per message).
GRAM = 3
# A pattern of this many needles or fewer looks for them one by one in a text whose grams are
# not at hand: listing a text's grams for one or two such scans ("meio dia"/"noon" on the
# folded text) cost more than the looks.
_FEW = 4

# (exact, needed): `exact` is every string the piece can match (None when not few and fixed);
# `needed` a set of which every match holds one (None when none is known).
_Facts = tuple[frozenset[str] | None, frozenset[str] | None]


def needles(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Strings of which every match of `pattern` (its lookarounds included) holds one in the
    text searched; None when no such set is known (then the pattern must always be scanned)."""
    if pattern.flags & re.IGNORECASE or not isinstance(pattern.pattern, str):
        return None
    try:
        parsed = _p.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - what `re` compiled, its parser reads
        return None
    found = _sequence(list(parsed))[1]
    if found is None or not found or "" in found:
        return None
    return found


def _sequence(items: list[tuple[Any, Any]]) -> _Facts:
    facts = [_item(op, av) for op, av in items]
    candidates: list[frozenset[str]] = [n for _, n in facts if n]
    run: frozenset[str] | None = frozenset({""})
    whole: frozenset[str] | None = frozenset({""})
    for exact, _ in facts:
        run = _joined(run, exact) if exact is not None else None
        whole = _joined(whole, exact) if exact is not None and whole is not None else None
        if run is None:
            run = frozenset({""})
        elif "" not in run:
            candidates.append(run)
    return whole, _best(candidates)


def _joined(left: frozenset[str] | None, right: frozenset[str]) -> frozenset[str] | None:
    if left is None or len(left) * len(right) > _MAX_EXACT:
        return None
    return frozenset(a + b for a, b in product(left, right))


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """The most telling set: its shortest string longest, then the fewest strings."""
    usable = [c for c in candidates if c and "" not in c]
    if not usable:
        return None
    return max(usable, key=lambda c: (min(len(s) for s in c), -len(c)))


def _item(op: Any, av: Any) -> _Facts:
    if op is _c.LITERAL:
        return frozenset({chr(av)}), frozenset({chr(av)})
    if op is _c.IN:
        chars = _chars(av)
        return (chars, chars) if chars else (None, None)
    if op is _c.SUBPATTERN:
        _, add_flags, _, sub = av
        if add_flags & re.IGNORECASE:
            return None, None
        return _sequence(list(sub))
    if op is _c.ATOMIC_GROUP:
        return _sequence(list(av))
    if op is _c.BRANCH:
        return _branch(av[1])
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, high, sub = av
        inner = _sequence(list(sub))
        if low == 0:
            return (frozenset({""}) | inner[0] if high == 1 and inner[0] else None), None
        return (inner[0] if low == high == 1 else None), inner[1]
    if op is _c.ASSERT:  # what a positive lookaround needs is in the text too
        return frozenset({""}), _sequence(list(av[1]))[1]
    if op in (_c.AT, _c.ASSERT_NOT):
        return frozenset({""}), None
    return None, None


def _chars(members: list[tuple[Any, Any]]) -> frozenset[str] | None:
    """The characters of a class made of characters and short ranges ("[1-4]", "[ao]")."""
    chars: set[str] = set()
    for op, value in members:
        if op is _c.LITERAL:
            chars.add(chr(value))
        elif op is _c.RANGE and value[1] - value[0] < 10:
            chars.update(chr(v) for v in range(value[0], value[1] + 1))
        else:
            return None  # a negation, a category (\d, \w) or a wide range: anything
    return frozenset(chars) or None


def _branch(alternatives: list[Any]) -> _Facts:
    facts = [_sequence(list(alt)) for alt in alternatives]
    exact: frozenset[str] | None = frozenset()
    needed: frozenset[str] | None = frozenset()
    for e, n in facts:
        exact = exact | e if exact is not None and e is not None else None
        needed = needed | (n if n else e or frozenset({""})) if needed is not None else None
        if needed is not None and (not needed or "" in needed):
            needed = None
    if exact is not None and len(exact) > _MAX_EXACT:
        exact = None
    return exact, needed


class Gated:
    """A compiled pattern that skips its scan when the text holds none of its needles.

    Answers exactly as the pattern does (a skipped scan is one that would have found nothing).
    A needle's substring is needed as much as the needle, so each is first looked for by one
    GRAM of it: a set's intersection with the text's grams (one C call, however many needles),
    then only the needles of the grams met are looked for whole (on the corpus a cue's grams
    are met ~12 times a message, its needles ~3.5: a gram is a piece of many other words);
    plus a plain look for needles shorter than a gram. For a pattern of few needles and a
    text whose grams are not listed yet, a plain look for each needle.
    """

    __slots__ = ("pattern", "grams", "by_gram", "shorts", "always", "few")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        found = needles(pattern)
        self.always = found is None
        by_gram: dict[str, list[str]] = {}
        for n in sorted(found or ()):
            if len(n) >= GRAM:
                by_gram.setdefault(_gram(n), []).append(n)
        self.by_gram = {g: tuple(ns) for g, ns in by_gram.items()}
        self.grams = frozenset(by_gram)
        self.shorts = tuple(sorted(n for n in found or () if len(n) < GRAM))
        self.few = tuple(sorted(found)) if found is not None and len(found) <= _FEW else None

    def possible(self, text: str) -> bool:
        """Whether `text` holds a string every match needs (plain loops: this runs 30-60 times
        a message, and a generator per call was a visible share of it)."""
        if self.always:
            return True
        last = _LAST[0]
        if self.few is not None and last[0] is not text:
            for needle in self.few:
                if needle in text:
                    return True
            return False
        grams = self.grams
        if grams:
            seen = last[1] if last[0] is text else grams_of(text)
            if not grams.isdisjoint(seen):  # most scans end here, with no set made
                by_gram = self.by_gram
                for gram in grams.intersection(seen):
                    for needle in by_gram[gram]:
                        if needle in text:
                            return True
        for needle in self.shorts:
            if needle in text:
                return True
        return False

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.pattern.finditer(text) if self.possible(text) else iter(())

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.possible(text) else None


# Letters from the most to the least common in Portuguese and English sales talk: the gram
# of rarer letters is met in fewer messages, so it lets more scans be skipped.
_COMMON = " eaosrinmdtuclphvgqbfzjxkwy"


def _gram(needle: str) -> str:
    """The needle's rarest-looking gram (blanks, in every message, count as most common)."""
    options = [needle[i : i + GRAM] for i in range(len(needle) - GRAM + 1)]
    return max(options, key=lambda g: sum(_COMMON.find(ch) % len(_COMMON) for ch in g))


_LAST: list[tuple[str, frozenset[str]]] = [("", frozenset()), ("", frozenset())]


def grams_of(text: str) -> frozenset[str]:
    """Every GRAM-long substring of `text`; the last two texts' are kept, since a
    message is checked against many patterns in a row (its words and its folded text)."""
    first, second = _LAST
    if first[0] is text or first[0] == text:
        return first[1]
    if second[0] is text or second[0] == text:
        _LAST[:] = [second, first]
        return second[1]
    # zip and join in C: a comprehension ran ~6 bytecodes per character (3 == GRAM).
    found = frozenset(map("".join, zip(text, text[1:], text[2:], strict=False)))
    _LAST[:] = [(text, found), first]
    return found


# Gates by the pattern's identity: hashing a compiled pattern hashes its whole program, and
# the patterns are module constants or lru_cache results, the same object call after call.
_GATES: dict[int, Gated] = {}


def gate(pattern: re.Pattern[str]) -> Gated:
    """The pattern's gate, built once."""
    found = _GATES.get(id(pattern))
    if found is None or found.pattern is not pattern:
        if len(_GATES) >= 1024:  # patterns compiled per call (tests) must not pile up
            _GATES.clear()
        found = _GATES[id(pattern)] = Gated(pattern)
    return found


def finditer(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, skipped when the text cannot hold a match."""
    found = _GATES.get(id(pattern))
    if found is None or found.pattern is not pattern:
        found = gate(pattern)
    return pattern.finditer(text) if found.possible(text) else iter(())


def search(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """`pattern.search(text)`, skipped when the text cannot hold a match."""
    found = _GATES.get(id(pattern))
    if found is None or found.pattern is not pattern:
        found = gate(pattern)
    return pattern.search(text) if found.possible(text) else None


class Group:
    """Patterns scanned one after another over the same text, gated in one look.

    Most of a message's date patterns find nothing, and asking each one's gate in turn cost a
    Python call per pattern: here one intersection of the text's grams with all the patterns'
    grams tells which needles to look for, and only the patterns whose needles are met are
    scanned (answers exactly as `finditer` would: a pattern left out has none of its needles
    in the text). Patterns with needles shorter than a gram, or none known, ask their own gate.
    """

    __slots__ = ("patterns", "by_gram", "grams", "shorts", "always")

    def __init__(self, *patterns: re.Pattern[str]) -> None:
        self.patterns = patterns
        gates = tuple(Gated(p) for p in patterns)
        # Each gram's needles by pattern: once a pattern is met, its other needles are not
        # looked at (one test per pattern, not per needle: ~95 needles a sentence's cues).
        by_gram: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for i, gated in enumerate(gates):
            for gram, needles_of_gram in gated.by_gram.items():
                by_gram.setdefault(gram, []).append((i, needles_of_gram))
        self.by_gram = {g: tuple(pairs) for g, pairs in by_gram.items()}
        self.grams = frozenset(by_gram)
        # Needles shorter than a gram are looked for whole; a pattern of no known needles
        # is always scanned.
        self.shorts = tuple((i, n) for i, g in enumerate(gates) for n in g.shorts)
        self.always = tuple(i for i, g in enumerate(gates) if g.always)

    def finditers(self, text: str) -> list[Iterator[re.Match[str]] | tuple[()]]:
        """One iterator per pattern, in order: `pattern.finditer(text)`, or nothing when the
        text cannot hold a match."""
        patterns = self.patterns
        found: list[Iterator[re.Match[str]] | tuple[()]] = [()] * len(patterns)
        by_gram = self.by_gram
        for gram in self.grams.intersection(grams_of(text)):
            for i, needles in by_gram[gram]:
                if not found[i]:
                    for needle in needles:
                        if needle in text:
                            found[i] = patterns[i].finditer(text)
                            break
        for i, needle in self.shorts:
            if not found[i] and needle in text:
                found[i] = patterns[i].finditer(text)
        for i in self.always:
            found[i] = patterns[i].finditer(text)
        return found

    def first(self, text: str) -> tuple[int, re.Match[str]] | None:
        """The first pattern, in order, that `pattern.search(text)` finds, and its match: the
        answer of searching each in turn, with those whose needles the text lacks skipped in
        one look (a sentence's ~50 intent cues were ~50 gate calls, one per cue)."""
        possible = set(self.always)
        by_gram = self.by_gram
        for gram in self.grams.intersection(grams_of(text)):
            for i, needles in by_gram[gram]:
                if i not in possible:
                    for needle in needles:
                        if needle in text:
                            possible.add(i)
                            break
        for i, needle in self.shorts:
            if i not in possible and needle in text:
                possible.add(i)
        patterns = self.patterns
        for i in sorted(possible):
            found = patterns[i].search(text)
            if found is not None:
                return i, found
        return None
