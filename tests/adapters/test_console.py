"""The console adapter: markup in a terminal, buttons as numbered options, proactive messages."""

from __future__ import annotations

import asyncio
import io
import os
from typing import Any

from bot.adapters.console import ConsoleAdapter
from handlers import core
from handlers.context import Context, Options
from handlers.dispatch import Dispatcher
from handlers.messages import Answer, Button, Incoming, Reply
from handlers.router import Router
from storage import people
from storage.audit import CLI
from storage.db import Store

router = Router("console-test")


@router.message(lambda msg, ctx: msg.text == "hoje")
async def agenda(msg: Incoming, ctx: Context) -> Answer:
    return Answer(
        [
            Reply(
                "*Ligar* para <Acme & Co>",
                buttons=(Button("Feito", "c.step", {"n": 1}), Button("Adiar", "c.step", {"n": 2})),
            )
        ]
    )


@router.action("c.step")
async def step(msg: Incoming, ctx: Context, args: dict[str, Any]) -> Answer:
    return Answer([Reply(f"opção {args['n']} registrada")])


async def _adapter(store: Store, clock, stdin: str = "") -> tuple[ConsoleAdapter, io.StringIO]:
    person = await store.write(
        people.add_person,
        name="Ana",
        role="rep",
        timezone="UTC",
        locale="pt-BR",
        actor=CLI,
        now=clock(),
    )
    await store.write(people.link_identity, person.id, "console", "ana", "ana", CLI, clock())
    out = io.StringIO()
    dispatcher = Dispatcher([core.router, router], store, Options(), clock)
    return ConsoleAdapter(dispatcher, "ana", stdin=io.StringIO(stdin), stdout=out), out


async def test_a_number_presses_the_matching_button(store: Store, clock) -> None:
    adapter, out = await _adapter(store, clock, "hoje\n2\nsair\n")
    await adapter.run()
    text = out.getvalue()
    assert "Ligar para <Acme & Co>" in text and "[1] Feito" in text and "[2] Adiar" in text
    assert "opção 2 registrada" in text


async def test_a_number_with_no_options_is_just_text(store: Store, clock) -> None:
    adapter, out = await _adapter(store, clock, "7\nsair\n")
    await adapter.run()
    assert "Não entendi" in out.getvalue()


async def test_proactive_messages_appear_while_the_chat_waits(store: Store, clock) -> None:
    read_fd, write_fd = os.pipe()
    stdin = os.fdopen(read_fd, "r")
    adapter, out = await _adapter(store, clock)
    adapter.stdin = stdin
    session = asyncio.create_task(adapter.run())
    await asyncio.sleep(0.05)
    identity = await store.read(people.identity_for, "console", "ana")
    message_id = await adapter.deliver(identity, [Reply("Lembrete: *ligar* para a Acme")])
    os.write(write_fd, b"sair\n")
    await asyncio.wait_for(session, 5)
    os.close(write_fd)
    assert message_id and "Mensagem do ritmo" in out.getvalue()
    assert "Lembrete: ligar para a Acme" in out.getvalue()


async def test_a_long_list_pages_on_with_a_numbered_next_page(store: Store, clock) -> None:
    from datetime import timedelta

    from bot.app import build_routers
    from handlers.understand import asking
    from storage import accounts, deals, stages

    adapter, out = await _adapter(store, clock, "negócios parados\n1\nsair\n")
    adapter.dispatcher = Dispatcher(build_routers(), store, Options(), clock, asking.parser)
    ana = await store.read(people.person_for_identity, "console", "ana")
    past = clock() - timedelta(days=90)

    def seed(conn):
        stages.install_stages(conn, stages.DEFAULT_STAGES, CLI)
        for n in range(14):
            account = accounts.create_account(
                conn, name=f"Conta {n:02d}", owner_id=ana.id, actor=CLI, now=past
            )
            deals.create_deal(
                conn,
                account_id=account.id,
                owner_id=ana.id,
                title=f"N{n:02d}",
                stage_key="proposal",
                amount=1.0,
                actor=CLI,
                now=past,
            )

    await store.write(seed)
    await adapter.run()
    text = out.getvalue()
    assert "… e mais 4." in text and "[1] Próxima página" in text
    assert all(f"N{n:02d}" in text for n in range(14))
