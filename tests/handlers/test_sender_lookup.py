"""Who is writing and the book they are read against come from one lookup per typed message: on
PostgreSQL each lookup is a trip to the store's lookup thread and a round trip to the server,
paid by every message before it is even parsed."""

from __future__ import annotations

from typing import Any

from tests.handlers.conftest import NOW, SYSTEM


def _counting(chat) -> list[str]:
    calls: list[str] = []
    lookup = chat.store.lookup

    async def counted(fn: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(getattr(fn, "__name__", "?"))
        return await lookup(fn, *args, **kwargs)

    chat.store.lookup = counted  # the dispatcher and the parser reach it through ctx.store
    return calls


async def test_a_rep_asking_about_an_account_costs_one_lookup(chat) -> None:
    await chat.say("Ana", "status padaria silva")  # the book is read and cached once
    calls = _counting(chat)
    answer = await chat.say("Ana", "status padaria silva")
    assert answer.entities["account"] == "Padaria Silva Ltda"
    assert len(calls) == 1


async def test_a_manager_sees_the_team_book_from_that_one_lookup(chat) -> None:
    await chat.say("Marina", "status silva transportes")
    calls = _counting(chat)
    answer = await chat.say("Marina", "status silva transportes")  # Bruno's account
    assert answer.entities["account"] == "Silva Transportes"
    assert len(calls) == 1


async def test_a_name_added_between_two_messages_is_found_by_the_next(chat) -> None:
    await chat.say("Ana", "status padaria silva")
    await chat.store.write(
        lambda tx: tx.accounts.create_account(
            name="Mercado Boa Vista", owner_id=chat.ids["Ana"], actor=SYSTEM, now=NOW
        )
    )
    answer = await chat.say("Ana", "status mercado boa vista")
    assert answer.entities["account"] == "Mercado Boa Vista"
