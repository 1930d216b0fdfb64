"""Finding and blanking out mentions of one person (LGPD erasure): name, e-mail and phone.

People write names without accents and phones with any punctuation ("liguei pro Joao,
98888-1000"), and the store keeps JSON whose encoder may have escaped accents ("Jo\\u00e3o"),
so each identifier becomes a tolerant regular expression rather than a literal search.

A first name or a surname alone is only erased where it refers to her, which no pattern can
tell by itself; `scrub_for` decides it from where the text sits (see its docstring).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from handlers.transfer.folding import fold
from storage.erasure import Scrub
from storage.privacy import Surroundings
from storage.text import spellings

_SEPARATORS = r"[\s().+\-]*"
_MIN_PHONE_DIGITS = 8
_NON_DIGITS = re.compile(r"\D+")
# A name starts after a non-word character, or right after a JSON escape: "\n", or "\u201c"
# (the curly quote a phone keyboard types) once an encoder has escaped it.
_START = r"(?:(?<!\w)|(?<=\\[nrt])|(?<=\\u[0-9a-fA-F]{4}))"
_END = r"(?!\w)"
# Words of a name that identify nobody alone: Portuguese, Spanish, Dutch and German particles.
_PARTICLES = frozenset(
    {"da", "das", "de", "del", "der", "di", "do", "dos", "du", "e", "la", "le", "van", "von", "y"}
)


def _letter(char: str) -> str:
    """One letter of a folded name: in any case or accent, as typed or JSON-escaped."""
    variants = spellings().get(char)
    if variants is None:
        return re.escape(char)
    escaped = [re.escape(f"\\u{ord(c):04x}") for c in variants if not c.isascii()]
    alternatives = "[" + re.escape(variants) + "]"
    return f"(?:{'|'.join([alternatives, *escaped])})" if escaped else alternatives


def _name_pattern(name: str, between: str = r"\s+") -> str:
    parts = [between if char == " " else _letter(char) for char in fold(name)]
    return _START + "".join(parts) + _END


def _phone_patterns(phone: str) -> list[str]:
    digits = re.sub(r"\D", "", phone)
    if len(digits) < _MIN_PHONE_DIGITS:
        return [re.escape(phone.strip())] if phone.strip() else []
    # The number as stored, without the country code, and its last nine and eight digits (a
    # Brazilian subscriber number), which is how people jot a phone down in a note.
    tails = {digits, digits[-9:], digits[-_MIN_PHONE_DIGITS:]}
    if digits.startswith("55") and len(digits) >= 12:
        tails.add(digits[2:])
    ordered = sorted(tails, key=len, reverse=True)
    return [r"(?<!\d)" + _SEPARATORS.join(tail) + r"(?!\d)" for tail in ordered]


@dataclass(frozen=True)
class Redactor:
    """Matches and replaces every mention of one person's identifiers (or of some words)."""

    pattern: re.Pattern[str]
    marker: str

    def mentions(self, text: str) -> bool:
        return self.pattern.search(text) is not None

    def redact(self, text: str) -> str:
        return self.pattern.sub(self.marker, text)


def redactor(
    marker: str, name: str, email: str | None = None, phone: str | None = None
) -> Redactor:
    """A Redactor for a person's name (accents, case and spacing free), e-mail and phone."""
    patterns: list[str] = []
    if email:  # first: at one spot, the whole address wins over a name it starts with
        patterns.extend(
            re.escape(form) for form in {email.strip(), json.dumps(email.strip())[1:-1]}
        )
    if phone:
        patterns.extend(_phone_patterns(phone))
    patterns.append(_name_pattern(name))
    escaped = json.dumps(name)[1:-1]
    if escaped != name:
        patterns.append(re.escape(escaped))
    return Redactor(re.compile("|".join(patterns), re.IGNORECASE), marker)


def name_words(name: str) -> set[str]:
    """The folded words of a name that can stand for the person alone: "Ana Luísa da Costa"
    -> {"ana", "luisa", "costa"} (no particles, no initials)."""
    return {w for w in re.findall(r"[^\W\d_]+", fold(name)) if len(w) > 1 and w not in _PARTICLES}


def words_redactor(marker: str, words: Iterable[str]) -> Callable[[str], str]:
    """Replace each of `words` standing alone (any case or accent, JSON-escaped or not)."""
    ordered = sorted({fold(word) for word in words}, key=len, reverse=True)
    if not ordered:
        return lambda text: text
    pattern = re.compile("|".join(_name_pattern(word) for word in ordered), re.IGNORECASE)
    return lambda text: pattern.sub(marker, text)


def _then(first: Callable[[str], str], second: Callable[[str], str]) -> Callable[[str], str]:
    return lambda text: second(first(text))


def _names(company: str | None) -> Callable[[str], bool]:
    """Whether a text names the company: its words in order, any punctuation between them."""
    if not company or not company.strip():
        return lambda text: False
    pattern = re.compile(_name_pattern(company, r"\W+"), re.IGNORECASE)
    return lambda text: pattern.search(text) is not None


def scrub_for(marker: str, contact: Mapping[str, Any], around: Surroundings) -> Scrub:
    """How one contact is erased from every text of the store: the rule, in three reaches.

    - Everywhere: her full name, e-mail and phone.
    - In text about her (rows linked to her contact record): also each word of her name alone
      ("a Zuléica pediu…", "falar com Quixabeira"), except the words of her company's name.
    - In text about her company (rows linked to her account, or any text naming the company):
      only the words of her name that nobody else there shares. A word that is also in the
      company's name, in another contact's name at that company, or in the name of someone
      who uses ritmo is left alone: there it may well mean someone else.
    """
    person = redactor(marker, contact["name"], contact["email"], contact["phone"])
    company = name_words(around.account_name or "")
    own = name_words(contact["name"]) - company
    others = set().union(*(name_words(name) for name in (*around.neighbours, *around.users)))
    words, digits = _hints(contact)
    return Scrub(
        marker=marker,
        everywhere=person.redact,
        about_her=_then(person.redact, words_redactor(marker, own)),
        about_company=_then(person.redact, words_redactor(marker, own - others)),
        names_company=_names(around.account_key),
        words=words,
        digits=digits,
    )


def _hints(contact: Mapping[str, Any]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What every text a Scrub changes holds, so the store needn't offer it the others: a word
    of her name (her full name holds them all) or her e-mail, in some spelling; or, once
    spaces and ( ) . + - are dropped, the last eight digits of her phone."""
    words = name_words(contact["name"]) or {fold(contact["name"])}
    if contact["email"]:
        words.add(contact["email"].strip())
    phone = (contact["phone"] or "").strip()
    digits = _NON_DIGITS.sub("", phone)
    if len(digits) >= _MIN_PHONE_DIGITS:
        return tuple(sorted(words)), (digits[-_MIN_PHONE_DIGITS:],)
    if phone:
        words.add(phone)
    return tuple(sorted(words)), ()
