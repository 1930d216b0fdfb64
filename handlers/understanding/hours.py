"""Reading a person's own working and quiet hours from a sentence ("meu horário é das 8 às 17",
"my hours are 9 to 6", "não me avise no almoço"). Pure: no store, no clock.

Only sentences that begin by talking about the person's hours are read, so a note that
mentions hours ("log call Acme: they work from 8 to 5") is never taken for a setting.
"""

from __future__ import annotations

import re

from handlers.understanding.text import fold_chars

_TIME = r"(\d{1,2})(?:\s*(?::|h)\s*(\d{2}))?\s*(am|pm|h|hs|horas)?"
_RANGE = rf"(?:das|de|from|between)?\s*{_TIME}\s*(?:as|a|ate|to|till|until|and|e|-)\s*{_TIME}"
_HOURS = re.compile(
    r"^(?:o\s+)?(?:meu\s+(?:horario(?:\s+de\s+trabalho)?|expediente)|eu\s+trabalho|trabalho"
    r"|my\s+(?:working\s+|work\s+|office\s+)?hours|i\s+work)\b[^0-9]*?" + _RANGE + r"\s*\.?$"
)
_QUIET = re.compile(
    r"^(?:por\s+favor,?\s+)?(?:nao\s+me\s+(?:avise|incomode|mande\s+(?:nada|mensagens?))"
    r"|sem\s+(?:avisos|mensagens|lembretes)|(?:please\s+)?don'?t\s+(?:notify|message|ping|bother)"
    r"\s+me|no\s+(?:messages|notifications|reminders))\b(.*)$"
)
_LUNCH = re.compile(r"\b(?:almoco|lunch(?:time)?)\b")
LUNCH = ("12:00", "13:00")


def _clock(hour: str | None, minute: str | None, suffix: str | None) -> int | None:
    """Minutes after midnight, or None when it isn't a time of day."""
    if hour is None:
        return None
    h, m = int(hour), int(minute or 0)
    if suffix == "pm" and h < 12:
        h += 12
    elif suffix == "am" and h == 12:
        h = 0
    return h * 60 + m if h < 24 and m < 60 else None


def _span(groups: tuple[str | None, ...]) -> tuple[str, str] | None:
    """Two clock times in order; '9 to 6' means 09:00-18:00 (nobody works nine hours back)."""
    start, end = _clock(*groups[:3]), _clock(*groups[3:])
    if start is None or end is None:
        return None
    if end <= start <= 12 * 60 and groups[5] is None and end < 12 * 60:
        end += 12 * 60
    if end <= start:
        return None
    return f"{start // 60:02d}:{start % 60:02d}", f"{end // 60:02d}:{end % 60:02d}"


def read_hours(text: str) -> dict[str, str] | None:
    """The preference columns a sentence about one's own hours sets, else None.

    Returns {"work_start", "work_end"} or {"quiet_start", "quiet_end"}; an empty dict when the
    sentence is about the person's hours but the times can't be read (the handler asks again).
    """
    folded = " ".join(fold_chars(text).split()).rstrip(" .!")
    hours = _HOURS.match(folded)
    if hours:
        span = _span(hours.groups())
        return {"work_start": span[0], "work_end": span[1]} if span else {}
    quiet = _QUIET.match(folded)
    if quiet is None:
        return None
    rest = quiet.group(1)
    if _LUNCH.search(rest):
        return {"quiet_start": LUNCH[0], "quiet_end": LUNCH[1]}
    times = re.search(_RANGE, rest)
    if times is None:
        return None
    span = _span(times.groups())
    return {"quiet_start": span[0], "quiet_end": span[1]} if span else {}
