"""Dates, times and periods in pt-BR and English, resolved against a given `today`.

Nothing here reads the clock: callers pass `today`, which keeps every rule a pure function
that tests can pin. A date that does not exist ("31 de fevereiro") is reported, never guessed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from calendar import monthrange
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, time, timedelta
from typing import cast

from handlers.understanding import numbers
from handlers.understanding.numbers import DAY_WORDS
from handlers.understanding.prefilter import Group, finditer

WEEKDAYS = {
    "segunda": 0,
    "terca": 1,
    "quarta": 2,
    "quinta": 3,
    "sexta": 4,
    "sabado": 5,
    "domingo": 6,
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "thu": 3,
    "thurs": 3,
    "fri": 4,
}
MONTHS = {
    "janeiro": 1,
    "fevereiro": 2,
    "marco": 3,
    "abril": 4,
    "maio": 5,
    "junho": 6,
    "julho": 7,
    "agosto": 8,
    "setembro": 9,
    "outubro": 10,
    "novembro": 11,
    "dezembro": 12,
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
}
# Abbreviations are words too ("out", "set", "ago"), so they count only next to a day number.
MONTH_ABBREVIATIONS = {
    "jan": 1,
    "fev": 2,
    "feb": 2,
    "mar": 3,
    "abr": 4,
    "apr": 4,
    "mai": 5,
    "jun": 6,
    "jul": 7,
    "ago": 8,
    "aug": 8,
    "set": 9,
    "sep": 9,
    "sept": 9,
    "out": 10,
    "oct": 10,
    "nov": 11,
    "dez": 12,
    "dec": 12,
}

_MONTH_WORD = "|".join(sorted(MONTHS, key=len, reverse=True))
_ANY_MONTH = "|".join(sorted({**MONTHS, **MONTH_ABBREVIATIONS}, key=len, reverse=True))
_WEEKDAY_WORD = "|".join(sorted(WEEKDAYS, key=len, reverse=True))


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def as_json(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


@dataclass(frozen=True)
class DateHit:
    """A date or period found in the text. Weekdays differ by tense: "visitei sexta" is the
    last Friday, "ligar sexta" the next one, so both readings are kept until the intent is
    known."""

    start: int
    end: int
    future: date | Period | None
    past: date | Period | None = None
    impossible: str | None = None  # the offending text when the date does not exist
    rough: bool = False  # a day standing for part of a month ("fim de janeiro"): context

    def value(self, past: bool) -> date | Period | None:
        return (self.past or self.future) if past else self.future


@dataclass(frozen=True)
class TimeHit:
    start: int
    end: int
    value: time | None  # None: "25h" and other times that don't exist


def _week(today: date, offset_weeks: int) -> Period:
    monday = today - timedelta(days=today.weekday()) + timedelta(weeks=offset_weeks)
    return Period(monday, monday + timedelta(days=6))


def month_period(year: int, month: int) -> Period:
    return Period(date(year, month, 1), date(year, month, monthrange(year, month)[1]))


def _shift_month(today: date, offset: int) -> Period:
    index = today.year * 12 + today.month - 1 + offset
    return month_period(index // 12, index % 12 + 1)


def quarter_period(year: int, quarter: int) -> Period:
    first = 3 * (quarter - 1) + 1
    return Period(date(year, first, 1), month_period(year, first + 2).end)


def _shift_quarter(today: date, offset: int) -> Period:
    index = today.year * 4 + (today.month - 1) // 3 + offset
    return quarter_period(index // 4, index % 4 + 1)


def _year(today: date, offset: int) -> Period:
    return Period(date(today.year + offset, 1, 1), date(today.year + offset, 12, 31))


def next_weekday(today: date, weekday: int) -> date:
    """The next such weekday strictly after today ("sexta" said on a Friday is next week's)."""
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def last_weekday(today: date, weekday: int) -> date:
    return today - timedelta(days=(today.weekday() - weekday - 1) % 7 + 1)


_THIS = (
    r"(?:este|esta|esse|essa|neste|nesta|nesse|nessa|deste|desta|this|current|atual"
    r"|do|da|no|na)"
)
_NEXT = r"(?:proximo|proxima|prox|nxt|next|seguinte)"
_NEXT_WORDS = frozenset({"proximo", "proxima", "prox", "nxt", "next", "seguinte"})
_LAST = r"(?:passado|passada|ultimo|ultima|last|previous|anterior)"
# "na semana que vem" is next week, not "na semana" (this one) followed by two words.
_NOT_OTHER = r"(?! (?:que|q) vem\b| seguinte\b| passad[oa]\b| anterior\b)"

_PERIODS: list[tuple[re.Pattern[str], Callable[[date], date | Period]]] = [
    (
        re.compile(
            rf"\b(?:{_NEXT} semana|(?:semana|sem) (?:que|q) vem|semana seguinte|next wk"
            rf"|{_NEXT} week|the week after)\b"
        ),
        lambda d: _week(d, 1),
    ),
    (
        re.compile(
            r"\b(?:(?:no |ate o |ate |by (?:the )?|at (?:the )?)?(?:fim|final|fechamento)"
            r" do mes|end of (?:the )?month|eom)\b"
        ),
        lambda d: month_period(d.year, d.month).end,
    ),
    (re.compile(rf"\b(?:semana {_LAST}|{_LAST} semana|last week)\b"), lambda d: _week(d, -1)),
    (
        re.compile(
            rf"\b(?:{_THIS} semana{_NOT_OTHER}|semana atual|{_THIS} week|minha semana{_NOT_OTHER}"
            r"|my week|resto da semana|rest of (?:the|my|this) week)\b"
        ),
        lambda d: _week(d, 0),
    ),
    (re.compile(rf"\b(?:{_NEXT} (?:mes|month)|mes que vem)\b"), lambda d: _shift_month(d, 1)),
    (re.compile(rf"\b(?:mes {_LAST}|{_LAST} (?:mes|month))\b"), lambda d: _shift_month(d, -1)),
    (
        re.compile(rf"\b(?:{_THIS} (?:mes|month){_NOT_OTHER}|mes atual|mensal|monthly)\b"),
        lambda d: _shift_month(d, 0),
    ),
    (
        re.compile(rf"\b(?:{_NEXT} (?:trimestre|quarter)|trimestre que vem)\b"),
        lambda d: _shift_quarter(d, 1),
    ),
    (
        re.compile(rf"\b(?:trimestre {_LAST}|{_LAST} (?:trimestre|quarter))\b"),
        lambda d: _shift_quarter(d, -1),
    ),
    (
        re.compile(
            rf"\b(?:{_THIS} (?:trimestre|quarter){_NOT_OTHER}|trimestre atual|trimestral|quarterly)\b"
        ),
        lambda d: _shift_quarter(d, 0),
    ),
    (re.compile(rf"\b(?:{_NEXT} (?:ano|year)|ano que vem)\b"), lambda d: _year(d, 1)),
    (
        re.compile(rf"\b(?:{_THIS} (?:ano|year){_NOT_OTHER}|ano atual|anual|yearly)\b"),
        lambda d: _year(d, 0),
    ),
]

_DAY_END = r"(?:(?:end of (?:the )?day|eod|cob|(?:fim|final) do dia)(?: de| of)? )?"
_RELATIVE_DAYS: list[tuple[re.Pattern[str], int]] = [
    (re.compile(r"\b(?:depois de amanha|day after tomorrow)\b"), 2),
    (re.compile(r"\b(?:anteontem|antes de ontem|day before yesterday)\b"), -2),
    # "EOD yesterday", "fim do dia de amanhã": the end of that day, not of today
    (re.compile(rf"\b{_DAY_END}(?:amanha|amanh|tomorrow|tmrw|amn)\b"), 1),
    (re.compile(rf"\b{_DAY_END}(?:ontem|yesterday|yesterdays|last night|ontem a noite)\b"), -1),
    (
        re.compile(
            r"\b(?:hoje|today|todays|hj|tonight|hoje a noite|end of (?:the )?day|eod"
            r"|(?:fim|final) do dia|this morning|earlier today)\b"
        ),
        0,
    ),
]


def _one_alternation(patterns: list) -> re.Pattern[str]:
    """Several patterns scanned in one pass; `lastgroup` ("p3") says which one matched.

    Every pattern opens with a word boundary and a letter, so the scan tries the
    alternatives only where a word starts (trying them all at every character made this the
    costliest scan of a log's parse).
    """
    assert all(p.pattern.startswith(r"\b") for p, _ in patterns)
    groups = "|".join(f"(?P<p{i}>{p.pattern})" for i, (p, _) in enumerate(patterns))
    return re.compile(rf"\b(?=[a-z])(?:{groups})")


def _friday(today: date, offset_weeks: int) -> date:
    """The Friday of this week (0) or the next (1): the end of a working week. Said on a
    weekend, "end of the week" is the coming one's."""
    friday = _week(today, offset_weeks).start + timedelta(days=4)
    return friday if friday >= today else friday + timedelta(weeks=1)


def _first_working_day(start: date) -> date:
    """The first weekday on or after `start` that is no New Year's Day (Jan 1 is a holiday
    wherever ritmo is used)."""
    while start.weekday() >= 5 or (start.month, start.day) == (1, 1):
        start += timedelta(days=1)
    return start


def _yearly(today: date, month: int, day: int) -> date:
    """The next such day of the year on or after today ("antes do natal", "new year's day")."""
    this = date(today.year, month, day)
    return this if this >= today else date(today.year + 1, month, day)


def _next_year_start(today: date) -> date:
    return date(today.year + 1, 1, 1)


# Days named by a landmark of the calendar rather than by a number: a working week's end,
# a fortnight, a month's end, holidays, the first working day of what comes. One day each
# (a task's due date, a follow-up), never a span.
_XMAS = r"(?:natal|christmas|xmas)"
_FIRST_HOLIDAY = 4  # the landmarks from this index on are holidays (see find_word_dates)
_LANDMARKS: list[tuple[re.Pattern[str], Callable[[date], date]]] = [
    (
        re.compile(
            rf"\b(?:(?:no |ate o |ate )?(?:fim|final) d[ae] (?:{_NEXT} semana|semana (?:que|q) vem)"
            rf"|(?:the )?end of (?:the )?next (?:week|wk))\b"
        ),
        lambda d: _friday(d, 1),
    ),
    (
        re.compile(
            r"\b(?:(?:no |ate o |ate )?(?:fim|final) da semana(?! (?:que|q) vem| passada)"
            r"|(?:the )?end of (?:the |this )?(?:week|wk)|eow)\b"
        ),
        lambda d: _friday(d, 0),
    ),
    (
        re.compile(
            rf"\b(?:(?:no |ate o |ate )?(?:fim|final) do (?:{_NEXT} mes|mes (?:que|q) vem)"
            rf"|(?:the )?end of (?:the )?next month)\b"
        ),
        lambda d: _shift_month(d, 1).end,
    ),
    (
        re.compile(
            r"\b(?:(?:in|em|daqui a|daqui|dentro de) )?(?:a |uma )?(?:fortnight|quinzena)\b"
        ),
        lambda d: d + timedelta(days=14),
    ),
    (
        re.compile(
            rf"\b(?:(?:antes|before|ate|by|till|until) (?:do |o |a )?{_XMAS}(?: day)?"
            rf"|vespera de {_XMAS}|christmas eve|xmas eve)\b"
        ),
        lambda d: _yearly(d, 12, 24),
    ),
    (
        re.compile(r"\b(?:christmas day|xmas day|on christmas|(?:no|pro|para o|dia de) natal)\b"),
        lambda d: _yearly(d, 12, 25),
    ),
    (
        re.compile(r"\b(?:new years eve|reveillon|vespera de ano novo)\b"),
        lambda d: _yearly(d, 12, 31),
    ),
    (
        re.compile(
            r"\b(?:(?:primeiro|(?:no|ate o|o) 1o) dia util (?:do ano(?: que vem| q vem)?|de janeiro)"
            r"|first (?:business|working|work) day of (?:the |next )?(?:new )?year"
            r"|first (?:business|working|work) day in january)\b"
        ),
        lambda d: _first_working_day(_next_year_start(d) if d.month > 1 or d.day > 1 else d),
    ),
    (
        re.compile(
            rf"\b(?:(?:primeiro|(?:no|ate o|o) 1o) dia util do (?:{_NEXT} mes|mes (?:que|q) vem)"
            r"|first (?:business|working|work) day of (?:the )?next month)\b"
        ),
        lambda d: _first_working_day(_shift_month(d, 1).start),
    ),
    (
        re.compile(r"\b(?:new years day|new years|(?:no |do |pro )?ano novo|1o do ano)\b"),
        lambda d: _next_year_start(d) if (d.month, d.day) != (1, 1) else d,
    ),
]
# A weekday of the week before or after this one: "wednesday of last week", "terça da semana
# passada", "tuesday next week", "quinta da semana que vem".
_WEEKDAY_OF_WEEK = re.compile(
    rf"\b(?:on )?(?P<day>{_WEEKDAY_WORD})(?:\s+feira)?\s+(?:(?:of|from|da|na|in) )?(?:the )?"
    rf"(?:(?P<last>last week|previous week|week before|semana {_LAST}|{_LAST} semana)"
    rf"|(?P<next>next week|{_NEXT} semana|semana (?:que|q) vem|semana seguinte))\b"
)
# The same, the week said first: "semana passada, na quinta", "last week on wednesday".
_WEEK_THEN_WEEKDAY = re.compile(
    rf"\b(?:(?P<last>last week|previous week|semana {_LAST}|{_LAST} semana)"
    rf"|(?P<next>next week|{_NEXT} semana|semana (?:que|q) vem))[,.]?\s+(?:(?:on|na|no) )?"
    rf"(?P<day>{_WEEKDAY_WORD})\b"
)
# Two weekdays as a span, the week said after ("mon-wed next week", "de seg a qua", "tue thru
# thu"): the first day and the last of that week, not the first alone. The hyphen is gone from
# the normalised text, so two weekdays side by side are a span too ("mon wed next week"), never
# when a third follows ("mon wed fri" is three days).
_SPAN_DAY = rf"(?:{_WEEKDAY_WORD}|seg|ter|qua|qui|sex|sab|dom|wed|weds|sat|sun)"
_WEEKDAY_SPAN = re.compile(
    rf"\b(?:(?:de|from|entre|on|da|na|no)\s+)?(?P<a>{_SPAN_DAY})(?:\s+feira)?\s+"
    r"(?:(?:to|thru|through|till|until|a|ate|ao|à)\s+)?"
    rf"(?P<b>{_SPAN_DAY})(?:\s+feira)?\b(?!\s+(?:e\s+|and\s+)?{_SPAN_DAY}\b)"
    rf"(?:\s+(?:(?:of|da|in)\s+)?(?:the\s+)?(?:(?P<last>last week|semana passada|semana {_LAST})"
    rf"|(?P<next>next week|semana (?:que|q) vem|{_NEXT} semana)))?"
)


def _weekday_spans(norm: str, today: date) -> list[DateHit]:
    """The first and last day of each span of weekdays (_WEEKDAY_SPAN) in `norm`."""
    hits: list[DateHit] = []
    for m in finditer(_WEEKDAY_SPAN, norm):
        a = WEEKDAYS.get(m.group("a"), SHORT_WEEKDAYS.get(m.group("a"), -1))
        b = WEEKDAYS.get(m.group("b"), SHORT_WEEKDAYS.get(m.group("b"), -1))
        if not 0 <= a < b:
            continue  # "sex seg" or the same day twice: no span of one week
        ahead: date
        behind: date | None
        if m.group("next") or m.group("last"):
            ahead = _week(today, -1 if m.group("last") else 1).start + timedelta(days=a)
            behind = ahead if m.group("last") else None
        else:
            ahead, behind = next_weekday(today, a), last_weekday(today, a)
        for at, end, day in ((m.start(), m.end("a"), 0), (m.start("b"), m.end(), b - a)):
            shift = timedelta(days=day)
            hits.append(DateHit(at, end, ahead + shift, behind + shift if behind else None))
    return hits


_ANY_PERIOD = _one_alternation(_PERIODS)
_ANY_LANDMARK = _one_alternation(_LANDMARKS)
_ANY_RELATIVE = _one_alternation(_RELATIVE_DAYS)

_COUNT = (
    r"\d{1,3}|um|uma|dois|duas|tres|quatro|cinco|seis|sete|oito|nove|dez|quinze|vinte|trinta"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|a"
)
_IN_N = re.compile(
    rf"\b(?:em|in|daqui a|daqui|dentro de)\s+(?:uns\s+|umas\s+|about\s+)?(?P<n>{_COUNT})\s+"
    r"(?P<unit>dias?|days?|semanas?|weeks?|mes|meses|months?)\b"
)
_N_AGO = re.compile(
    r"\b(?:ha\s+)?(?P<n>\d{1,3})\s+(?P<unit>dias?|days?|semanas?|weeks?)\s+(?:atras|ago)\b"
    r"|\bha\s+(?P<n2>\d{1,3})\s+(?P<unit2>dias?|semanas?)\b"
)
# "segunda" before what is counted is the ordinal: "uma segunda demo", "a segunda reunião",
# "segunda vez" are a second one, not Monday's (the weekday comes after its noun).
_SECOND_OF = (
    r"(?!(?<=segunda) (?:demo|demonstracao|reuniao|visita|proposta|vez|rodada|opcao|versao"
    r"|fase|etapa|parte|chance|call|ligacao|conversa|apresentacao|cotacao|amostra|tentativa"
    r"|via|mao|pessoa|empresa|unidade|loja|filial|compra|pedido|parcela|turma|onda|leva)\b)"
)
_WEEKDAY = re.compile(
    rf"\b(?:(?P<next>{_NEXT}|this|esta|nesta|na|no|on)\s+)?(?P<day>{_WEEKDAY_WORD}){_SECOND_OF}"
    rf"(?:\s+feira)?(?:\s+(?P<after>que vem|q vem|{_LAST}))?\b"
)
# Short weekday names are words too ("ter" is "to have", "sex", "sun"): they count only after
# a word that announces a day, or before "feira" / "que vem"; "2a feira" is Monday.
SHORT_WEEKDAYS = {
    "seg": 0,
    "ter": 1,
    "qua": 2,
    "qui": 3,
    "sex": 4,
    "sab": 5,
    "dom": 6,
    "wed": 2,
    "sat": 5,
    "sun": 6,
    "weds": 2,
    "qta": 2,  # "qta q vem": chat's quarta (quinta is written "qui" or "qnt")
}
_ORDINAL_WEEKDAYS = {"2": 0, "3": 1, "4": 2, "5": 3, "6": 4}
_SHORT_WEEKDAY = re.compile(
    r"\b(?:(?P<lead>na|no|ate|dia|pra|para|de|on|by|next|prox|proxima|proximo|essa|nessa|esta"
    r"|nesta|this|until|till|for|retornar|retorno|ligar|voltar|volto|visitar|mandar|enviar|cobrar"
    r"|reuniao|visita|folga|fora|again|dnv|novamente|(?<=de )novo"
    # right after a name of the book (parse's mark for it): "visited rede farma wed, ...",
    # "visitei a X seg": the days that are no other word ("ter" is to have, "sun" a name)
    r"|qqnome(?=\s+(?:seg|qua|qta|qui|wed|weds|sat)\b)"
    # the day of a reminder asked: "remind me wed to call X", "me lembra qua de ligar"
    r"|remind me|nudge me|ping me|lembra|lembrar|cobra|me cobrar"
    r"|(?<=(?:seg|ter|qua|qui|sex|sab|dom) )(?:a|e))"  # "de seg a qua"
    r"\s+(?:(?P<day>seg|ter|qua|qta|qui|sex|sab|dom|wed|weds|sat|sun)|(?P<ord1>[2-6])a)"
    r"|(?P<day2>seg|ter|qua|qta|qui|sex|sab|dom)\s+(?=feira|que vem|q vem|passad[oa]\b)"
    r"|(?P<ord>[2-6])a?\s+feira)\b(?:\s+feira)?(?:\s+(?:(?P<after>que vem|q vem)"
    r"|(?P<before>passad[oa])))?"
)
# A short weekday that ends the message after a verb of what to do ("voltar c contrato seg"):
# the day to do it, though no preposition stands right before it.
_TRAILING_SHORT_WEEKDAY = re.compile(
    r"\b(?:ligar|liga|voltar|volta|retornar|retorno|mandar|manda|enviar|visitar|cobrar"
    r"|marcar|passar|levo|levar|passo)\b(?: \w+){0,4} (?:(?P<day>seg|ter|qua|qta|qui|sex)|(?P<ord>[2-6])a)$"
)
# "dia 15", "no dia 3", "on the 20th": the day of a month that the tense picks.
# ("dia quinze", "dia vinte e dois": dictation spells the day out)
_DAY_WORD = "(?:vinte|trinta) e (?:um|dois|tres|quatro|cinco|seis|sete|oito|nove)|" + "|".join(
    sorted(DAY_WORDS, key=len, reverse=True)
)
_DAY_N = re.compile(
    rf"\b(?:dia|on the|the)\s+(?P<d>\d{{1,2}}|(?<=dia )(?:{_DAY_WORD})"
    rf"|(?<=the )(?:{numbers.ORDINAL_DAY}))"
    # "the 16th 3pm" goes on with an hour, not another number of the date
    rf"(?:st|nd|rd|th|o)?\b(?!\s*(?:/|\d(?!\d?\s*(?:am|pm|h\b|h\d|:))|de\s+(?:{_ANY_MONTH})\b|mil\b"
    rf"|e\s+(?:\d+|{_DAY_WORD})\b))"  # "dia 23 e volto …" is the 23rd; "dia 20 e 21" two days
)
_DIGIT = re.compile(r"\d")
# "friday the 18th", "sexta dia 18": the day of the month says which Friday.
_WEEKDAY_DAY = re.compile(
    rf"\b(?:{_WEEKDAY_WORD}|seg|ter|qua|qui|sex|sab|dom|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)"
    rf"(?:\s+feira)?\s+(?:(?:the|dia)\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th|o)?"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th))\b(?!\s*(?:/|\d|de\s+(?:{_ANY_MONTH})\b))"
)
_LAST_WEEKDAY = re.compile(rf"\b(?:{_LAST}|last)\s+(?P<day>{_WEEKDAY_WORD})(?:\s+feira)?\b")
_DAY_MONTH = re.compile(
    # "10 de março", and said aloud: "dia dez de março", "vinte e dois de dezembro"
    rf"\b(?P<d>\d{{1,2}}|(?:{_DAY_WORD})(?=\s+de\s)|{numbers.ORDINAL_DAY}(?=\s+of\s))"
    rf"(?:o|st|nd|rd|th)?\s+(?:de\s+|of\s+)?(?P<m>{_ANY_MONTH})"
    r"(?:\s+(?:de\s+)?(?P<y>\d{4}))?\b"
)
_MONTH_DAY = re.compile(
    rf"\b(?P<m>{_ANY_MONTH})\s+(?:dia\s+|the\s+)?(?P<d>\d{{1,2}}|{numbers.ORDINAL_DAY})"
    r"(?:st|nd|rd|th)?(?:\s+(?P<y>\d{4}))?\b"
)
_DAY_RANGE = re.compile(
    rf"\b(?:de|from|entre|between|do dia)?\s*(?P<d1>\d{{1,2}})\s+(?:a|ate|to|e|and|-)\s+"
    rf"(?P<d2>\d{{1,2}})(?:o|st|nd|rd|th)?\s+(?:de\s+)?(?P<m>{_ANY_MONTH})"
    r"(?:\s+(?:de\s+)?(?P<y>\d{4}))?\b"
)
_IN_MONTH = re.compile(
    rf"\b(?:em|in|de|do|no|para|for|ate|until|by|durante|during)\s+(?P<m>{_MONTH_WORD})"
    r"(?:\s+(?:de\s+)?(?P<y>\d{4}))?\b(?!\s+(?:dia\s+)?\d)"
)
# After "end of" a month's abbreviation is one ("end of feb"); "out", "ago", "set" stay words.
_PART_MONTH = "|".join(
    sorted(
        [*MONTHS, *(a for a in MONTH_ABBREVIATIONS if a not in ("out", "ago", "set"))],
        key=len,
        reverse=True,
    )
)
# A part of a named month: "end of feb", "fim de fevereiro", "início de março", "mid january".
_MONTH_PART = re.compile(
    rf"\b(?:(?P<end>(?:the )?end of|(?:no |ate o |ate )?(?:fim|final) de|late)"
    rf"|(?P<start>(?:the )?(?:beginning|start) of|early|(?:no )?(?:comeco|inicio) de)"
    rf"|(?P<mid>mid|(?:the )?middle of|(?:em )?meados de|(?:no )?meio de))\s+(?P<m>{_PART_MONTH})"
    r"(?:\s+(?:de\s+)?(?P<y>\d{4}))?\b(?!\s+(?:dia\s+)?\d)"
)
_QUARTER = re.compile(
    r"\b(?:q(?P<q>[1-4])|(?P<q2>[1-4])o? trimestre)(?:\s+(?:de\s+)?(?P<y>\d{4}))?\b"
)

# On folded text with punctuation: 31/12, 31/12/2026, 2026-12-31.
_NUMERIC = re.compile(
    r"(?<![\d/.,-])(?:(?P<iy>\d{4})-(?P<im>\d{1,2})-(?P<id>\d{1,2})"
    r"|(?P<a>\d{1,2})[/-](?P<b>\d{1,2})(?:[/-](?P<y>\d{4}|\d{2}))?)(?![\d/])"
)
# The opening look-ahead only says what any match starts with ("as", "at", "@", "by", "ate" or
# a digit): the scan tries the rest at those places only.
_TIME = re.compile(
    r"(?=[ab@\d])"
    r"(?:\b(?:as|a|at|@|ate|by)\s*)?(?<![\d/.,:])(?:(?P<h>\d{1,2})(?::(?P<m>\d{2})|h(?P<hm>\d{2})?"
    r"(?:rs|oras)?)\b|(?P<ph>\d{1,2})(?::(?P<pm_m>\d{2}))?\s*(?P<ampm>am|pm|a\.m\.|p\.m\.))"
)
_NOON = re.compile(r"\b(?:ao |at )?(?P<w>meio dia|meio-dia|noon)\b")
# A time said aloud: "às dez", "às duas da tarde", "3 da tarde", "at ten", "ten am", "às 9 e
# meia". A bare number after "às"/"at" counts only where nothing is counted after it ("as 10
# caixas" is an article and a count), and an hour from one to six with no part of the day said
# is in the afternoon (nobody books a client at 2 a.m.).
_HOUR_WORDS = {
    "uma": 1,
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
}
_HOUR = "|".join(sorted(_HOUR_WORDS, key=len, reverse=True))
_SAID_TIME = re.compile(
    rf"\b(?:(?:as|at) (?P<h>\d{{1,2}}|{_HOUR})|(?P<h2>\d{{1,2}}|{_HOUR})(?= (?:da|de) "
    r"(?:manha|tarde|noite))|(?P<h3>" + _HOUR + r")(?= ?(?:am|pm)\b))"
    r"(?: (?:e|and) (?P<half>meia|quinze|trinta|half|fifteen|thirty)| (?P<tens>thirty|fifteen))?"
    r"(?: (?:da|de) (?P<part>manha|tarde|noite)| ?(?P<ampm>am|pm)\b| o ?clock\b)?"
    r"(?=\s*(?:$|[,.;:!?)]|\s(?:com|c|na|no|em|pra|para|pro|with|for|on|in|at|amanha|hoje"
    r"|tomorrow|today|e|and|ok|ta|beleza|horas?|hrs?)\b))"
)
_HALVES = {"meia": 30, "half": 30, "trinta": 30, "thirty": 30, "quinze": 15, "fifteen": 15}


def _said_times(flat: str) -> list[TimeHit]:
    hits = []
    for m in _SAID_TIME.finditer(flat):
        said = m.group("h") or m.group("h2") or m.group("h3")
        hour = int(said) if said.isdigit() else _HOUR_WORDS[said]
        minute = _HALVES.get(m.group("half") or m.group("tens") or "", 0)
        part, ampm = m.group("part"), m.group("ampm")
        if (part in ("tarde", "noite") or ampm == "pm") and hour < 12:
            hour += 12
        elif ampm == "am" and hour == 12:
            hour = 0
        elif part is None and ampm is None and 1 <= hour <= 6:
            hour += 12
        ok = hour < 24
        hits.append(TimeHit(m.start(), m.end(), time(hour, minute) if ok else None))
    return hits


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _month_number(word: str) -> int:
    return MONTHS.get(word) or MONTH_ABBREVIATIONS[word]


def find_numeric_dates(flat: str, today: date, month_first: bool = False) -> list[DateHit]:
    """Dates written with digits, on text folded by text.fold_chars (punctuation kept)."""
    hits = []
    for m in finditer(_NUMERIC, flat):
        if m.group("iy"):
            y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
        else:
            a, b = int(m.group("a")), int(m.group("b"))
            d, mo = (b, a) if month_first and b <= 31 and a <= 12 else (a, b)
            if mo > 12 and d <= 12:
                d, mo = mo, d
            y = int(m.group("y") or today.year)
            y = y + 2000 if y < 100 else y
        value = _make(y, mo, d) if mo <= 12 else None
        if value is None:
            hits.append(DateHit(m.start(), m.end(), None, impossible=m.group()))
        elif m.group("iy") or m.group("y"):
            hits.append(DateHit(m.start(), m.end(), value))
        else:  # no year: the next such day ahead, the last one behind (tense decides)
            hits.append(DateHit(m.start(), m.end(), *around(today, mo, d)))
    return hits


def around(today: date, month: int, day: int) -> tuple[date | None, date | None]:
    """(next, last): the next such day on or after today and the last on or before it; in
    December "12/01" ahead is next January, "08/12" behind is this month."""
    ahead = _make(today.year, month, day)
    if ahead is not None and ahead < today:
        ahead = _make(today.year + 1, month, day)
    behind = _make(today.year, month, day)
    if behind is not None and behind > today:
        behind = _make(today.year - 1, month, day)
    return ahead, behind


def _day_of_month(today: date, day: int) -> tuple[date | None, date | None]:
    ahead = _make(today.year, today.month, day)
    if ahead is None or ahead < today:
        nxt = _shift_month(today, 1).start
        ahead = _make(nxt.year, nxt.month, day)
    behind = _make(today.year, today.month, day)
    if behind is None or behind > today:
        prev = _shift_month(today, -1).start
        behind = _make(prev.year, prev.month, day)
    return ahead, behind


def find_times(flat: str) -> list[TimeHit]:
    hits = []
    for m in _TIME.finditer(flat):
        if m.group("h") is not None:
            hour, minute = int(m.group("h")), int(m.group("m") or m.group("hm") or 0)
        else:
            hour, minute = int(m.group("ph")), int(m.group("pm_m") or 0)
            if hour > 12:
                hits.append(TimeHit(m.start(), m.end(), None))
                continue
            hour = hour % 12 + (12 if m.group("ampm").startswith("p") else 0)
        ok = hour < 24 and minute < 60
        hits.append(TimeHit(m.start(), m.end(), time(hour, minute) if ok else None))
    for m in finditer(_NOON, flat):
        hits.append(TimeHit(m.start(), m.end(), time(12, 0)))
    if _may_say_a_time(flat):
        hits += [h for h in _said_times(flat) if not any(_overlap(h, k) for k in hits)]
        hits.sort(key=lambda h: h.start)
    return hits


def _may_say_a_time(flat: str) -> bool:
    """A cheap look for the words a time said aloud needs, before the pattern's scan."""
    padded = f" {flat} "
    for word in _TIME_SAID_WORDS:  # a loop, not any(): no generator made per message
        if word in padded:
            return True
    return False


_TIME_SAID_WORDS = (" as ", " at ", " manha", " tarde", " noite", " am ", " pm ")


def _overlap(a: TimeHit, b: TimeHit) -> bool:
    return a.start < b.end and b.start < a.end


# The word-date scans of every message, gated in one look (most find nothing).
_WORD_DATES = Group(
    _ANY_PERIOD,
    _ANY_RELATIVE,
    _IN_N,
    _N_AGO,
    _LAST_WEEKDAY,
    _WEEKDAY,
    _SHORT_WEEKDAY,
    _TRAILING_SHORT_WEEKDAY,
    _DAY_N,
    _DAY_RANGE,
    _DAY_MONTH,
    _MONTH_DAY,
    _MONTH_PART,
    _IN_MONTH,
    _QUARTER,
    _ANY_LANDMARK,
    _WEEKDAY_OF_WEEK,
    _WEEK_THEN_WEEKDAY,
)


# A bare number after "pra"/"to" in a message about a close date ("muda a data da X pra 18",
# "joguei a data pra 18", "close date to 22"): the day of the month it moves to. Looked for
# only when such a word is said (most messages have none).
_TO_DAY = re.compile(
    r"\b(?:data|fechamento|close|closing)\b.*?\b(?<!baixou )(?<!caiu )(?<!subiu )(?<!foi )(?P<to>pra|para|pro|to) (?P<d>[12]\d|3[01]|[1-9])"
    r"\b(?!\s*(?:[/:%x]|[.,]\d|mil\b|k\b|de\s|dias?\b|days?\b|semanas?\b|weeks?\b|meses\b"
    r"|months?\b|h\b|am\b|pm\b|horas?\b|hours?\b))"
)
_TO_DAY_WORDS = ("data", "fechamento", "clos")


def _days_moved_to(norm: str, today: date) -> list[DateHit]:
    for word in _TO_DAY_WORDS:  # a loop, not any(): no generator made per message
        if word in norm:
            break
    else:
        return []
    m = _TO_DAY.search(norm)
    if m is None:
        return []
    ahead, behind = _day_of_month(today, int(m.group("d")))
    return [DateHit(m.start("to"), m.end(), ahead, behind)] if ahead or behind else []


def find_word_dates(norm: str, today: date) -> list[DateHit]:
    """Dates and periods written in words, on normalised text (text.normalize)."""
    hits: list[DateHit] = _weekday_spans(norm, today)  # first: the span over its days
    scans = _WORD_DATES.finditers(norm)
    for m in scans[0]:
        # Every alternative is a named group, so a match always has a lastgroup.
        build = _PERIODS[int(cast(str, m.lastgroup)[1:])][1]
        hits.append(DateHit(m.start(), m.end(), build(today)))
    for m in scans[1]:
        days = _RELATIVE_DAYS[int(cast(str, m.lastgroup)[1:])][1]
        hits.append(DateHit(m.start(), m.end(), today + timedelta(days=days)))
    for m in scans[2]:
        said = m.group("n")
        count = int(said) if said.isdigit() else 1 if said == "a" else numbers.value(said)
        hits.append(DateHit(m.start(), m.end(), _add(today, count, m.group("unit"))))
    for m in scans[3]:
        n, unit = (
            (m.group("n"), m.group("unit")) if m.group("n") else (m.group("n2"), m.group("unit2"))
        )
        hits.append(DateHit(m.start(), m.end(), _add(today, -int(n), unit)))
    for m in scans[4]:
        hits.append(DateHit(m.start(), m.end(), last_weekday(today, WEEKDAYS[m.group("day")])))
    for m in scans[5]:
        weekday = WEEKDAYS[m.group("day")]
        future, past = next_weekday(today, weekday), last_weekday(today, weekday)
        if (m.group("after") or "") not in ("", "que vem", "q vem"):
            future = past
        elif (
            m.group("next") == "next" or m.group("after")
        ) and future.weekday() > today.weekday():
            # "next friday", "sexta que vem" on a Thursday: the one after tomorrow's
            future += timedelta(days=7)
        ahead_only = m.group("after") in ("que vem", "q vem") or m.group("next") in _NEXT_WORDS
        # "next tue", "sexta que vem": only ever ahead
        hits.append(DateHit(m.start(), m.end(), future, None if ahead_only else past))
    for m in scans[6]:
        if m.group("ord") or m.group("ord1"):
            weekday = _ORDINAL_WEEKDAYS[m.group("ord") or m.group("ord1")]
        else:
            weekday = SHORT_WEEKDAYS[m.group("day") or m.group("day2")]
        start = (
            m.start("day") if m.group("day") else m.start("ord1") if m.group("ord1") else m.start()
        )  # "volto na 4a": the 4th weekday, Wednesday
        future = next_weekday(today, weekday)
        if m.group("before"):  # "seg passada": the one gone by, as "segunda passada"
            future = last_weekday(today, weekday)
        elif (
            m.group("after") or m.group("lead") == "next"
        ) and future.weekday() > today.weekday():
            future += timedelta(days=7)  # "sex que vem" on a Thursday, as "sexta que vem"
        ahead_only = bool(m.group("after")) or m.group("lead") in _NEXT_WORDS
        hits.append(
            DateHit(start, m.end(), future, None if ahead_only else last_weekday(today, weekday))
        )
    for m in scans[7]:
        day = m.group("day")
        weekday = SHORT_WEEKDAYS[day] if day else _ORDINAL_WEEKDAYS[m.group("ord")]
        future = next_weekday(today, weekday)
        start = m.start("day") if day else m.start("ord")
        hits.append(DateHit(start, m.end(), future, last_weekday(today, weekday)))
    for m in scans[8]:
        day = m.group("d")
        number = numbers.day_number(day)
        ahead, behind = _day_of_month(today, number)
        if ahead is None and behind is None:
            hits.append(DateHit(m.start(), m.end(), None, impossible=m.group()))
        else:
            hits.append(DateHit(m.start(), m.end(), ahead, behind))
    for m in finditer(_WEEKDAY_DAY, norm) if _DIGIT.search(norm) else ():
        ahead, behind = _day_of_month(today, int(m.group("d") or m.group("d2")))
        if ahead is not None or behind is not None:
            hits.append(DateHit(m.start(), m.end(), ahead, behind))
    hits += _calendar_dates(scans[9:15], today)
    hits += _days_moved_to(norm, today)
    for m in scans[15]:
        index = int(cast(str, m.lastgroup)[1:])
        on = _LANDMARKS[index][1](today)
        # A holiday is the time of year more than a day to act on ("entrega antes do natal"):
        # a day said beside it is the one meant.
        hits.append(DateHit(m.start(), m.end(), on, rough=index >= _FIRST_HOLIDAY))
    for m in (*scans[16], *scans[17]):
        week = _week(today, -1 if m.group("last") else 1)
        on = week.start + timedelta(days=WEEKDAYS[m.group("day")])
        hits.append(DateHit(m.start(), m.end(), on, on if m.group("last") else None))
    return hits


def _add(today: date, n: int, unit: str) -> date:
    if unit.startswith(("sem", "week")):
        return today + timedelta(weeks=n)
    if unit.startswith(("mes", "month")):
        index = today.year * 12 + today.month - 1 + n
        year, month = index // 12, index % 12 + 1
        return date(year, month, min(today.day, monthrange(year, month)[1]))
    return today + timedelta(days=n)


def _calendar_dates(
    scans: list[Iterator[re.Match[str]] | tuple[()]], today: date
) -> list[DateHit]:
    """Dates said with a month, from the scans of _DAY_RANGE, _DAY_MONTH, _MONTH_DAY,
    _MONTH_PART, _IN_MONTH and _QUARTER (in that order) over the text."""
    hits = []
    for m in scans[0]:  # "de 10 a 20 de dezembro", "from 10 to 20 dec"
        month, year = _month_number(m.group("m")), int(m.group("y") or today.year)
        if not m.group("y") and month < today.month:
            year += 1  # a range said without a year is ahead: "de 5 a 9 de janeiro" in December
        first, last = (_make(year, month, int(m.group(k))) for k in ("d1", "d2"))
        if first is not None and last is not None and last < first:
            # "de 21 a 8 de janeiro": the month named is the last day's; the first is before
            y, mo = (year, month - 1) if month > 1 else (year - 1, 12)
            first = _make(y, mo, first.day)
            if first is not None and first < today and not m.group("y"):
                first = None  # never a span that began in the past without saying so
        if first is None or last is None or last < first:
            hits.append(DateHit(m.start(), m.end(), None, impossible=m.group().strip()))
        else:
            hits.append(DateHit(m.start(), m.end(), Period(first, last)))
    for scan in scans[1:3]:
        for m in scan:
            day = numbers.day_number(m.group("d"))
            month = _month_number(m.group("m"))
            value = _make(int(m.group("y") or today.year), month, day)
            bad = None if value else m.group()
            if value is not None and not m.group("y"):
                # No year: "visitei dia 5 de dezembro" in November is last year's; "ligar 12
                # de janeiro" in December is next year's.
                hits.append(DateHit(m.start(), m.end(), *around(today, month, day)))
                continue
            hits.append(DateHit(m.start(), m.end(), value, impossible=bad))
    for m in scans[3]:  # one day: a close date or a task's, never a month
        month = MONTHS.get(m.group("m")) or MONTH_ABBREVIATIONS[m.group("m")]
        year = int(m.group("y") or (today.year if month >= today.month else today.year + 1))
        span = month_period(year, month)
        on = (
            span.end
            if m.group("end")
            else span.start
            if m.group("start")
            else span.start + timedelta(days=14)
        )
        hits.append(DateHit(m.start(), m.end(), on, rough=True))
    for m in scans[4]:
        month = MONTHS[m.group("m")]
        if m.group("y"):
            hits.append(DateHit(m.start(), m.end(), month_period(int(m.group("y")), month)))
            continue
        # no year: the next such month ahead ("fecha em março"), the last one looking back
        # ("o que ganhamos em março" in December is this March)
        ahead = month_period(today.year if month >= today.month else today.year + 1, month)
        behind = month_period(today.year if month <= today.month else today.year - 1, month)
        hits.append(DateHit(m.start(), m.end(), ahead, behind))
    for m in scans[5]:
        quarter = int(m.group("q") or m.group("q2"))
        if m.group("y"):
            this = quarter_period(int(m.group("y")), quarter)
            hits.append(DateHit(m.start(), m.end(), this))
            continue
        this = quarter_period(today.year, quarter)
        ahead = this if this.end >= today else quarter_period(today.year + 1, quarter)
        behind = this if this.start <= today else quarter_period(today.year - 1, quarter)
        hits.append(DateHit(m.start(), m.end(), ahead, behind))
    return hits


def without_overlaps(hits: list) -> list:
    """Keep the longest hit where several overlap ("sexta que vem" over "sexta")."""
    starts: list[int] = []  # the kept hits, disjoint and in order: only the neighbours of a
    kept: list = []  # new one can overlap it (one scan of all per hit cost the square)
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        i = bisect_right(starts, hit.start)
        if (i == 0 or kept[i - 1].end <= hit.start) and (
            i == len(kept) or hit.end <= kept[i].start
        ):
            starts.insert(i, hit.start)
            kept.insert(i, hit)
    return kept
