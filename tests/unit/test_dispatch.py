"""The dispatcher: who may do what, button tokens, oversized input, handler failures."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from handlers.kernel import core
from handlers.kernel.context import Context, Options
from handlers.kernel.dispatch import Dispatcher
from handlers.kernel.messages import Answer, Button, Incoming, Reply, Sender
from handlers.kernel.router import Router
from storage.audit import CLI
from storage.interface import Store, Tx

pressed: list[dict[str, Any]] = []
test_router = Router("test")


@test_router.message(lambda msg, ctx: msg.text == "buttons")
async def offer(msg: Incoming, ctx: Context) -> Answer:
    return Answer(
        [
            Reply(
                "Escolha",
                buttons=(Button("Feito", "t.done", {"step": 7}),),
                choices=(Button("Outra", "t.done", {"step": 8}),),
            )
        ],
        intent="agenda",
    )


@test_router.action("t.done")
async def done(msg: Incoming, ctx: Context, args: dict[str, Any]) -> Answer:
    pressed.append(args)
    return Answer([Reply(f"feito {args['step']}", edit=True)], intent="cadence_action")


@test_router.message(lambda msg, ctx: msg.text == "explode")
async def explode(msg: Incoming, ctx: Context) -> Answer:
    await ctx.store.write(lambda tx: tx.kv.put("half", "written"))
    raise RuntimeError("bug")


@test_router.message(lambda msg, ctx: msg.text == "explode-in-write")
async def explode_in_write(msg: Incoming, ctx: Context) -> Answer:
    def write(tx: Tx):
        tx.kv.put("half", "written")
        raise RuntimeError("bug")

    await ctx.store.write(write)
    return Answer([Reply("never")])


@pytest.fixture
async def dispatcher(store: Store, clock) -> Dispatcher:
    pressed.clear()
    for name in ("Ana", "Bia"):
        person = await store.write(
            lambda tx, name: tx.people.add_person(
                name=name, role="rep", timezone="UTC", locale="pt-BR", actor=CLI, now=clock()
            ),
            name,
        )
        await store.write(
            lambda tx, person_id, user: tx.people.link_identity(
                person_id, "telegram", user, "c", CLI, clock()
            ),
            person.id,
            f"u-{name}",
        )
    return Dispatcher([core.router, test_router], store, Options(), clock)


def msg(
    user: str, text: str = "", token: str | None = None, hint: str | None = None, n: int = 1
) -> Incoming:
    return Incoming(Sender("telegram", user, None, hint), "chat", f"m{n}", text=text, token=token)


async def test_buttons_are_sealed_into_opaque_tokens(dispatcher: Dispatcher) -> None:
    answer = await dispatcher.handle(msg("u-Ana", "buttons"))
    tokens = [b.token for b in answer.replies[0].all_buttons()]
    assert len(set(tokens)) == 2
    assert all(
        t and len(t.encode()) <= 64 and "t.done" not in t and "step" not in t for t in tokens
    )


async def test_a_pressed_token_runs_its_action_once(dispatcher: Dispatcher) -> None:
    token = (await dispatcher.handle(msg("u-Ana", "buttons"))).replies[0].buttons[0].token
    first = await dispatcher.handle(msg("u-Ana", token=token))
    assert first.replies[0].text == "feito 7" and pressed == [{"step": 7}]
    again = await dispatcher.handle(msg("u-Ana", token=token, n=2))
    assert "já foi feito" in again.replies[0].text and pressed == [{"step": 7}]


async def test_someone_elses_token_is_refused(dispatcher: Dispatcher) -> None:
    token = (await dispatcher.handle(msg("u-Ana", "buttons"))).replies[0].buttons[0].token
    answer = await dispatcher.handle(msg("u-Bia", token=token))
    assert "não vale mais" in answer.replies[0].text and pressed == []


async def test_a_forged_token_is_refused(dispatcher: Dispatcher) -> None:
    answer = await dispatcher.handle(msg("u-Ana", token="t.done:{'step': 99}"))
    assert "não vale mais" in answer.replies[0].text and pressed == []


async def test_an_expired_token_is_refused(dispatcher: Dispatcher, clock) -> None:
    token = (await dispatcher.handle(msg("u-Ana", "buttons"))).replies[0].buttons[0].token
    clock.advance(days=31)
    answer = await dispatcher.handle(msg("u-Ana", token=token))
    assert "não vale mais" in answer.replies[0].text and pressed == []


@pytest.mark.parametrize("text", ["buttons", "ajuda", "explode", "", "x" * 10_000])
async def test_an_unknown_user_gets_the_one_refusal_and_nothing_else(
    dispatcher: Dispatcher, store: Store, text: str
) -> None:
    answer = await dispatcher.handle(msg("stranger", text, hint="en"))
    assert [r.text for r in answer.replies] == [
        "Hi! I don't know you yet. Ask your manager or Sales Ops for an access code and send it "
        "here: /start CODE"
    ]
    assert all(not r.all_buttons() for r in answer.replies)
    assert await store.read(lambda tx: tx.kv.get("half")) is None


async def test_an_unknown_user_pressing_a_real_token_learns_nothing(
    dispatcher: Dispatcher,
) -> None:
    token = (await dispatcher.handle(msg("u-Ana", "buttons"))).replies[0].buttons[0].token
    answer = await dispatcher.handle(msg("stranger", token=token))
    assert "don't know you" in answer.replies[0].text or "não conheço" in answer.replies[0].text
    assert pressed == []


async def test_a_10000_character_message_gets_one_sentence_and_nothing_stored(
    dispatcher: Dispatcher, store: Store
) -> None:
    answer = await dispatcher.handle(msg("u-Ana", "registrar ligação " + "a" * 10_000))
    assert len(answer.replies) == 1 and "longa demais" in answer.replies[0].text
    # Nobody has logged anything since the beginning of time.
    assert await store.read(lambda tx: tx.interactions.touches_by_person(None, "")) == {}


async def test_a_failing_handler_becomes_a_sentence_and_its_transaction_is_undone(
    dispatcher: Dispatcher, store: Store
) -> None:
    answer = await dispatcher.handle(msg("u-Ana", "explode-in-write"))
    assert "nada foi salvo" in answer.replies[0].text
    assert await store.read(lambda tx: tx.kv.get("half")) is None


async def test_link_help_and_fallback_in_the_persons_language(
    dispatcher: Dispatcher, store: Store, clock
) -> None:
    emily = await store.write(
        lambda tx: tx.people.add_person(
            name="Emily", role="rep", timezone="UTC", locale="en", actor=CLI, now=clock()
        )
    )
    code = await store.write(
        lambda tx: tx.people.create_link_code(emily.id, timedelta(days=7), CLI, clock())
    )
    linked = await dispatcher.handle(msg("u-emily", f"/start {code}", hint="pt-BR"))
    assert linked.intent == "link" and "All set, *Emily*" in linked.replies[0].text
    assert (await dispatcher.handle(msg("u-emily", "ajuda"))).intent == "help"
    fallback = await dispatcher.handle(msg("u-emily", "qwerty"))
    assert fallback.intent == "unknown" and "didn't understand" in fallback.replies[0].text


@pytest.mark.parametrize(
    ("platform", "command"),
    [("telegram", "/start CODE"), ("slack", "/ritmo link CODE"), ("console", "link CODE")],
)
async def test_the_refusal_names_the_link_command_of_that_platform(
    dispatcher: Dispatcher, platform: str, command: str
) -> None:
    stranger = Incoming(Sender(platform, "nobody", None, "en"), "chat", "m1", text="hi")
    answer = await dispatcher.handle(stranger)
    assert answer.replies[0].text.endswith(f"send it here: {command}")


@pytest.mark.parametrize(
    "said", ["código {code} pra vincular", "here's my code: {code}", "link code {code}"]
)
async def test_a_code_said_in_a_sentence_links_the_chat(
    dispatcher: Dispatcher, store: Store, clock, said: str
) -> None:
    emily = await store.write(
        lambda tx: tx.people.add_person(
            name="Emily", role="rep", timezone="UTC", locale="en", actor=CLI, now=clock()
        )
    )
    code = await store.write(
        lambda tx: tx.people.create_link_code(emily.id, timedelta(days=7), CLI, clock())
    )
    linked = await dispatcher.handle(msg("u-emily", said.format(code=code)))
    assert linked.intent == "link" and "All set, *Emily*" in linked.replies[0].text


def test_a_sentence_with_two_codes_or_none_is_not_a_link():
    from handlers.kernel.core import link_code_in

    assert link_code_in("código 1234 ou 5678 pra vincular") is None
    assert link_code_in("me manda o link da proposta") is None
    assert link_code_in("vincular 77AB12") == "77AB12"
