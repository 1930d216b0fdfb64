"""Money in a message: "R$ 120 mil", "120k", "1,5 mi", "$ 40,000", "US$ 2.5M", "30 mil reais"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from handlers.understanding import numbers
from handlers.understanding.text import fold_chars

_CURRENCIES = {
    "r$": "BRL",
    "brl": "BRL",
    "reais": "BRL",
    "real": "BRL",
    "$": "USD",
    "us$": "USD",
    "u$": "USD",
    "usd": "USD",
    "dolares": "USD",
    "dolar": "USD",
    "dollars": "USD",
    "dollar": "USD",
    "€": "EUR",
    "eur": "EUR",
    "euros": "EUR",
    "euro": "EUR",
    "£": "GBP",
    "gbp": "GBP",
}
_MULTIPLIERS = {
    "k": 1e3,
    "mil": 1e3,
    "grand": 1e3,
    "pau": 1e3,  # "130 pau", "50 paus": slang for thousand reais
    "paus": 1e3,
    "thousand": 1e3,
    "m": 1e6,
    "mm": 1e6,
    "mi": 1e6,
    "milhao": 1e6,
    "milhoes": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "bi": 1e9,
    "bilhao": 1e9,
    "bilhoes": 1e9,
    "billion": 1e9,
    "billions": 1e9,
}
_NUMBER = r"\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d+)?"
# "m" only glued to the number ("1.5m"): "3 m" is too often something else.
# The blanks after a currency belong to the currency: a bare leading `\s*` made every blank of
# a long run rescan the rest of the run (4,000 spaces took a second of the event loop).
# The opening look-ahead only says what any match starts with (a currency's first letter or
# sign, or a digit): the scan tries the rest at those places only, half the cost of a message.
_AMOUNT = re.compile(
    r"(?=[rubeg$€£\d])"
    r"(?:(?:(?<![a-z0-9])(?P<pre>r\$|us\$|u\$|brl|usd|eur|gbp)|(?P<sym>[$€£]))\s*)?"
    # a comma or a dot glued to a word before is punctuation ("principe,35k"), after a digit
    # it is part of a number this one is not the start of
    rf"(?<![\d/:])(?<!\d[.,])(?P<num>{_NUMBER})(?![\d/:]|[.,]\d)"
    r"(?:(?P<glued>k|m|mm|mi|bi)\b|\s*(?P<mult>k|mil|mi|mm|milhao|milhoes|million|millions|grand"
    r"|paus?(?!\s+de\b)"
    r"|thousand|bi|bilhao|bilhoes|billion|billions)\b)?"
    r"(?:\s*(?:de\s+)?(?P<post>reais|real|brl|dolares|dolar|dollars|dollar|usd|euros|euro|eur)\b)?"
)


@dataclass(frozen=True)
class Amount:
    """A sum of money; `currency` is None when the message didn't say (the deal's applies)."""

    value: float
    currency: str | None = None

    def as_json(self, default_currency: str = "BRL") -> dict[str, object]:
        value = int(self.value) if float(self.value).is_integer() else round(self.value, 2)
        return {"value": value, "currency": self.currency or default_currency}


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    amount: Amount


def parse_number(text: str) -> float:
    """A number written either way: "40,000" "120.000" "1,5" "1.5" "120.000,00" "1,234.56".

    With both separators, the last one is the decimal mark; with one kind used once and
    followed by exactly three digits it groups thousands; otherwise it is the decimal mark.
    """
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        grouping = "." if decimal == "," else ","
        return float(text.replace(grouping, "").replace(decimal, "."))
    for sep in (",", "."):
        if sep in text:
            head, _, tail = text.rpartition(sep)
            if text.count(sep) > 1 or len(tail) == 3:
                return float(text.replace(sep, ""))
            return float(f"{head.replace(sep, '')}.{tail}")
    return float(text)


# Thousands written with their grouping ("13.500", "40,000") are how prices are typed; a count
# says what it counts right after ("1.500 unidades"), and document numbers go on with a dash.
_GROUPED = re.compile(r"\d{1,3}(?:[.,]\d{3})+")
_COUNTED = re.compile(
    r" ?(?:unidades?|un|pecas?|itens|items?|units?|pcs|pieces|caixas?|boxes|kg|kgs|g|t|ton\w*"
    r"|litros?|l|liters?|litres?|km|m2|m|metros?|meters?|pessoas|people|funcionarios|employees"
    r"|usuarios|users|licencas|licenses|seats|lugares|alunos|students|leitos|beds|quartos|rooms"
    r"|clientes|customers|vezes|times|horas|hours|dias|days|visitas|visits|pedidos|orders)\b|-\d"
)


def _counts(flat: str, end: int) -> bool:
    """Whether what follows a number says what it counts ("litros", "de usuários")."""
    if flat.startswith(" de ", end):
        end += 3
    return _COUNTED.match(flat, end) is not None


def _priced(flat: str, m: re.Match[str]) -> bool:
    """Whether a bare number reads as a price: grouped in thousands and counting nothing."""
    return _GROUPED.fullmatch(m.group("num")) is not None and _COUNTED.match(flat, m.end()) is None


def find_amounts(flat: str) -> list[Found]:
    """Every amount in folded text (see text.fold_chars), with its span.

    A bare number is not money: it needs a currency or a multiplier ("3 dias" is not an
    amount, "3 mil" is), or to be written in thousands the way a price is ("cotei 13.500").
    """
    found = []
    for m in _AMOUNT.finditer(flat):
        cur = m.group("pre") or m.group("sym") or m.group("post")
        mult = m.group("glued") or m.group("mult")
        if not cur and not mult and not _priced(flat, m):
            continue
        value = parse_number(m.group("num")) * _MULTIPLIERS.get(mult or "", 1.0)
        start = (
            m.start("pre")
            if m.group("pre")
            else m.start("sym")
            if m.group("sym")
            else m.start("num")
        )
        found.append(Found(start, m.end(), Amount(value, _CURRENCIES.get(cur or ""))))
    if found_words := _word_amounts(flat):
        # a digit read inside a run of words ("sessenta e 4 mil") is the run's, not its own
        found = [f for f in found if not any(w.start < f.start < w.end for w in found_words)]
        found = sorted(found + found_words, key=lambda f: f.start)
    if not found and (implied := _implied_thousands(flat)):
        found = [implied]
    return found


# Sales talk drops the "mil" from a price said in a negotiation: "tão firmes no 42", "fecharam
# em 82", "segurando nos 97" are thousands. Only right after such a verb, two or three digits,
# counting nothing and no date ("fecha em 12 de janeiro", "fechar em 15 dias" are not money).
# Dictation says the same price aloud ("fechado em quarenta e quatro", "fecha por dezessete e
# quinhentos", "quer por 6 e meio", "can do one ninety five", "ok with sixty two five"), or
# puts its word after it ("one twenty max", "twenty ish", "sessenta e quatro continua"): the
# words are read by numbers.said_short, and only when what follows them is no noun they count
# ("fechamos em dois lotes", "can do thirty minutes" are no price).
_ANY_DIGIT = re.compile(r"\d")
# what a number counts when it is no price: "fechar em 15 dias", "can do 30 minutes", "12 de
# janeiro", "3x"
_COUNTED_AFTER = re.compile(
    r"[\d/:%]|[.,]\d|\s*(?:x\b|de \w+\b|"
    r"(?:dias?|meses|mes|semanas?|anos?|horas?|parcelas?|vezes|unidades?|pecas?|por ?cento"
    r"|pessoas|alunos|lojas|usuarios|licencas|funcionarios|leitos|caminhoes|veiculos"
    r"|am|pm|days?|weeks?|months?|years?|hours?|minutes?|mins?|percent|units?|seats?|users?"
    r"|licenses?|people|sessions?|trucks?|stores?|sites?|h|hs|hrs?|min)\b)"
)
_WORDS_END = (
    r"(?=\s*(?:[,.;:!?)]|$)|\s+(?:e|and|mas|but|se|if|so|only|sem|without|com|with|on|after"
    r"|depois|apos|mesmo|for|pra|para|no|na|em|in|now|agora|ta|is|ok)\b)"
)


def _short(key: str) -> str:
    """A price said short, in digits or in words, with its groups named apart by `key`."""
    return (
        rf"(?:(?P<num{key}>[1-9]\d{{1,2}}(?:,\d{{1,2}})?|[1-9](?= e meio\b))"
        rf"|(?P<words{key}>{numbers.NUMBER_RUN.pattern}))(?P<half{key}> e meio| and a half)?"
    )


_IMPLIED = re.compile(
    r"\b(?:(?:firmes?|fech(?:ar|a|am|aram|ou|amos|ando|ad[oa]s?)|segur(?:a|am|ando|ou)"
    r"|travad[oa]s?|top(?:a|am|ou|aram)|baix(?:ou|aram|ar) pra|cheg(?:ou|aram|ar) (?:no|nos|em|a)"
    r"|vendid[oa]s?|(?:quer|querem|queria|paga|pagam|sai|saiu|faz|fazem) por"
    r"|(?:vai|foi|subiu|caiu|passou) pra|vai dar"
    # and in English: "holding firm at 48", "came down to 55", "they can do 85", "thinking 36"
    r"|holding(?: firm)?|firm|stuck|(?:came|come|coming) down|(?:can|could) do|thinking"
    r"|(?:went|goes|go|going) (?:up|down)|(?:ok|okay|fine|good) with|(?:we're|were|we are) at"
    r"|(?:estamos|tamos|tamo) (?:em|no))"
    r" (?:(?:no|nos|em|por|a|o|pra|para|at|to) )?(?:(?:uns|umas|about|like|around) )?"
    + _short("")
    # a price with its word after it: "one twenty max", "thirty ish", "sessenta e quatro continua"
    + r"|"
    + _short("2")
    + r"\s+(?:ish|max|tops|no maximo|continua)\b)"
)


def _implied_thousands(flat: str) -> Found | None:
    for m in _IMPLIED.finditer(flat):
        key = "" if m.group("num") or m.group("words") else "2"
        num, words, half = m.group("num" + key), m.group("words" + key), m.group("half" + key)
        end = m.end("half" + key) if half else m.end("num" + key) if num else m.end("words" + key)
        if num:
            if _COUNTED_AFTER.match(flat, end):
                continue
            value = parse_number(num)
        else:
            if not key and _WORDS_AFTER.match(flat, end) is None:
                continue
            short = numbers.said_short(words)
            if short is None:
                continue
            value = short
        value += 0.5 if half else 0
        start = m.start("num" + key) if num else m.start("words" + key)
        return Found(start, end, Amount(value * 1000))
    return None


_WORDS_AFTER = re.compile(_WORDS_END)


_WORD_AMOUNT_HINTS = (
    "mil",
    "thousand",
    "million",
    "rea",
    "dolar",
    "dollar",
    "bucks",
    "grand",
    " k",
    "pau",
)
_WORD_CURRENCY = re.compile(r" (?:de )?(?P<post>reais|real|dolares|dolar|dollars|dollar|bucks)\b")


def _word_amounts(flat: str) -> list[Found]:
    """Amounts said in words ("vinte e um mil", "fifty-two thousand", "quinhentos reais"): a
    run that says thousands, or one followed by a currency; "dois clientes" is a count."""
    found: list[Found] = []
    for word in _WORD_AMOUNT_HINTS:  # a loop, not any(): no generator made per message
        if word in flat:
            break
    else:
        return found  # most messages say no amount in words: skip the scan
    found += _decimals_and_halves(flat)
    for m in numbers.NUMBER_RUN.finditer(flat):
        if any(f.start <= m.start() < f.end for f in found):
            continue  # already read with its decimals or its half
        cur = _WORD_CURRENCY.match(flat, m.end())
        if cur is None and not numbers.has_scale(m.group()):
            continue
        if cur is None and _counts(flat, m.end()):
            continue  # "dois mil litros", "three thousand units": a count, not money
        code = _CURRENCIES.get(
            "dollars" if cur and cur.group("post") == "bucks" else cur.group("post") if cur else ""
        )
        found.append(
            Found(
                m.start(),
                cur.end() if cur else m.end(),
                Amount(float(numbers.value(m.group())), code),
            )
        )
    return found


def _decimals_and_halves(flat: str) -> list[Found]:
    """ "two point five million" 2.5e6, "meio milhão" 5e5, "um milhão e meio" 1.5e6: read
    whole, before the runs of number words would read "five million" alone."""
    found: list[Found] = []
    for m in numbers.POINTED.finditer(flat):
        dec = numbers.value(m.group("dec"))
        number = numbers.value(m.group("whole")) + dec / 10 ** len(str(dec))
        found.append(
            Found(m.start(), m.end(), Amount(number * numbers.scale_of(m.group("scale"))))
        )
    for m in numbers.HALVES.finditer(flat):
        if m.group("half"):
            number = 0.5 * numbers.scale_of(m.group("half"))
        else:
            whole = m.group("whole") or m.group("whole2")
            scale = m.group("scale") or m.group("scale2")
            number = ((numbers.value(whole) if whole else 1) + 0.5) * numbers.scale_of(scale)
        found.append(Found(m.start(), m.end(), Amount(number)))
    return found


def read_amount(text: str) -> Amount | None:
    """A whole string read as one amount, the way the chat reads one ("250.000", "250.000,00",
    "R$ 250 mil", "1,5 mi"); unlike in a message, a bare number counts. None if it is not one.

    For the places that take only an amount (`ritmo teams target`), so "250.000" is never
    R$ 250 there while the chat reads it as R$ 250 000.
    """
    flat = " ".join(fold_chars(text).split())
    m = _AMOUNT.fullmatch(flat)
    if m is None:
        return None
    cur = m.group("pre") or m.group("sym") or m.group("post")
    mult = m.group("glued") or m.group("mult")
    value = parse_number(m.group("num")) * _MULTIPLIERS.get(mult or "", 1.0)
    return Amount(value, _CURRENCIES.get(cur or ""))
