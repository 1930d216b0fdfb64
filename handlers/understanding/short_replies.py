"""Short turns typed as a whole message: a bare yes or no ("sim", "pode sim", "ok", "yes pls",
"não", "cancela", "esquece", "nope") — a card's button answered in words — and the social ones
("obrigado", "valeu", "bom dia", "blz", "thanks") that deserve a word back, not a help page.

A seller on the road dictates "sim" rather than finding the button; on a phone the card may be
a screen up. Only a message made of nothing but such words counts: "sim, liguei pra Acme" is a
log, not an answer. Words are matched folded (no accents, any case) and with long runs of a
letter squeezed ("simmm", "nãooo"). No store, no clock: the dispatcher decides which card the
answer is for.
"""

from __future__ import annotations

import re
from typing import Literal

from handlers.understanding.text import fold_chars

MAX_CHARS = 40  # longer than any bare answer: the log path pays one length check, no more

# Words that say yes on their own or that only soften a yes ("pode sim", "sim por favor").
_YES = frozenset(
    """sim s ss simm isso ok okay okk blz beleza confirma confirmo confirmado confirmar
    certo certinho claro exato positivo fechado manda bala pode mesmo favor por pfv pf
    yes y ya yep yeah yup sure confirm confirmed correct right go ahead please pls
    absolutely thats""".split()
)
# Words that say no on their own, and what may come with them ("não, obrigado", "deixa pra lá").
_NO_HEADS = frozenset(
    "nao n cancela cancelar cancele esquece esqueca deixa no nope nah cancel never forget "
    "dont".split()
)
_NO = _NO_HEADS | frozenset(
    "pra la precisa obrigado obrigada obg valeu mind it thanks isso mais agora".split()
)
_YES_PHRASES = frozenset({"do it", "go for it", "just do it", "pode fazer", "pode mandar"})
_SIGNS = {"👍": "sim", "✅": "sim", "👎": "nao", "❌": "nao"}
_WORD = re.compile(r"[a-z]+")
_RUNS = re.compile(r"([a-z])\1{2,}")


def yes_or_no(text: str) -> Literal["yes", "no"] | None:
    """ "yes" or "no" when the whole message is a bare answer, else None."""
    words = _words(text, _SIGNS)
    if not words or len(words) > 4:
        return None
    if words[0] in _NO_HEADS and all(w in _NO for w in words):
        return "no"
    if " ".join(words) in _YES_PHRASES or (
        all(w in _YES for w in words) and not _only_softeners(words)
    ):
        return "yes"
    return None


_SOCIAL = {
    "thanks": frozenset(
        "obrigado obrigada obg obgd brigado brigada valeu vlw agradeco thanks thank thx ty tks "
        "you muito much mto so very lot a".split()
    ),
    "greeting": frozenset(
        "oi ola ei eai e ai opa bom boa dia tarde noite hello hi hey good morning afternoon "
        "evening there tudo bem".split()
    ),
    "ack": frozenset(
        "ok okay okk blz beleza certo show top perfeito massa legal entendi combinado great "
        "cool nice got it perfect noted fine".split()
    ),
}
# Each kind needs one of its own words, not only the fillers it shares ("muito", "you", "it").
_SOCIAL_HEADS = {
    "thanks": frozenset(
        "obrigado obrigada obg obgd brigado brigada valeu vlw agradeco thanks thank "
        "thx ty tks".split()
    ),  # fmt: skip
    "greeting": frozenset(
        "oi ola eai opa dia tarde noite hello hi hey morning afternoon evening".split()
    ),  # fmt: skip
    "ack": frozenset(
        "ok okay okk blz beleza certo show top perfeito massa legal entendi "
        "combinado great cool nice got perfect noted fine".split()
    ),  # fmt: skip
}
_SOCIAL_SIGNS = {"🙏": "obrigado", "👋": "oi", "👍": "ok", "👌": "ok"}


def social(text: str) -> Literal["thanks", "greeting", "ack"] | None:
    """The kind of a bare social turn ("valeu!", "bom dia", "blz"), else None."""
    words = _words(text, _SOCIAL_SIGNS)
    if not words or len(words) > 5:
        return None
    for kind in ("thanks", "greeting", "ack"):
        if all(w in _SOCIAL[kind] for w in words) and any(w in _SOCIAL_HEADS[kind] for w in words):
            return kind
    return None


def _only_softeners(words: list[str]) -> bool:
    """ "por favor", "please", "mesmo": politeness with no yes in it."""
    return all(w in {"por", "favor", "pfv", "pf", "please", "pls", "mesmo"} for w in words)


def _words(text: str, signs: dict[str, str]) -> list[str]:
    """The message's words, folded, with long letter runs squeezed and signs read as words;
    none for a message too long to be a short turn."""
    if len(text) > MAX_CHARS:
        return []
    for sign, word in signs.items():
        text = text.replace(sign, f" {word} ")
    return _WORD.findall(_RUNS.sub(r"\1", fold_chars(text).casefold().replace("'", "")))
