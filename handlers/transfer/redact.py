"""Finding and blanking out mentions of one person (LGPD erasure): name, e-mail and phone.

People write names without accents and phones with any punctuation ("liguei pro Joao,
98888-1000"), and the store keeps JSON whose encoder may have escaped accents ("Jo\\u00e3o"),
so each identifier becomes a tolerant regular expression rather than a literal search.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass

from handlers.transfer.folding import fold

_SEPARATORS = r"[\s().+\-]*"
_MIN_PHONE_DIGITS = 8


def _letter_variants() -> dict[str, str]:
    variants: dict[str, set[str]] = defaultdict(set)
    for code in range(0x41, 0x250):
        char = chr(code)
        base = fold(char)
        if len(base) == 1 and base.isascii() and base.isalpha():
            variants[base].update({char, char.lower(), char.upper()})
    return {base: "".join(sorted(chars)) for base, chars in variants.items()}


_VARIANTS = _letter_variants()


def _name_pattern(name: str) -> str:
    parts = []
    for char in fold(name):
        if char == " ":
            parts.append(r"\s+")
        elif char in _VARIANTS:
            parts.append("[" + re.escape(_VARIANTS[char]) + "]")
        else:
            parts.append(re.escape(char))
    return r"(?<!\w)" + "".join(parts) + r"(?!\w)"


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
    """Matches and replaces every mention of one person's identifiers."""

    pattern: re.Pattern[str]
    marker: str

    def mentions(self, text: str) -> bool:
        return self.pattern.search(text) is not None

    def redact(self, text: str) -> str:
        return self.pattern.sub(self.marker, text)


def redactor(marker: str, name: str, email: str | None = None,
             phone: str | None = None) -> Redactor:
    """A Redactor for a person's name (accents, case and spacing free), e-mail and phone."""
    patterns = [_name_pattern(name)]
    escaped = json.dumps(name)[1:-1]
    if escaped != name:
        patterns.append(re.escape(escaped))
    if email:
        patterns.append(re.escape(email.strip()))
    if phone:
        patterns.extend(_phone_patterns(phone))
    return Redactor(re.compile("|".join(patterns), re.IGNORECASE), marker)
