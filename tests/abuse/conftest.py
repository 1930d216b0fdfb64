"""A running ritmo core for hostile input: the real routers and store behind an inbox worker,
with two linked reps on a fake chat platform, and a way to count everything stored."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.app import App
from bot.config import Settings
from bot.inbox import InboxWorker, SenderThrottle
from cadence_jobs import workflow
from handlers.kernel.messages import Answer, Attachment, Incoming, Sender
from storage.audit import CLI, Actor
from storage.interface import Tx

PLATFORM = "telegram"
FAR = datetime(9999, 1, 1, tzinfo=UTC)


def _stored(tx: Tx) -> dict[str, int]:
    """How much of everything a message could write is stored, read through the repositories
    (any backend); none of it may grow when input is refused. A deal's stage or status move
    is audited with it, so the audit trail covers the deal journal."""
    people = tx.people.list_people()
    enrolments = [e.entity_id for e in tx.audit.entries("enrolment", limit=1_000_000)]
    return {
        "interactions": sum(1 for _ in tx.transfer.export_rows("interactions")),
        "deals": sum(1 for _ in tx.transfer.export_rows("deals")),
        "accounts": len(tx.accounts.list_accounts()),
        "contacts": sum(1 for _ in tx.transfer.export_rows("contacts")),
        "enrolments": len(set(enrolments)),
        "step_events": sum(len(tx.enrolments.events(int(i or 0))) for i in set(enrolments)),
        "outbox": len(tx.outbox.due(FAR, 1_000_000)) + len(tx.outbox.failed(1_000_000)),
        "audit_log": len(tx.audit.entries(limit=1_000_000)),
        "people": len(people),
        "identities": sum(len(tx.people.identities_of(p.id)) for p in people),
    }


class FakeMonotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class Core:
    app: App
    worker: InboxWorker
    ids: dict[str, int]
    monotonic: FakeMonotonic
    said: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    answers: dict[str, Answer] = field(default_factory=dict)
    counter: int = 0

    async def send(
        self, sender: str, text: str = "", token: str | None = None, attachment: tuple = ()
    ) -> Answer | None:
        """One message through the journaled path; returns its answer (None if silenced).
        `attachment` is (kind, ref, name)."""
        self.counter += 1
        event = f"e{self.counter}"
        payload = {"from": sender, "id": event, "text": text, "tok": token, "att": attachment}
        await self.worker.accept(event, payload)
        await self.worker.drain()
        return self.answers.get(event)

    async def flood(self, sender: str, texts: list[str]) -> None:
        events = []
        for text in texts:
            self.counter += 1
            events.append(
                (
                    f"e{self.counter}",
                    {"from": sender, "id": f"e{self.counter}", "text": text, "tok": None},
                )
            )
        await self.worker.accept_many(events)
        await self.worker.drain()

    async def counts(self) -> dict[str, int]:
        return await self.app.store.read(_stored)

    async def journal(self, event_id: str) -> tuple[str, int | None]:
        """Where one event stands in the inbox journal, as `ritmo inbox` tells it: ('pending',
        attempts) while it waits its turn, ('failed', attempts) when quarantined, ('done', None)
        once handled (the journal shows no more of a handled event)."""

        def read(tx: Tx) -> tuple[str, int | None]:
            for f in tx.inbox.failed():
                if f.event_id == event_id:
                    return ("failed", f.attempts)
            for i in tx.inbox.pending(PLATFORM, 1_000_000):
                if i.event_id == event_id:
                    return ("pending", i.attempts)
            assert tx.inbox.count(PLATFORM, "done"), f"{event_id} was never journaled"
            return ("done", None)

        return await self.app.store.read(read)


def _parse(payload: dict[str, Any]) -> Incoming:
    return Incoming(
        Sender(
            PLATFORM, payload["from"], language_hint="en" if payload["from"] == "999" else None
        ),
        payload["from"],
        payload["id"],
        text=payload["text"],
        token=payload.get("tok"),
        attachments=(Attachment(*payload["att"]),) if payload.get("att") else (),
    )


@pytest.fixture(autouse=True)
def keep_root_logger() -> Iterator[None]:
    """`ritmo` run in-process points the root logger at the captured stderr; put it back, so no
    later test logs into a closed stream."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


@pytest.fixture
async def core(tmp_path: Path, clock) -> AsyncIterator[Core]:
    app = App(Settings(db_path=tmp_path / "abuse.db", holidays_country="BR"), now=clock)
    await app.open()

    def seed(tx: Tx) -> dict[str, int]:
        ids = {}
        for name, chat, locale in (("Ana Lima", "111", "pt-BR"), ("Bruno Reis", "222", "en")):
            person = tx.people.add_person(
                name=name,
                role="rep",
                timezone="America/Sao_Paulo",
                locale=locale,
                actor=CLI,
                now=clock(),
            )
            tx.people.link_identity(person.id, PLATFORM, chat, chat, CLI, clock())
            ids[name.split()[0]] = person.id
        acme = tx.accounts.create_account(name="Acme", owner_id=ids["Ana"], actor=CLI, now=clock())
        wile = tx.accounts.create_contact(account_id=acme.id, name="Wile", actor=CLI, now=clock())
        ids["Acme"] = acme.id
        ids["enrolment"] = workflow.enrol(
            tx,
            actor=Actor.person(ids["Ana"]),
            cadence_key="exploratory",
            account_id=acme.id,
            owner_id=ids["Ana"],
            now=clock(),
            options=app.settings.options(),
            contact_id=wile.id,
        ).id
        return ids

    ids = await app.store.write(seed)
    monotonic = FakeMonotonic()
    holder: dict[str, Core] = {}

    async def respond(incoming, payload, answer) -> None:
        if answer is None:
            return
        holder["core"].answers[payload["id"]] = answer
        holder["core"].said[payload["from"]].extend(r.text for r in answer.replies)

    worker = InboxWorker(
        app.store,
        app.dispatcher,
        PLATFORM,
        _parse,
        respond,
        clock,
        throttle=SenderThrottle(monotonic=monotonic),
    )
    holder["core"] = Core(app, worker, ids, monotonic)
    try:
        yield holder["core"]
    finally:
        await app.close()
