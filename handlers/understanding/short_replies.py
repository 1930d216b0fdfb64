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
    certo certinho claro exato positivo manda bala si pode mesmo favor por pfv pf
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
_NOT_BARE = re.compile(r"[?\d]")
_RUNS = re.compile(r"([a-z])\1{2,}")


def yes_or_no(text: str) -> Literal["yes", "no"] | None:
    """ "yes" or "no" when the whole message is a bare answer, else None."""
    if _NOT_BARE.search(text):  # "sim?" asks, "sim 2" picks: neither is a bare answer
        return None
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


# Each kind needs one of its own words (heads); fillers may come with them ("muito obrigado",
# "thank you so much", "bom dia", "buenas noches") but never stand alone.
_SOCIAL_HEADS = {
    "thanks": frozenset(
        "obrigado obrigada obg obgd brigado brigada valeu vlw agradeco thanks thank thx ty tks "
        "gracias".split()
    ),
    "greeting": frozenset(
        "oi ola eai opa dia tarde noite hello hi hey morning afternoon evening hola dias tardes "
        "noches".split()
    ),
    "ack": frozenset(
        "ok okay okk blz beleza certo show top perfeito massa legal entendi combinado great "
        "cool nice got perfect noted fine".split()
    ),
}
_SOCIAL_FILLERS = {
    "thanks": frozenset("you muito much mto so very lot a muchas".split()),
    "greeting": frozenset("ei e ai bom boa good there tudo bem buenos buenas".split()),
    "ack": frozenset("it".split()),
}
_SOCIAL = {kind: heads | _SOCIAL_FILLERS[kind] for kind, heads in _SOCIAL_HEADS.items()}
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
