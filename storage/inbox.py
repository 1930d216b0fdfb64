"""The inbox: every incoming platform event, journaled before it is acknowledged.

Keyed by (platform, event id), so a redelivered update or a Slack retry is stored once; rows stay
`pending` until handled, so a crash between acknowledging and handling re-handles them on restart.

An event that can't be stored as it came (valid JSON can carry text that UTF-8 can't encode, such
as a lone UTF-16 surrogate) is quarantined instead of failing its batch: kept as ASCII-escaped
JSON, which always fits, in state `failed`. A row whose handling keeps failing ends there too,
after MAX_ATTEMPTS. Either way the platform is confirmed and every other message goes on; an
operator lists, retries or drops the failed rows (`ritmo inbox`).

Handled rows (done, or quarantined) are kept for a window (`inbox_keep_days`) and then pruned in
small batches: the journal is for redelivery and for an operator's look, not an archive of
every update, strangers' throttled ones included. Pending rows are never pruned.

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/inbox.py.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from storage.errors import NotFound

MAX_ATTEMPTS = 3
ERROR_CHARS = 500
PRUNE_BATCH = 500


@dataclass(frozen=True)
class InboxItem:
    id: int
    platform: str
    event_id: str
    payload: str
    attempts: int


@dataclass(frozen=True)
class Journaled:
    """What journaling a batch came to: how many events were new, and which of those had to be
    quarantined (their ids as stored)."""

    new: int
    quarantined: tuple[str, ...] = ()


@dataclass(frozen=True)
class FailedItem:
    """A quarantined row, as an operator sees it (the payload is read on its own: `payload`)."""

    id: int
    platform: str
    event_id: str
    attempts: int
    received_at: str
    failed_at: str | None
    error: str | None


def storable(text: str) -> str:
    """`text` with whatever UTF-8 can't encode written as a backslash escape.

    UTF-8 encodes every code point but the surrogates, and those become `\\udXXX`, which inside
    a JSON string is the JSON escape of the same character.
    """
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def describe(exc: BaseException) -> str:
    """An exception as one storable line: its type and message, cut to the column's size."""
    return storable(f"{type(exc).__name__}: {exc}")[:ERROR_CHARS]


# -- what an operator does with quarantined rows ---------------------------------------------


class NotQuarantined(NotFound):
    """Some of the rows an operator named are not (or no longer) quarantined; nothing changed."""

    def __init__(self, ids: Sequence[int]) -> None:
        super().__init__(f"inbox rows not quarantined: {', '.join(map(str, ids))}")
        self.ids = tuple(ids)
