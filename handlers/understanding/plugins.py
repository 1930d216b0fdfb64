"""Intents declared outside the built-in reading: a name, cue phrases per locale, entities.

A capability module of handlers/conversation/ that brings an intent of its own declares it
as an `IntentPlugin` on its router (`Router(..., reads=(INTENT,))`); the dispatcher collects
the declared ones from its routers and the parser gets them as an argument, so understanding
keeps no registry, no store and no clock. They are consulted at one point only: after the
built-in readings found nothing (`unknown`, `unclear`, `out_of_domain`), so a plug-in never
takes a message a built-in intent reads.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from handlers.understanding import intents, vocab
from handlers.understanding.text import fold_chars

# What the built-in reading says when it found nothing it could act on: the only readings a
# plug-in may replace.
NOTHING_FOUND = frozenset({"unknown", "unclear", "out_of_domain"})
# The entities a plug-in may ask for (the rest of the reading is dropped for it).
ENTITIES = frozenset({"name", "kind", "date", "time", "period", "amount"})


@dataclass(frozen=True, eq=False)
class IntentPlugin:
    """One declared intent.

    Attributes:
        name: the intent's name, as handlers register it (`@router.intent(name)`) and as
            `ritmo ask --json` prints it; must not be a built-in one.
        cues: phrases that say it, per locale ("pt-BR", "en", "es"), written as a person
            types them (accents and case do not matter). Every locale's phrases are read for
            everyone, as the built-in cues are: sellers mix languages.
        entities: which of ENTITIES the handler wants from the message.
    """

    name: str
    cues: Mapping[str, Sequence[str]]
    entities: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if self.name in intents.INTENTS:
            raise ValueError(f"intent {self.name!r} is built in; a plug-in needs its own name")
        unknown = set(self.entities) - ENTITIES
        if unknown:
            raise ValueError(f"intent {self.name!r} asks for unknown entities {sorted(unknown)}")
        if not any(self.cues.values()):
            raise ValueError(f"intent {self.name!r} declares no cue phrase")


def _words(phrase: str) -> str:
    """A cue phrase as the parser's joined text spells it: folded, one space between words,
    each word through the same abbreviations and typo correction as a message's words."""
    words = re.findall(r"[a-z0-9]+", re.sub(r"['’`´]", "", fold_chars(phrase)))
    return " ".join(vocab.ABBREVIATIONS.get(w) or intents.correct(w) for w in words)


@lru_cache(maxsize=32)
def _pattern(plugins: tuple[IntentPlugin, ...]) -> re.Pattern[str]:
    """One pattern for every declared cue, a named group per plug-in (its index)."""
    groups = []
    for i, plugin in enumerate(plugins):
        said = {_words(c) for phrases in plugin.cues.values() for c in phrases} - {""}
        longest_first = sorted(said, key=len, reverse=True)  # the whole cue is marked
        groups.append(f"(?P<p{i}>{'|'.join(re.escape(w) for w in longest_first)})")
    return re.compile(rf"(?<![a-z0-9])(?:{'|'.join(groups)})(?![a-z0-9])")


def read(norm: str, plugins: Sequence[IntentPlugin]) -> tuple[IntentPlugin, int, int] | None:
    """The declared intent whose cue comes first in the joined, normalised text (the one
    declared first when two cues start at the same word), with where the cue starts and
    ends; None when no cue is there."""
    if not plugins:
        return None
    found = _pattern(tuple(plugins)).search(norm)
    if found is None or found.lastgroup is None:
        return None
    return plugins[int(found.lastgroup[1:])], found.start(), found.end()
