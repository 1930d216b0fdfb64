"""Reading a sentence as an asker with a small book of names: the helpers every round of
understanding's unit tests shares (each round keeps a book of its own, names found nowhere
else, so a rule is proved on words it was not written from)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from handlers.understanding import Parsed, parse
from handlers.understanding.mentions import NameIndex

TODAY = date(2026, 12, 10)  # a Thursday, as in the corpus


def reader(book: NameIndex) -> Callable[..., Parsed]:
    """`read(text, locale="pt-BR")` against `book`: English askers write month/day."""

    def read(text: str, locale: str = "pt-BR") -> Parsed:
        return parse(text, TODAY, month_first=locale == "en", mentions=book.mentions(text))

    return read


def account(parsed: Parsed) -> str | None:
    """The one account the reading names, "?" when its hits name several, None for none."""
    if parsed.mention is None:
        return None
    names = {h.account_name for h in parsed.mention.hits}
    return names.pop() if len(names) == 1 else "?"


# The intents that answer with the book's data or write to it: an off-topic message read as
# one of these is the harmful miss (the rounds' tests assert it never happens).
ACTS = {
    "log",
    "task",
    "forecast",
    "team",
    "my_sales",
    "pipeline",
    "won",
    "lost",
    "deal_update",
    "stage_change",
    "agenda",
    "status",
}
