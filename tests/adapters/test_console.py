"""The console adapter: markup in a terminal, buttons as numbered options, proactive messages."""

from __future__ import annotations

import asyncio
import io
import os
from typing import Any

from bot.channels.console.adapter import ConsoleAdapter
from cadence_jobs.dispatcher import Dispatcher as OutboxDispatcher
from handlers.conversation.presenter import ChatPresenter
from handlers.kernel import core
from handlers.kernel.context import Context, Options
from handlers.kernel.dispatch import Dispatcher
from handlers.kernel.messages import Answer, Button, Incoming, Reply
from handlers.kernel.router import Router
from storage.audit import CLI
from storage.interface import Store, Tx

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
        lambda tx: tx.people.add_person(
            name="Ana", role="rep", timezone="UTC", locale="pt-BR", actor=CLI, now=clock()
        )
    )
    await store.write(
        lambda tx: tx.people.link_identity(person.id, "console", "ana", "ana", CLI, clock())
    )
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
    identity = await store.read(lambda tx: tx.people.identity_for("console", "ana"))
    message_id = await adapter.deliver(identity, [Reply("Lembrete: *ligar* para a Acme")])
    os.write(write_fd, b"sair\n")
    await asyncio.wait_for(session, 5)
    os.close(write_fd)
    assert message_id and "Mensagem do ritmo" in out.getvalue()
    assert "Lembrete: ligar para a Acme" in out.getvalue()


async def test_a_long_list_pages_on_with_a_numbered_next_page(store: Store, clock) -> None:
    from datetime import timedelta

    from bot.app import build_routers
    from handlers.kernel import asking
    from storage import stages

    adapter, out = await _adapter(store, clock, "negócios parados\n1\nsair\n")
    adapter.dispatcher = Dispatcher(build_routers(), store, Options(), clock, asking.parser)
    ana = await store.read(lambda tx: tx.people.person_for_identity("console", "ana"))
    past = clock() - timedelta(days=90)

    def seed(tx: Tx):
        tx.stages.install_stages(stages.DEFAULT_STAGES, CLI)
        for n in range(14):
            account = tx.accounts.create_account(
                name=f"Conta {n:02d}", owner_id=ana.id, actor=CLI, now=past
            )
            tx.deals.create_deal(
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


async def test_the_open_chat_prints_only_the_messages_meant_for_its_person(
    store: Store, clock
) -> None:
    """`ritmo ask --as Bruno` links a console identity for Bruno; his reminders and a manager's
    digest must wait for their own chat, not appear in Ana's open console."""
    adapter, out = await _adapter(store, clock)
    bruno = await store.write(
        lambda tx: tx.people.add_person(
            name="Bruno", role="rep", timezone="UTC", locale="pt-BR", actor=CLI, now=clock()
        )
    )
    await store.write(
        lambda tx: tx.people.link_identity(
            bruno.id, "console", "bruno", "bruno", CLI, clock(), preferred=False
        )
    )
    ana = await store.read(lambda tx: tx.people.identity_for("console", "ana"))
    for person_id, text in ((bruno.id, "Resumo do time de Bruno"), (ana.person_id, "Para Ana")):
        await store.write(
            lambda tx, person_id, text: tx.outbox.enqueue(
                person_id, "notice", f"n-{person_id}", {"replies": [{"text": text}]}, clock()
            ),
            person_id,
            text,
        )
    sender = OutboxDispatcher(
        store, {"console": adapter.deliver}, Options(), clock, presenter=ChatPresenter()
    )
    await sender.drain()
    assert "Para Ana" in out.getvalue()
    assert "Bruno" not in out.getvalue()
    rows = {
        r.person_id: r
        for r in await store.read(lambda tx: tx.outbox.due(clock.advance(hours=1), 10))
    }
    assert rows[bruno.id].state == "pending" and rows[bruno.id].attempts == 0


async def test_numbers_stay_unique_across_messages_that_arrive_together(
    store: Store, clock
) -> None:
    """Two reminders arrive at once: the second's buttons are [3] and [4], and typing 3 acts
    on the second message, not on whichever came last."""
    adapter, out = await _adapter(store, clock)
    identity = await store.read(lambda tx: tx.people.identity_for("console", "ana"))
    first = Reply(
        "Lembrete 1",
        buttons=(
            Button("Feito", "c.step", {"n": 1}, token="t1"),
            Button("Adiar", "c.step", {"n": 2}, token="t2"),
        ),
    )
    second = Reply(
        "Lembrete 2",
        buttons=(
            Button("Feito", "c.step", {"n": 3}, token="t3"),
            Button("Adiar", "c.step", {"n": 4}, token="t4"),
        ),
    )
    await adapter.deliver(identity, [first])
    await adapter.deliver(identity, [second])
    assert "[1] Feito" in out.getvalue() and "[3] Feito" in out.getvalue()
    assert adapter.incoming_for("3").token == "t3" and adapter.incoming_for("2").token == "t2"
    assert adapter.incoming_for("hoje").text == "hoje"
    adapter.show([first])
    assert out.getvalue().rstrip().count("[1] Feito") == 2  # a new question numbers from 1


async def test_a_store_that_is_away_gets_a_plain_sentence_and_the_prompt_stays(
    store: Store, clock
) -> None:
    from storage.errors import StoreUnavailable

    adapter, out = await _adapter(store, clock, "ligar acme\nhoje\nsair\n")
    real = adapter.dispatcher.handle
    calls = 0

    async def away_once(incoming: Incoming) -> Answer:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise StoreUnavailable("reconnecting", "server closed the connection")
        return await real(incoming)

    adapter.dispatcher.handle = away_once  # type: ignore[method-assign]
    await adapter.run()
    text = out.getvalue()
    assert "não posso confirmar que isso foi salvo" in text
    assert "Ligar para <Acme & Co>" in text  # the next line was answered: the chat went on
