"""A question asked inside a polite wrapper: "vc consegue me dizer como anda a X?", "me
lembra o q eu tinha q fazer c a X", "can u tell me how X is doing", "remind me what's next
w/ X".

The wrapper's words are cues of their own ("consegue", "lembra", "remind", "tell") and pulled
the message to help or to a new reminder; the question is what follows. The parser drops the
wrapper when a question word comes right after it and reads the rest. "me lembra de ligar",
"remind me to call" (a reminder) and "vc sabe se…", "can you tell me if…" (read by the
parser's own rule for a question about an account) keep their words.
"""

from __future__ import annotations

from collections.abc import Sequence

from handlers.understanding.vocab import ABBREVIATIONS

_LEAD = frozenset({"e", "ei", "hey", "oi", "ritmo", "so", "ok", "entao"})
_ASKING_VERBS = frozenset({"consegue", "pode", "poderia", "sabe", "saberia", "conseguiria"})
_TELLING = frozenset({"dizer", "falar", "contar", "informar", "lembrar", "passar", "mostrar"})
_ME_VERBS = frozenset({"lembra", "lembre", "diz", "diga", "fala", "conta", "passa", "mostra"})
_EN_TELL = frozenset({"tell", "remind", "show", "let"})
# What must follow for the rest to be the question ("que" is "q", "oq" expanded).
_QUESTION_WORDS = frozenset(
    """
    o que como qual quais quando quem onde cade
    what whats how hows where wheres when who whos which
    """.split()
)

# A question may open with a preposition before its question word: "em que pé", "in which
# stage", "pra quando", "with whom". The wrapper ends before the preposition.
_PREPOSITIONS = frozenset({"em", "de", "pra", "para", "com", "in", "at", "on", "for", "with"})


# A wrapper opens with one of these within its first three words (abbreviations included).
_STARTS = _ASKING_VERBS | {"voce", "vc", "me", "can", "could", "would", "will", "do"} | _EN_TELL


# The first word of a message a wrapper can open with: the parser asks nothing more of
# the others (most messages), so reading a wrapper costs a set lookup.
OPENINGS = _STARTS | _LEAD | {"ok"}


def _words(norms: Sequence[str]) -> list[str]:
    out: list[str] = []
    for norm in norms:
        out.extend(ABBREVIATIONS.get(norm, norm).split())
    return out


def wrapper_length(norms: Sequence[str]) -> int:
    """How many of the message's first words are a polite wrapper around a question
    (0: none). Counted in the message's own words, before abbreviations are expanded."""
    if not _STARTS.intersection(norms[:3]):
        return 0  # the common case, decided without expanding anything
    words = _words(norms[:8])
    i = 0
    while i < len(words) and words[i] in _LEAD:
        i += 1
    start = i
    if i < len(words) and words[i] == "voce":
        i += 1
    if i < len(words) and words[i] in _ASKING_VERBS:
        i += 1
        if i < len(words) and words[i] == "me":
            i += 1
        if i < len(words) and words[i] in _TELLING:
            i += 1
    elif i + 1 < len(words) and words[i] == "me" and words[i + 1] in _ME_VERBS:
        i += 2
    elif i + 2 < len(words) and words[i] in ("can", "could", "would", "will", "do"):
        i += 1
        if words[i] not in ("you", "u"):
            return 0
        i += 1
        if i < len(words) and words[i] in ("please", "pls"):
            i += 1
        if i + 1 < len(words) and words[i] in _EN_TELL and words[i + 1] == "me":
            i += 2
        elif i < len(words) and words[i] == "know":
            i += 1
        else:
            return 0
    elif i + 1 < len(words) and words[i] in _EN_TELL and words[i + 1] == "me":
        i += 2
    if i == start or i >= len(words):
        return 0
    asked = words[i + 1] if words[i] in _PREPOSITIONS and i + 1 < len(words) else words[i]
    if asked not in _QUESTION_WORDS:  # "em que pé está a X": the question's own preposition
        return 0
    if words[i] == "o" and words[i + 1 : i + 2] != ["que"]:
        return 0  # "me passa o total": the wrapper is the request
    # back to the message's own words: how many of them the wrapper's words fill
    taken, count = 0, 0
    for norm in norms:
        if taken >= i:
            break
        taken += len(ABBREVIATIONS.get(norm, norm).split())
        count += 1
    return count if taken == i else 0
