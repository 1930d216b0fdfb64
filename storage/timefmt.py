"""How times and dates are written to and read from the store (UTC ISO-8601 text).

Text in one fixed format sorts chronologically, so range queries and indexes on time columns
work without conversion.
"""

from __future__ import annotations

from datetime import UTC, date, datetime


def to_db(moment: datetime) -> str:
    """An aware datetime as UTC text, second precision."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime given to the store; pass an aware one")
    if moment.tzinfo is not UTC:  # most times are already UTC: skip the conversion
        moment = moment.astimezone(UTC)
    return moment.replace(microsecond=0).isoformat()


def from_db(text: str | None) -> datetime | None:
    """Text from the store back to an aware UTC datetime."""
    if text is None:
        return None
    parsed = datetime.fromisoformat(text)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def date_to_db(day: date | None) -> str | None:
    return day.isoformat() if day else None


def date_from_db(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None
