"""How times and dates are written to and read from the store (UTC ISO-8601 text).

Text in one fixed format sorts chronologically, so range queries and indexes on time columns
work without conversion.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import overload

# The last conversion: a write formats the same "now" for its row, its audit row and often
# its occurred_at (three conversions of ~2 us each on the hottest write). One (moment, text)
# pair, replaced whole, so threads sharing it can only miss, never read half of it.
_LAST: tuple[datetime, str] | None = None


def to_db(moment: datetime) -> str:
    """An aware datetime as UTC text, second precision."""
    global _LAST
    last = _LAST
    if last is not None and last[0] is moment:
        return last[1]
    if moment.tzinfo is None:
        raise ValueError("naive datetime given to the store; pass an aware one")
    utc = moment if moment.tzinfo is UTC else moment.astimezone(UTC)  # most are UTC already
    text = utc.replace(microsecond=0).isoformat()
    _LAST = (moment, text)
    return text


@overload
def from_db(text: str) -> datetime: ...
@overload
def from_db(text: None) -> None: ...
@overload
def from_db(text: str | None) -> datetime | None: ...
def from_db(text: str | None) -> datetime | None:
    """Text from the store back to an aware UTC datetime (None stays None, so a NOT NULL
    column reads as a datetime to the type checker)."""
    if text is None:
        return None
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def date_to_db(day: date | None) -> str | None:
    return day.isoformat() if day else None


def date_from_db(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
