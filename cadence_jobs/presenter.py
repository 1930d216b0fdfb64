"""The presentation the engine needs, as a protocol: the engine decides what is due and records
it; words and buttons belong to handlers, which implements this (bot/app.py passes it in).

Messages are opaque here (`Any`): the engine queues, seals and hands them to a channel's
deliverer without looking inside, so it never imports the message model or the catalogue.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from cadence_jobs.rules import Idleness
from storage.cadences import StoredCadence
from storage.interface import Tx

# Given (action, args) for each button, in order, returns one server-side token for each.
IssueTokens = Callable[[list[tuple[str, dict[str, Any]]]], list[str]]


@dataclass(frozen=True)
class IdleItem:
    """A deal or account found idle by the scan: what the alert names and what it would enrol."""

    key: str
    owner_id: int
    idle: Idleness
    names: dict[str, str]
    target: dict[str, int]


class Presenter(Protocol):
    """Turns what the engine queued into messages a channel can deliver."""

    def stored(self, payload: Mapping[str, Any]) -> list[Any]:
        """The messages an outbox payload holds (queued already worded: digests, agendas...)."""
        ...

    def reminder(self, data: Mapping[str, Any], locale: str) -> Any:
        """One reminder for one due step or follow-up, from the data read at delivery time."""
        ...

    def batch(
        self,
        steps: Sequence[Mapping[str, Any]],
        locale: str,
        leads: Sequence[Mapping[str, Any]] = (),
    ) -> list[Any]:
        """A batched person's reminders as one message, after the queued payloads in `leads`."""
        ...

    def seal(self, messages: Sequence[Any], issue: IssueTokens) -> tuple[Any, ...]:
        """The messages with every button's action swapped for a token from `issue`."""
        ...

    def agenda(
        self, tx: Tx, owner_id: int, locale: str, now: datetime, today: date, tz: ZoneInfo
    ) -> dict[str, Any] | None:
        """The outbox payload of a rep's morning agenda, or None when nothing is on it."""
        ...

    def idle_alert(
        self, locale: str, items: Sequence[IdleItem], cadence: StoredCadence
    ) -> dict[str, Any]:
        """The outbox payload of one alert listing idle items, each with a button to enrol
        it in `cadence`."""
        ...
