"""A value taken back in the same message: "38 mil. ops, 39 mil", "ontem… na verdade foi
anteontem", "95k, oops no 85k", "é 125 mil, não 152".

Reps type fast and fix what they typed in the next words instead of editing the message. The
fixed value is the one they mean; the one before it, or the one after a "não", is dropped
before anything reads the message's amounts and dates. Pure: works on offsets only.
"""

from __future__ import annotations

from collections.abc import Sequence

# Words that take back what came before ("ops", "na verdade", "actually", "I mean", "meant").
MARKERS: tuple[tuple[str, ...], ...] = (
    ("ops",),
    ("oops",),
    ("opa",),
    ("na", "verdade"),
    ("na", "vdd"),  # as typed: the names' reader sees the words before vocab spells them out
    ("na", "real"),
    ("quer", "dizer"),
    ("digo",),
    ("corrigindo",),
    ("correcao",),
    ("errei",),
    ("actually",),
    ("i", "mean"),
    ("meant",),
    ("correction",),
    ("scratch", "that"),
    ("no", "wait"),
    ("wait", "no"),
    ("nao", "pera"),
    ("alias",),
    ("ou", "melhor"),
    ("or", "rather"),
)
# Sounds of a slip that take back only what they stand right before ("wednesday... ugh
# tuesday", "30k, sorry 32"): said before anything else they are no fix ("sorry, forgot…").
TIGHT: frozenset[str] = frozenset({"ugh", "argh", "sorry", "err", "erm", "desculpa"})
# Every word a marker is made of, so a fix said after its value ("tuesday actually") is read
# as no more than that.
WORDS: frozenset[str] = frozenset(w for m in MARKERS for w in m if len(m) == 1) | TIGHT
# "anteontem, não ontem", "85k not 95k": the value after these is the one ruled out.
_NOT = frozenset({"nao", "not", "n"})
# A fix comes right after its marker; a value further on is a new fact ("ops, esqueci: …").
_REACH = 6


_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _marker in MARKERS:
    _BY_FIRST.setdefault(_marker[0], []).append(_marker)


def may_open(word: str) -> bool:
    """Whether a message whose first word is `word` can open with a correction ("ops, …",
    "na verdade …", "scratch that …"), so the rest need not be read otherwise."""
    return word in _BY_FIRST


def markers(norms: Sequence[str]) -> list[int]:
    """Indices of the words that end a correction marker."""
    found = []
    for i, norm in enumerate(norms):
        for marker in _BY_FIRST.get(norm, ()):
            if len(marker) == 1 or tuple(norms[i : i + len(marker)]) == marker:
                found.append(i + len(marker) - 1)
    return found


def tight_markers(norms: Sequence[str]) -> list[int]:
    """Indices of the sounds of a slip ("ugh", "sorry"): a fix only of a value right after."""
    return [i for i, norm in enumerate(norms) if norm in TIGHT]


def superseded(
    values: Sequence[int],
    marks: Sequence[int],
    nots: Sequence[int],
    tight: Sequence[int] = (),
) -> dict[int, int | None]:
    """Which values (given by the index of their first word, in order) were taken back, each
    with the value that stands for it now (None: only ruled out, "não ontem").

    `marks`: indices of words that end a correction marker; `nots`: indices of "não"/"not";
    `tight`: markers that reach only the word right after them. Marks are taken in order, so a
    fix of a fix leaves the last ("yesterday… no wait, wednesday… ugh tuesday").
    """
    dropped: dict[int, int | None] = {}
    for k, at in enumerate(values):
        if k > 0 and at - 1 in nots and at - 1 > values[k - 1]:
            dropped[k] = None  # "foi anteontem não ontem": ruled out
    reach = dict.fromkeys(tight, 1)
    for mark in sorted({*marks, *tight}):
        before = [k for k, at in enumerate(values) if at < mark and k not in dropped]
        after = [k for k, at in enumerate(values) if mark < at <= mark + reach.get(mark, _REACH)]
        if before and after and after[0] not in dropped:
            dropped[before[-1]] = after[0]
    return dropped
