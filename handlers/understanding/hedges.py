"""Sentences that name something of ours but say it did not happen, or only might.

"nao liguei pro Joaquim ainda", "didn't get to call Acme", "se a X fechar esse mês…", "might
swing by Y next week": the words of a log or an outcome are there, the fact is not. Writing
them down would be a wrong confident write, worse than asking; the parser reads them as
`unclear`, which asks what the rep wants for that account.

What stays a fact: a negation of what the *client* did ("n atendeu", "não tem interesse",
"tom didn't pick up"), and a negated attempt beside something that was done ("liguei, mas não
consegui falar": the call happened). Works on the parser's tokens, so it sees the words after
abbreviations were expanded and with the book's names already taken out.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class Word(Protocol):
    norm: str
    tag: str | None
    clause: int


# Verbs of one's own past that open a hedge, kept as typed (never "corrected" into a cue).
OWN_PAST = frozenset({"esqueci"})
NEGATIONS = frozenset({"nao", "n", "nem", "naum", "didnt", "havent", "hasnt", "never", "not"})
# Between a negation and the seller's own verb: "não *cheguei a* ligar", "didn't *get to* call".
_BRIDGE = frozenset(
    """
    ainda consegui consegue cheguei pude deu tive tempo de a para pra o
    get got to a chance yet even been able have manage managed
    """.split()
)
# A seller's own action, even where the vocabulary tags it as a plan ("visitar") or a kind.
_ACTION_TAGS = frozenset({"log", "kind", "todo"})
ACTION_WORDS = frozenset(
    """
    falei falar liguei ligar visitei visitar passei passar mandei mandar enviei enviar fui ir
    encontrei encontrar conversei conversar chegar cheguei
    called call reached reach talked talk spoke speak met meet visited visit emailed email
    heard hear pinged ping texted text sent send
    calling reaching talking speaking meeting visiting emailing pinging texting sending
    """.split()
)
# Subjects and fillers a hedge may stand behind at the opening: "eu acho que…", "so i might…".
_LEAD = frozenset(
    {
        "eu",
        "i",
        "m",
        "im",
        "we",
        "nos",
        "a",
        "gente",
        "so",
        "entao",
        "ai",
        "tipo",
        "hmm",
        "honestly",
    }
)
# Openings that make the whole sentence a supposition or a plan that did not happen.
OPENERS: tuple[tuple[str, ...], ...] = (
    ("se",),
    ("caso",),
    ("talvez",),
    ("acho", "que"),
    ("era", "para"),
    ("ia",),
    ("pode", "ser", "que"),
    ("quem", "sabe"),
    ("if",),
    ("might",),
    ("maybe",),
    ("perhaps",),
    ("probably",),
    ("hopefully",),
    ("i", "think"),
    ("was", "gonna"),
    ("was", "going", "to"),
    ("were", "gonna"),
    ("should",),
    ("was", "supposed", "to"),
    ("were", "supposed", "to"),
    ("not", "sure"),
    ("nao", "sei", "se"),
    # what was forgotten or only meant did not happen: "esqueci de ligar pra X ontem"
    ("esqueci", "de"),
    ("esqueci", "que"),
    ("forgot", "to"),
    ("was", "meant", "to"),
    ("were", "meant", "to"),
    ("wouldve",),
    ("would", "have"),
    ("gonna", "try"),
    ("going", "to", "try"),
    # what was only wanted, only thought of, or can't be recalled: a wish, a plan in the head
    # or a doubt about one's own doing, never the fact ("queria ter ligado", "wanted to call",
    # "pensando em passar", "can't remember if I logged it", "I would of called")
    ("queria", "ter"),
    ("pretendia",),
    ("planejava",),
    ("pensando", "em"),
    ("to", "pensando"),
    ("tou", "pensando"),
    ("estou", "pensando"),
    ("tava", "pensando"),
    ("pensei", "em"),
    ("nao", "lembro"),
    ("nem", "lembro"),
    ("wanted", "to"),
    ("meant", "to"),
    ("would", "of"),
    ("could", "of"),
    ("planning", "to"),
    ("thinking", "of"),
    ("thinking", "about"),
    ("couldnt",),
    ("could", "not"),
    ("cant", "remember"),
    ("dont", "remember"),
    ("do", "not", "remember"),
    ("never", "got"),
)


def _first_person(word: str) -> bool:
    """A Portuguese verb said of oneself ("liguei", "falei", "fui"), or any English one
    (English has no person in the verb; the negation's place decides there)."""
    # "consegui" reaches here as "consegue" (the typo pass knows only that form)
    return word.endswith("ei") or word in {
        "fui",
        "fiz",
        "vi",
        "pude",
        "tive",
        "dei",
        "consegui",
        "consegue",
    }


def _verbish(word: Word) -> bool:
    """An English word between "didn't" and the action ("didn't *manage* to call"): any
    untagged word that is not the action itself."""
    return word.tag in (None, "stop") and word.norm not in ACTION_WORDS


def _negated_action(words: Sequence[Word], i: int) -> int | None:
    """Where the action a negation at `i` denies ends, when it is the seller's own."""
    english = words[i].norm not in ("nao", "n", "nem", "naum")
    j = i + 1
    while (
        j < len(words)
        and j <= i + 4
        and words[j].clause == words[i].clause
        and (words[j].norm in _BRIDGE or (english and _verbish(words[j])))
    ):
        j += 1
    if j >= len(words) or words[j].clause != words[i].clause:
        return None
    word = words[j]
    if word.tag not in _ACTION_TAGS and word.norm not in ACTION_WORDS:
        return None
    if english:
        # "didn't call Acme" opens its clause; "Tom didn't pick up" is the client's doing.
        before = [w.norm for w in words[:i] if w.clause == words[i].clause]
        if any(w not in _LEAD and w not in _OWN_AUXILIARY for w in before):
            return None
    elif not any(_first_person(w.norm) for w in words[i + 1 : j + 1]) and not _no_time(
        words, i, j
    ):
        return None  # "o Valdir não atendeu", "não retornaram": the client's doing
    while j + 1 < len(words) and word.tag == "log" and words[j + 1].tag == "log":
        j += 1  # the rest of the phrase: "não *fui na* X"
    return j


# Words before an English negation that keep it the seller's own: "still did not send",
# "I have not called" (the auxiliary spelt out, as a writer of English as a second tongue does).
_OWN_AUXILIARY = frozenset({"still", "just", "did", "do", "have", "has", "had", "yet"})


def _no_time(words: Sequence[Word], i: int, j: int) -> bool:
    """ "não deu tempo de ligar": the seller's own time ran out ("não deu retorno" is the
    client's doing)."""
    norms = [w.norm for w in words[i + 1 : j]]
    return any(a == "deu" and b == "tempo" for a, b in zip(norms, norms[1:], strict=False))


_OPENER_HEADS = frozenset(opener[0] for opener in OPENERS)


def may_open(words: Sequence[Word]) -> bool:
    """Whether one of the first words can open a supposition (a cheap look before unsaid)."""
    return any(w.norm in _OPENER_HEADS for w in words[:4])


def _opens_with_a_hedge(words: Sequence[Word]) -> bool:
    start = 0
    while start < len(words) - 1 and (words[start].norm in _LEAD or words[start].tag == "date"):
        start += 1  # "amanhã talvez eu passe…": the day it is for, before the maybe
    for at in {0, start}:
        if words[at].norm not in _OPENER_HEADS:
            continue
        norms = tuple(w.norm for w in words[at : at + 3])
        if any(norms[: len(opener)] == opener for opener in OPENERS):
            return True
    return False


def unsaid(words: Sequence[Word]) -> bool:
    """The message's fact is denied or only supposed, and nothing else in it was done."""
    if not words:
        return False
    denied: set[int] = set()
    for i, word in enumerate(words):
        if word.norm in NEGATIONS:
            end = _negated_action(words, i)
            if end is not None:
                denied.update(range(i, end + 1))
    hedged = _opens_with_a_hedge(words)
    if not denied and not hedged:
        return False
    first_clause = words[0].clause
    for i, word in enumerate(words):
        if word.tag != "log" or i in denied:
            continue
        if hedged and word.clause == first_clause:
            continue
        return False  # "liguei, mas não consegui falar": the call was made
    return True
