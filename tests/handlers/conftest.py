"""A small store with two teams, and a dispatcher running the conversation routers on it.

Sul: manager Marina, reps Ana and Bruno. Norte: rep Carlos. Plus Admin. Time is pinned to
Wednesday 2026-11-18 14:00 in São Paulo (17:00 UTC). Every test using `chat` or `stub_chat`
runs once per backend (`store_url`, tests/pg_fixtures.py): SQLite and PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from handlers.conversation import (
    ask_account,
    ask_agenda,
    ask_pipeline,
    ask_team,
    deal_changes,
    log,
)
from handlers.kernel import asking, core, paging
from handlers.kernel.context import Options
from handlers.kernel.dispatch import Dispatcher
from handlers.kernel.messages import Answer, Button, Incoming, Sender
from storage import backends, stages
from storage.accounts import Account
from storage.audit import Actor, AuditEntry
from storage.deals import Deal
from storage.enrolments import Enrolment
from storage.interactions import FollowUp, Interaction
from storage.interface import Store, Tx
from storage.outbox import OutboxItem

NOW = datetime(2026, 11, 18, 17, 0, tzinfo=UTC)
TODAY = date(2026, 11, 18)
SYSTEM = Actor.system("test")


def add_people(tx: Tx, ids: dict, people: list[tuple[str, str, str | None, str]]) -> None:
    """People in São Paulo, each linked on the console by their name in lower case; their ids
    go into `ids` by name."""
    for name, role, team, locale in people:
        person = tx.people.add_person(
            name=name,
            role=role,
            timezone="America/Sao_Paulo",
            locale=locale,
            actor=SYSTEM,
            now=NOW,
            team=team,
        )
        tx.people.link_identity(person.id, "console", name.lower(), name.lower(), SYSTEM, NOW)
        ids[name] = person.id


def build(tx: Tx) -> dict:
    tx.stages.install_stages(stages.DEFAULT_STAGES, SYSTEM)
    ids: dict = {}
    add_people(
        tx,
        ids,
        [
            ("Admin", "admin", None, "en"),
            ("Marina", "manager", "Sul", "pt-BR"),
            ("Ana", "rep", "Sul", "pt-BR"),
            ("Bruno", "rep", "Sul", "en"),
            ("Carlos", "rep", "Norte", "pt-BR"),
        ],
    )

    def account(name, owner):
        ids[name] = tx.accounts.create_account(
            name=name, owner_id=ids[owner], actor=SYSTEM, now=NOW - timedelta(days=90)
        ).id

    def deal(account_name, owner, title, stage, amount, close, status="open"):
        ids[title] = tx.deals.create_deal(
            account_id=ids[account_name],
            owner_id=ids[owner],
            title=title,
            stage_key=stage,
            amount=amount,
            actor=SYSTEM,
            now=NOW - timedelta(days=60),
            close_date=close,
            status=status,
        ).id

    account("Padaria Silva Ltda", "Ana")
    account("ACME Indústria S.A.", "Ana")
    account("Silva Transportes", "Bruno")
    account("Norte Agro ME", "Carlos")
    tx.accounts.create_contact(
        account_id=ids["Padaria Silva Ltda"], name="João Pereira", actor=SYSTEM, now=NOW
    )
    deal("Padaria Silva Ltda", "Ana", "Padaria — pães", "proposal", 50_000, date(2026, 11, 25))
    deal(
        "ACME Indústria S.A.", "Ana", "ACME — linha 2", "negotiation", 120_000, date(2026, 11, 10)
    )
    deal("ACME Indústria S.A.", "Ana", "ACME — piloto", "commit", 30_000, date(2026, 11, 5))
    # Won on 5 November: closed through the repository at that time, as a rep's press would.
    tx.deals.update_deal(
        ids["ACME — piloto"], actor=SYSTEM, now=datetime(2026, 11, 5, 15, tzinfo=UTC), status="won"
    )
    deal("Silva Transportes", "Bruno", "Frota", "commit", 200_000, date(2026, 12, 15))
    deal("Norte Agro ME", "Carlos", "Safra", "qualification", 80_000, date(2026, 11, 30))
    tx.interactions.log_interaction(
        person_id=ids["Ana"],
        kind="visit",
        occurred_at=NOW - timedelta(days=2),
        actor=SYSTEM,
        now=NOW,
        body="Visita à padaria",
        account_id=ids["Padaria Silva Ltda"],
    )
    tx.interactions.log_interaction(
        person_id=ids["Bruno"],
        kind="call",
        occurred_at=NOW - timedelta(days=30),
        actor=SYSTEM,
        now=NOW,
        body="Ligação",
        account_id=ids["Silva Transportes"],
    )
    return ids


@dataclass
class Chat:
    dispatcher: Dispatcher
    store: Store
    ids: dict
    counter: int = 0

    async def say(self, who: str, text: str, message_id: str | None = None) -> Answer:
        self.counter += 1
        msg = Incoming(
            Sender("console", who.lower()),
            who.lower(),
            message_id or f"m{self.counter}",
            text=text,
        )
        return await self.dispatcher.handle(msg)

    async def press(self, who: str, button: Button) -> Answer:
        self.counter += 1
        msg = Incoming(
            Sender("console", who.lower()), who.lower(), f"b{self.counter}", token=button.token
        )
        return await self.dispatcher.handle(msg)

    # What the tests check, read through the repositories (any backend), never through SQL.

    async def deal(self, deal_id: int) -> Deal:
        """A deal as stored now."""
        found = await self.store.read(lambda tx: tx.deals.get_deal(deal_id))
        assert found is not None, f"no deal {deal_id}"
        return found

    async def interaction(self, interaction_id: int) -> Interaction:
        """An interaction as stored now."""
        found = await self.store.read(lambda tx: tx.interactions.get_interaction(interaction_id))
        assert found is not None, f"no interaction {interaction_id}"
        return found

    async def logged(self) -> list[dict[str, Any]]:
        """Every interaction as `ritmo export interactions` writes it (names, not ids)."""
        return await self.store.read(lambda tx: list(tx.transfer.export_rows("interactions")))

    async def accounts(self, name: str | None = None) -> list[Account]:
        """Every account (or those called exactly `name`), by name."""
        found = await self.store.read(lambda tx: tx.accounts.list_accounts())
        return [a for a in found if name is None or a.name == name]

    async def contacts(self) -> list[dict[str, Any]]:
        """Every contact as `ritmo export contacts` writes it."""
        return await self.store.read(lambda tx: list(tx.transfer.export_rows("contacts")))

    async def deals_at(self, account_id: int) -> list[Deal]:
        """The deals at one account, oldest first."""
        return await self.store.read(lambda tx: tx.deals.deals_of_account(account_id))

    async def deals(self) -> list[dict[str, Any]]:
        """Every deal as `ritmo export deals` writes it."""
        return await self.store.read(lambda tx: list(tx.transfer.export_rows("deals")))

    async def audit(
        self, entity: str | None = None, entity_id: object = None, action: str | None = None
    ) -> list[AuditEntry]:
        """The audit trail (of one entity, record or action), oldest first."""
        found = await self.store.read(lambda tx: tx.audit.entries(entity, entity_id, 100_000))
        return [e for e in reversed(found) if action is None or e.action == action]

    async def created(self, entity: str, action: str = "create") -> list[int]:
        """Ids of every `entity` ever created, oldest first: every creation is audited."""
        return [int(e.entity_id or 0) for e in await self.audit(entity, action=action)]

    async def follow_ups(self) -> list[FollowUp]:
        """Every follow-up and task ever created, as it stands now, oldest first."""
        ids = await self.created("follow_up")
        found = await self.store.read(lambda tx: [tx.tasks.get_follow_up(i) for i in ids])
        return [f for f in found if f is not None]

    async def queued(self) -> list[OutboxItem]:
        """What the outbox still has to send, whenever it is due, soonest first."""
        return await self.store.read(lambda tx: tx.outbox.due(datetime(9999, 1, 1, tzinfo=UTC)))

    async def enrolments(self) -> list[Enrolment]:
        """Every enrolment ever created, as it stands now, oldest first."""
        ids = await self.created("enrolment", "enrol")
        found = await self.store.read(lambda tx: [tx.enrolments.get(i) for i in ids])
        return [e for e in found if e is not None]


def routers():
    return [
        core.router,
        asking.router,
        log.router,
        deal_changes.router,
        ask_agenda.router,
        ask_account.router,
        ask_pipeline.router,
        ask_team.router,
        paging.router,
    ]


@pytest.fixture
async def chat(store_url):
    store = await backends.connect(store_url)
    try:
        ids = await store.write(build)
        dispatcher = Dispatcher(routers(), store, Options(), lambda: NOW, asking.parser)
        yield Chat(dispatcher, store, ids)
    finally:
        await store.close()


def buttons(answer: Answer) -> list[Button]:
    return [b for r in answer.replies for b in r.all_buttons()]


def button(answer: Answer, action: str, **args) -> Button:
    for b in buttons(answer):
        if b.action == action and all(b.args.get(k) == v for k, v in args.items()):
            return b
    raise AssertionError(f"no {action} button in {[b.action for b in buttons(answer)]}")


def text(answer: Answer) -> str:
    return "\n".join(r.text for r in answer.replies)


@dataclass
class StubChat(Chat):
    """A chat whose parser says what the test tells it: the handlers for intents the parser
    does not emit yet run end to end through the real dispatcher and every router."""

    parses: dict | None = None
    clock: list | None = None

    def later(self, **delta: float) -> None:
        """Move the chat's clock forward."""
        assert self.clock is not None
        self.clock[0] += timedelta(**delta)

    async def tell(self, who: str, parsed) -> Answer:
        """Say `parsed.text` as `who`, understood as `parsed`."""
        assert self.parses is not None
        self.parses[parsed.text] = parsed
        return await self.say(who, parsed.text)


@pytest.fixture
async def stub_chat(store_url):
    from bot.app import build_routers

    store = await backends.connect(store_url)
    parses: dict = {}
    clock = [NOW]

    def parser(text, ctx):
        return parses.get(text) or asking.parser(text, ctx)

    try:
        ids = await store.write(build)
        dispatcher = Dispatcher(build_routers(), store, Options(), lambda: clock[0], parser)
        yield StubChat(dispatcher, store, ids, parses=parses, clock=clock)
    finally:
        await store.close()
