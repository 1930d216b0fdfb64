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
    "pau": 1_000,  # "uns sessenta pau": slang for thousand reais
    "paus": 1_000,
}
_WORD = "|".join(sorted(UNITS, key=len, reverse=True))
_SCALE = "|".join(sorted(SCALES, key=len, reverse=True))
# A run of number words: a number word first, then number words or scales, joined by a blank,
# "e"/"and" or a hyphen. One pass over the text, tried only where a word starts.
NUMBER_RUN = re.compile(
    rf"\b(?=[a-z])(?:{_WORD}|(?:a |one )?hundred)\b(?:(?:[ -]+(?:e |and )?)(?:{_WORD}|{_SCALE})\b"
    # a unit typed as a digit after "e", as dictation mixes them: "sessenta e 4 mil"
    r"| e [1-9]\b)*"
)
# A number said with its decimals ("two point five million", "um vírgula dois milhão") and the
# halves ("meio milhão", "half a million", "um milhão e meio", "one and a half million").
_BIG = r"(?P<scale>millions?|milhao|milhoes|mil|thousand|k|grand|bi|billions?|bilhao|bilhoes)"
POINTED = re.compile(
    rf"\b(?P<whole>{_WORD}) (?:point|ponto|virgula) (?P<dec>{_WORD}(?: {_WORD})?) {_BIG}\b"
)
HALVES = re.compile(
    rf"\b(?:(?:meio|half an?|half) (?P<half>milhao|million|mil|thousand)"
    rf"|(?:(?P<whole>{_WORD}) )?(?P<scale>milhao|milhoes|millions?|mil|thousand) e meio"
    rf"|(?P<whole2>{_WORD}) and a half (?P<scale2>millions?|thousand))\b"
)
# Days of the month said in words after "dia" ("dia quinze", "dia primeiro").
DAY_WORDS: dict[str, int] = {"primeiro": 1, **{w: n for w, n in UNITS.items() if n <= 31}}


def value(run: str) -> int:
    """The number a run of number words says: "vinte e um mil" 21000, "dezessete mil e
    quinhentos" 17500, "fifty-two thousand" 52000, "two hundred" 200, and the way prices are
    said in English, "one twenty k" 120000 (a digit then tens: hundreds)."""
    total = current = 0
    words = re.split(r"[ -]+", run)
    for i, word in enumerate(words):
        nxt = UNITS.get(words[i + 1], 0) if i + 1 < len(words) else 0
        if word in UNITS and UNITS[word] < 10 and 10 <= nxt < 100 and "hundred" not in words:
            current += UNITS[word] * 100  # "one twenty": a hundred and twenty
        elif word in UNITS:
            current += UNITS[word]
        elif word.isdigit():
            current += int(word)  # "sessenta e 4 mil": the unit typed as a digit
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in SCALES:
            total += max(current, 1) * SCALES[word]
            current = 0
    if total >= 1_000_000 and 0 < current < 1000 and total % 1_000_000 == 0:
        current *= 1000  # "um milhão e duzentos": the thousands after the million, said short
    return total + current


def said_short(run: str) -> float | None:
    """A price said aloud without its thousands, in thousands: "quarenta e quatro" 44,
    "dezessete e quinhentos" 17.5 (the hundreds after the thousands), "one forty five" 145,
    "sixty two five" 62.5 (a digit after the tens is the decimal). None when the run says its
    scale itself ("vinte mil" is read in full) or is no price of that size."""
    said_words = re.split(r"[ -]+", run)
    if any(
        UNITS.get(a, 99) < 10 and b == "e" and UNITS.get(c, 0) in range(20, 100, 10)
        for a, b, c in zip(said_words, said_words[1:], said_words[2:], strict=False)
    ):
        return None  # "seis e noventa": six reais and ninety cents, no hundreds
    words = [w for w in said_words if w not in ("e", "and")]
    if any(w in SCALES or not (w in UNITS or w.isdigit()) for w in words):
        return None
    said = [UNITS[w] if w in UNITS else int(w) for w in words]
    if len(said) == 3 and said[0] in range(20, 100, 10) and all(0 < n < 10 for n in said[1:]):
        return said[0] + said[1] + said[2] / 10  # "sixty two five"
    cut = next((i for i, n in enumerate(said) if i and n >= 100 and n % 100 == 0), None)
    if cut is not None and sum(said[:cut]) < 100:  # "dezessete e quinhentos"
        return value(" ".join(words[:cut])) + sum(said[cut:]) / 1000
    number = value(" ".join(words))
    return float(number) if 0 < number < 1000 else None


def has_scale(run: str) -> bool:
    """Whether the run says thousands or more: "vinte e um mil" is money, "dois" a count."""
    return any(w in SCALES and w != "hundred" for w in re.split(r"[ -]+", run))


def scale_of(word: str) -> int:
    """What a scale word multiplies by ("million" 1e6, "k" 1e3)."""
    word = word.rstrip("s") if word.startswith(("million", "billion")) else word
    big = {"milhao": 10**6, "milhoes": 10**6, "million": 10**6, "billion": 10**9}
    return big.get(word, 10**9 if word in ("bi", "bilhao", "bilhoes") else 1_000)


# Days said as English ordinals ("on the fifteenth", "december twenty first").
ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
}
ORDINAL_DAY = (
    r"(?:(?:twenty|thirty)[ -](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + ")"
)


def day_number(said: str) -> int:
    """A day of the month however it was said: "15", "quinze", "primeiro", "fifteenth",
    "twenty first"."""
    if said.isdigit():
        return int(said)
    words = re.split(r"[ -]+", said)
    if words[-1] in ORDINALS:
        return sum(UNITS.get(w, 0) for w in words[:-1]) + ORDINALS[words[-1]]
    return DAY_WORDS.get(said) or value(said)
