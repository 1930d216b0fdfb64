"""From a parsed message to records the asker may see: their book, their today, their names.

The bridge between the pure parser and the store. Visibility comes from
people.visible_owner_ids and is applied inside the queries (storage.search), so a name in
someone else's book is simply not found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from handlers.understanding import names
from handlers.understanding.mentions import Mention, NameIndex
from handlers.understanding.parse import DEFAULT_STAGES, Parsed, parse
from handlers.understanding.plugins import IntentPlugin
from handlers.understanding.text import fold, name_key
from storage import people
from storage.interface import Tx
from storage.search import NameRow

_CONTACT_AT = re.compile(r"^(.+?)\s+(?:da|do|de|das|dos|of|at|from|na|no)\s+(.+)$")


@dataclass(frozen=True)
class Found:
    """The account (and maybe contact) a name means, or the choices when it is ambiguous."""

    account: NameRow | None = None
    contact: NameRow | None = None
    choices: tuple[NameRow, ...] = ()
    # Nothing in the asker's book, but an account of exactly this name is in someone else's:
    # not found all the same, and never offered for creation (it would be a duplicate).
    taken: bool = False

    def entity(self) -> object:
        """What `ritmo ask --json` shows: the resolved name, or the candidates' names."""
        if self.account is not None:
            return self.account.name
        return [c.name for c in self.choices]


def _rank(key: str, rows: list[NameRow]) -> tuple[NameRow | None, tuple[NameRow, ...], float]:
    by_id = {row.id: row for row in rows}
    result = names.resolve(key, (names.Candidate(r.id, r.name) for r in rows))
    if result.best is not None:
        return by_id[result.best.id], (), result.score
    return None, tuple(by_id[c.id] for c in result.choices), result.score


def find(tx: Tx, phrase: str, owner_ids: list[int] | None) -> Found:
    """Resolve a typed name: an account, "Contact da Account", or a contact's own name.

    An account named exactly wins at once (the common case, one index lookup); otherwise "João da
    Padaria Silva" is tried as a contact at an account before settling for the closest
    account names.
    """
    key = name_key(phrase)
    if not key:
        return Found()
    exact = tx.search.exact_accounts(key, owner_ids)
    if exact:  # what names.resolve decides for exact matches: the one, or a question
        return (
            Found(account=exact[0])
            if len(exact) == 1
            else Found(choices=tuple(exact[: names.MAX_CHOICES]))
        )
    best, choices, score = _rank(key, tx.search.account_candidates(key, owner_ids))
    if score >= 100 and (best is not None or choices):
        return Found(account=best, choices=choices)
    split = _CONTACT_AT.match(fold(phrase))
    if split:
        place = name_key(split.group(2))
        account, _, _ = _rank(place, tx.search.account_candidates(place, owner_ids))
        if account is not None:
            person_key = name_key(split.group(1))
            contact, _, _ = _rank(
                person_key,
                tx.search.contact_candidates(person_key, owner_ids, account_id=account.id),
            )
            if contact is not None:
                return Found(account=account, contact=contact)
    if best is not None or choices:
        return Found(account=best, choices=choices)
    contact, _, _ = _rank(key, tx.search.contact_candidates(key, owner_ids))
    if contact is not None and contact.account_id is not None:
        return Found(
            account=NameRow(contact.account_id, contact.account_name or ""), contact=contact
        )
    return Found()


def find_person(tx: Tx, phrase: str, owner_ids: list[int] | None) -> people.Person | None:
    """A rep in the asker's book by name ("pipeline da Ana"), or None."""
    everyone = tx.people.list_people()
    visible = [p for p in everyone if owner_ids is None or p.id in owner_ids]
    result = names.resolve(phrase, (names.Candidate(p.id, p.name, "person") for p in visible))
    if result.best is None:
        return None
    return next(p for p in visible if p.id == result.best.id)


def scope(tx: Tx, person: people.Person) -> list[int] | None:
    """Whose deals this person may see (None: everyone's)."""
    return tx.people.visible_owner_ids(person)


def zone(person: people.Person | None, default: str = "America/Sao_Paulo") -> ZoneInfo:
    try:
        return ZoneInfo(person.timezone if person and person.timezone else default)
    except (KeyError, ValueError):
        return ZoneInfo(default)


def local_today(now: datetime, tz: ZoneInfo) -> date:
    return now.astimezone(tz).date()


def day_start_utc(day: date, tz: ZoneInfo) -> datetime:
    """Midnight at the start of `day` in the person's zone, as an aware UTC datetime."""
    return datetime.combine(day, time(0), tzinfo=tz).astimezone(ZoneInfo("UTC"))


def next_day_start_utc(day: date, tz: ZoneInfo) -> datetime:
    return day_start_utc(day + timedelta(days=1), tz)


def parse_for(
    text: str,
    today: date,
    locale: str,
    stages: tuple[tuple[str, str, str], ...] = DEFAULT_STAGES,
    mentions: tuple[Mention, ...] = (),
    cadences: tuple[tuple[str, str, str], ...] = (),
    declared: tuple[IntentPlugin, ...] = (),
) -> Parsed:
    """Parse as this asker would mean it: English askers write month/day."""
    return parse(
        text,
        today,
        month_first=locale == "en",
        stages=stages,
        mentions=mentions,
        cadences=cadences,
        declared=declared,
    )


MAX_BOOKS = 256  # scopes kept in memory; a team's worth of reps and managers


BookSeen = tuple[list[int] | None, int]  # whose names a person sees, and the book's version
# Where the dispatcher leaves a message's BookSeen in ctx.memo; taken by its first book read
# only, since a later one in the same message may follow a write that moved the version.
BOOK_SEEN = "book_seen"


def scope_and_version(tx: Tx, person: people.Person) -> BookSeen:
    return scope(tx, person), tx.books.names_version()


async def book_for(
    store: Any, person: people.Person, cache: dict[Any, Any], seen: BookSeen | None = None
) -> NameIndex:
    """The asker's book of names, kept in `cache` per scope while the store's book version
    stands still (two point reads per message; the names themselves only after a change).
    `seen`: those two reads, when the dispatcher made them with its own lookup of the sender
    (one trip to the store's lookup thread instead of two on PostgreSQL)."""
    owner_ids, version = (
        seen if seen is not None else await store.lookup(scope_and_version, person)
    )
    key = ("book", tuple(owner_ids) if owner_ids is not None else None)
    kept = cache.get(key)
    if kept is not None and kept[0] == version:
        return kept[1]
    book = NameIndex.of(await store.read(lambda tx: tx.books.names(owner_ids)))
    if sum(1 for k in cache if isinstance(k, tuple) and k[:1] == ("book",)) >= MAX_BOOKS:
        for k in [k for k in cache if isinstance(k, tuple) and k[:1] == ("book",)]:
            del cache[k]
    cache[key] = (version, book)
    return book
