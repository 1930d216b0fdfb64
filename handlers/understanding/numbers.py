"""Numbers said in words, the way dictation types them: "vinte e um mil", "dezessete mil e
quinhentos", "fifty-two thousand", "dia quinze"."""

from __future__ import annotations

import re

UNITS: dict[str, int] = {
    "um": 1,
    "uma": 1,
    "dois": 2,
    "duas": 2,
    "tres": 3,
    "quatro": 4,
    "cinco": 5,
    "seis": 6,
    "sete": 7,
    "oito": 8,
    "nove": 9,
    "dez": 10,
    "onze": 11,
    "doze": 12,
    "treze": 13,
    "quatorze": 14,
    "catorze": 14,
    "quinze": 15,
    "dezesseis": 16,
    "dezasseis": 16,
    "dezessete": 17,
    "dezoito": 18,
    "dezenove": 19,
    "vinte": 20,
    "trinta": 30,
    "quarenta": 40,
    "cinquenta": 50,
    "sessenta": 60,
    "setenta": 70,
    "oitenta": 80,
    "noventa": 90,
    "cem": 100,
    "cento": 100,
    "duzentos": 200,
    "duzentas": 200,
    "trezentos": 300,
    "trezentas": 300,
    "quatrocentos": 400,
    "quinhentos": 500,
    "seiscentos": 600,
    "setecentos": 700,
    "oitocentos": 800,
    "novecentos": 900,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
# Words that multiply what was said before them ("vinte e um mil", "two hundred").
SCALES: dict[str, int] = {
    "hundred": 100,
    "mil": 1_000,
    "thousand": 1_000,
    "milhao": 1_000_000,
    "milhoes": 1_000_000,
    "million": 1_000_000,
    # said after a number aloud: "sixty grand", "forty five k" (dictation types the letter)
    "grand": 1_000,
    "k": 1_000,
}
_WORD = "|".join(sorted(UNITS, key=len, reverse=True))
_SCALE = "|".join(sorted(SCALES, key=len, reverse=True))
# A run of number words: a number word first, then number words or scales, joined by a blank,
# "e"/"and" or a hyphen. One pass over the text, tried only where a word starts.
NUMBER_RUN = re.compile(
    rf"\b(?=[a-z])(?:{_WORD})\b(?:(?:[ -]+(?:e |and )?)(?:{_WORD}|{_SCALE})\b)*"
)
# Days of the month said in words after "dia" ("dia quinze", "dia primeiro").
DAY_WORDS: dict[str, int] = {"primeiro": 1, **{w: n for w, n in UNITS.items() if n <= 31}}


def value(run: str) -> int:
    """The number a run of number words says: "vinte e um mil" 21000, "dezessete mil e
    quinhentos" 17500, "fifty-two thousand" 52000, "two hundred" 200."""
    total = current = 0
    for word in re.split(r"[ -]+", run):
        if word in UNITS:
            current += UNITS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in SCALES:
            total += max(current, 1) * SCALES[word]
            current = 0
    return total + current


def has_scale(run: str) -> bool:
    """Whether the run says thousands or more: "vinte e um mil" is money, "dois" a count."""
    return any(w in SCALES and w != "hundred" for w in re.split(r"[ -]+", run))
