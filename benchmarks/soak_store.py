"""The soak's side of the store: seeding the team, making digests due, and reading back what the
bot did, through the storage interface and the backend-neutral table reader of `store move`
(storage/move.py), so the same checks run on a SQLite file and on PostgreSQL.

The bot processes keep running while most of these reads happen: each read opens the store,
reads one snapshot and closes it, as `ritmo outbox` or a monitoring query would.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.app import App
from bot.config import Settings
from cadence_jobs import workflow
from storage import backends, move
from storage.audit import Actor
from storage.integrity import check as integrity_check
from storage.interface import Tx
from storage.timefmt import to_db

ACTOR = Actor.system("soak")
TEAM_SIZE = 15
TG_BASE_USER = 500_000


def settings_for(url: str) -> Settings:
    """The Settings a store URL (or SQLite path) stands for."""
    if backends.backend_of(url) == "sqlite":
        from pathlib import Path

        return Settings(db_path=Path(url))
    return Settings(db_url=url)


@dataclass
class Member:
    person_id: int
    name: str
    platform: str
    chat: str  # Telegram user/chat id, or the Slack DM channel
    user: str  # Telegram user id, or the Slack user id
    account: str
    manager: bool = False


async def install(url: str) -> None:
    """Create the schema, stages and built-in cadences, as `ritmo init` does."""
    app = App(settings_for(url))
    await app.open()
    await app.close()


async def seed_team(
    url: str, reps: int, start: datetime, seconds: float, rnd: random.Random
) -> list[Member]:
    """Write the team, link everyone, and spread one due step per rep across the run."""
    await install(url)
    options = settings_for(url).options()
    dues = [start + timedelta(seconds=rnd.uniform(0, seconds * 0.6)) for _ in range(reps)]

    def body(tx: Tx) -> list[Member]:
        members: list[Member] = []
        for i in range(reps + max(1, reps // TEAM_SIZE)):
            manager = i >= reps
            team = f"Time {(i - reps) if manager else i // TEAM_SIZE:03d}"
            platform = "telegram" if i % 2 == 0 else "slack"
            name = f"{'Gestor' if manager else 'Rep'} {i:04d} Soak"
            person = tx.people.add_person(
                name=name,
                role="manager" if manager else "rep",
                team=team,
                timezone="UTC",
                locale="pt-BR" if i % 3 else "en",
                actor=ACTOR,
                now=start,
            )
            tx.people.set_schedule(
                person.id,
                work_start="00:00",
                work_end="23:59",
                work_days="1,2,3,4,5,6,7",
                actor=ACTOR,
                now=start,
            )
            user = str(TG_BASE_USER + i) if platform == "telegram" else f"U{i:06d}"
            chat = user if platform == "telegram" else f"D{i:06d}"
            tx.people.link_identity(person.id, platform, user, chat, ACTOR, start)
            account = f"Cliente {i:04d} Soak"
            members.append(Member(person.id, name, platform, chat, user, account, manager))
            if manager:
                continue
            acc = tx.accounts.create_account(
                name=account, owner_id=person.id, actor=ACTOR, now=start
            )
            contact = tx.accounts.create_contact(
                account_id=acc.id, name=f"Contato {i:04d}", actor=ACTOR, now=start
            )
            enrolment = workflow.enrol(
                tx,
                actor=ACTOR,
                cadence_key="exploratory",
                account_id=acc.id,
                owner_id=person.id,
                now=start,
                options=options,
                contact_id=contact.id,
            )
            tx.enrolments.shift_due(ACTOR, enrolment, dues[i], start, "soak")
        return members

    store = backends.connect_sync(url)
    try:
        return store.write(body)
    finally:
        store.close()


def due_now(tx: Tx, kind: str, now: datetime, horizon: timedelta) -> int:
    """Make every pending `kind` message queued for the next `horizon` due at `now`."""
    moved = 0
    for item in tx.outbox.due(now + horizon, limit=100_000):
        if item.kind == kind:
            tx.outbox.postpone(item.id, now)
            moved += 1
    return moved


# -- reading back -----------------------------------------------------------------------------


@contextmanager
def tables(url: str) -> Iterator[Any]:
    """One consistent snapshot of the store's tables (storage/move.py's reader)."""
    side = move.open_side(move.parse_location(url), must_exist=True)
    try:
        with side.reading():
            yield side
    finally:
        side.close()


def owed(url: str, now: datetime, horizon: timedelta) -> int:
    """Work the bot still owes: pending inbox rows, messages due within `horizon` (rows waiting
    out a retry backoff count), and due steps the scan has not queued yet."""
    soon, due = to_db(now + horizon), to_db(now)
    with tables(url) as side:
        inbox = sum(1 for (state,) in side.rows("inbox", ["state"]) if state == "pending")
        outbox = sum(
            1
            for state, at in side.rows("outbox", ["state", "next_attempt_at"])
            if state == "pending" and at <= soon
        )
        steps = sum(
            1
            for state, at, notified, step in side.rows(
                "enrolments", ["state", "due_at", "notified_step", "step_index"]
            )
            if state == "active" and at is not None and at <= due and notified != step
        )
    return inbox + outbox + steps


@dataclass
class Census:
    """What the store holds at the end of a run, as the checks need it."""

    soak_bodies: dict[str, int]  # marker -> interactions carrying it
    outbox: dict[str, int]  # "kind/state" -> rows
    undelivered: int  # reminders and digests failed, or pending and due
    digests_due: int  # digests owed by now, whoever queued them
    inbox: dict[str, int]  # state -> rows
    journaled: set[tuple[str, str]]  # (platform, event_id) of every inbox row
    actions: dict[str, str]  # callback token -> action
    integrity: str


def census(url: str, now: datetime) -> Census:
    at = to_db(now)
    with tables(url) as side:
        bodies: dict[str, int] = defaultdict(int)
        for (body,) in side.rows("interactions", ["body"]):
            for word in (body or "").split():
                if word.startswith("soak"):
                    bodies[word] += 1
        outbox: dict[str, int] = defaultdict(int)
        undelivered = digests_due = 0
        for kind, state, next_at in side.rows("outbox", ["kind", "state", "next_attempt_at"]):
            outbox[f"{kind}/{state}"] += 1
            owed_now = state == "pending" and next_at <= at
            undelivered += kind in ("reminder", "digest") and (state == "failed" or owed_now)
            digests_due += kind == "digest" and (state != "pending" or next_at <= at)
        inbox: dict[str, int] = defaultdict(int)
        journaled = set()
        for platform, event_id, state in side.rows("inbox", ["platform", "event_id", "state"]):
            inbox[state] += 1
            journaled.add((platform, event_id))
        actions = dict(side.rows("callbacks", ["token", "action"]))
    return Census(
        dict(bodies),
        dict(outbox),
        undelivered,
        digests_due,
        dict(inbox),
        journaled,
        actions,
        integrity_check(url),
    )
