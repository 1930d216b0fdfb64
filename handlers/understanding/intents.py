"""Which intent a message has: a command word first, then sentence cues in a fixed order."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from rapidfuzz import process
from rapidfuzz.distance import OSA

from handlers.understanding import hedges, prefilter, vocab

INTENTS = (
    "link",
    "help",
    "log",
    "agenda",
    "next_step",
    "status",
    "pipeline",
    "forecast",
    "closing",
    "stalled",
    "overdue",
    "stage_change",
    "won",
    "lost",
    "enroll",
    "cadence_action",
    "digest",
    "team",
    "away",
    "unknown",
    "out_of_domain",
    "unclear",
    "task",
    "undo",
    "away_end",
    "list_accounts",
    "list_cadences",
    "unenroll",
    "won_list",
    "lost_list",
    "my_sales",
    "contact_lookup",
    "deal_update",
    "create_deal",
    "create_contact",
    "create_account",
)


def alternation(patterns: Iterable[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


# Every cue starts where a word starts (the text is normalised words): saying so up front lets
# the scan skip every other position at once instead of trying each alternative there, which
# was most of a message's parse (a 40 % cut; the readings are the same).
WORD_START = r"(?<![a-z0-9])(?:"


@lru_cache(maxsize=16)
def cue_patterns(stage_words: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The intent cues compiled, with STAGE and CADENCE standing for the known words."""
    cadence = alternation(vocab.CADENCE_WORDS)
    return tuple(
        (
            intent,
            re.compile(
                WORD_START
                + cue.replace("STAGE", rf"\b(?:{stage_words})\b")
                .replace("CADENCE", cadence)
                .replace("SAIDNUMBER", vocab.SAID_NUMBER)
                + ")"
            ),
        )
        for intent, cue in vocab.INTENT_CUES
    )


# A word written whole in a pattern; the head of one whose ending is a class ("assinad[oa]",
# "recebid[oa]") is no word to correct a typo into ("assinar" is no slip of "assinad").
_WORD_IN_PATTERN = re.compile(r"[a-z]{5,}(?![a-z\[])")


def _vocabulary() -> tuple[str, ...]:
    words: set[str] = set(vocab.COMMANDS)
    for table in (
        vocab.LOG_VERBS,
        vocab.KIND_WORDS,
        vocab.FOLLOW_UP_VERBS,
        vocab.LOST_REASONS,
        vocab.CADENCE_WORDS,
    ):
        for pattern in table:
            words.update(_WORD_IN_PATTERN.findall(pattern))
    for _, cue in vocab.INTENT_CUES:
        words.update(w for w in _WORD_IN_PATTERN.findall(cue) if w not in ("stage", "cadence"))
    words.update(vocab.STAGE_SYNONYMS)
    # the words of a hedge are read as typed: "nem lembro se…" is no slip of "lembr(ar)"
    words.update(w for opener in hedges.OPENERS for w in opener if len(w) >= 5)
    words.update(w for w in hedges.ACTION_WORDS if len(w) >= 5)  # "chegar" is no "chega"
    words.update(
        (
            "cadence",
            "cadencia",
            "stage",
            "cadences",
            "cadencias",
            "pedindo",
            "pediram",
            "asking",
            "disseram",
            "falaram",
            "confirmaram",
            "avisaram",
            "slipped",
            "slipping",
            "pushed",
            "contract",
            "contracts",
            "contrato",
            "contratos",
            "comeco",
            "inicio",
            "meados",
            "middle",
            "beginning",
        )
    )
    words.update(
        (
            "agenda",
            "hoje",
            "amanha",
            "semana",
            "trimestre",
            "proximo",
            "proxima",
            "passo",
            "passos",
            "segunda",
            "terca",
            "quarta",
            "quinta",
            "sexta",
            "sabado",
            "domingo",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "tomorrow",
            "today",
            "month",
            "quarter",
            "week",
        )
    )
    return tuple(sorted(words))


def _stems() -> frozenset[str]:
    """The words of the vocabulary written in a cue as a stem ("vencid\\w*", "atualiza\\w*")."""
    tables = (vocab.LOG_VERBS, vocab.KIND_WORDS, vocab.FOLLOW_UP_VERBS, vocab.LOST_REASONS)
    patterns = [p for table in tables for p in table] + [cue for _, cue in vocab.INTENT_CUES]
    return frozenset(w for p in patterns for w in re.findall(r"([a-z]{5,})\\w", p))


VOCABULARY = _vocabulary()
_STEMS = _stems()
_KNOWN = frozenset(VOCABULARY) | vocab.STOPWORDS | vocab.PLAIN_WORDS


@lru_cache(maxsize=8192)
def correct(word: str) -> str:
    """The vocabulary word a typo most likely meant ("pipline" -> "pipeline"), else the word.

    Only words of six letters or more are corrected, one edit away (two from nine letters,
    where a slip costs less of the word): shorter words are too often other words or names
    ("banho" is not "ganho", "Mota" is not "nota").
    """
    if len(word) < 6 or word in _KNOWN or word.isdigit():
        return word
    cutoff = 2 if len(word) >= 9 else 1
    best = process.extractOne(word, VOCABULARY, scorer=OSA.distance, score_cutoff=cutoff)
    if best is None or (best[0] in _STEMS and word.startswith(best[0])):
        # a stem written in a cue ("vencid\\w*") is no word to cut a whole one down to:
        # "vencido", "marcado", "prices" are typed in full, not slipped
        return word
    return best[0]


# Words one letter from a command that are words of their own: "fechado!" is "agreed", not
# a slip of "fechando"; "last call with X?" is no "lost", "wont" (won't) no "won".
_NOT_SLIPS = frozenset(
    {"fechado", "fechada", "fechou", "fecho", "ganhou", "perdeu"}
    | {"last", "cost", "most", "post", "host", "lots", "lest", "fast", "wont"}
)


@lru_cache(maxsize=2048)
def command(word: str) -> tuple[str, str | None] | None:
    """The intent of a command word, forgiving one slip ("pipelin", "previsoa")."""
    if word in vocab.COMMANDS:
        return vocab.COMMANDS[word]
    if word in vocab.STOPWORDS or word in _NOT_SLIPS or word.endswith(("ei", "ou")):
        return None  # "registrei errado": a verb in the past tells, it is no slip of a command
    if len(word) < 4:
        return None
    cutoff = 2 if len(word) >= 8 else 1
    best = process.extractOne(
        word, tuple(vocab.COMMANDS), scorer=OSA.distance, score_cutoff=cutoff
    )
    return vocab.COMMANDS[best[0]] if best else None


def classify(norm: str, stage_words: str) -> str:
    """The intent of a sentence (normalised, typos corrected) from its cues, or "unknown"."""
    return classify_at(norm, stage_words)[0]


def classify_at(norm: str, stage_words: str) -> tuple[str, int]:
    """The intent and where in `norm` its cue starts (a request opening the message weighs
    more than one met in passing)."""
    found = _cue_group(stage_words).first(norm)
    if found is None:
        return "unknown", -1
    return cue_patterns(stage_words)[found[0]][0], found[1].start()


@lru_cache(maxsize=16)
def _cue_group(stage_words: str) -> prefilter.Group:
    """The cues gated in one look: most of a sentence's cues hold none of their words."""
    return prefilter.Group(*(pattern for _, pattern in cue_patterns(stage_words)))


_OFF_TOPIC = re.compile(WORD_START + vocab.OUT_OF_DOMAIN + ")")


_SMALL_TALK = re.compile(vocab.SMALL_TALK)


def small_talk(norm: str) -> bool:
    """Whether the whole message is a greeting or thanks, with nothing asked."""
    return _SMALL_TALK.match(norm) is not None


def off_topic_words(norm: str) -> list[str]:
    """The words of the sentence that talk of something that is not sales work."""
    return [m.group().strip() for m in _OFF_TOPIC.finditer(norm)]


def off_topic(norm: str) -> bool:
    """Whether the sentence talks about something that is not sales work."""
    return _OFF_TOPIC.search(norm) is not None
