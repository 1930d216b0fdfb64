"""A name that is another rep's account, said in part, is neither shown nor offered for
creation: it reads as "not found", as the whole name does.

Ana (Sul) cannot see Carlos's Norte Agro ME (tests/handlers/conftest.py).
"""

from __future__ import annotations

from tests.handlers.conftest import buttons, text


async def test_part_of_another_reps_account_is_not_offered_for_creation(chat):
    answer = await chat.say("Ana", "visitei a Agro Norte hoje")
    assert answer.entities["account"] is None
    assert "Agro Norte" in text(answer)
    assert [b.action for b in buttons(answer)] == []


async def test_a_company_nobody_has_is_still_offered(chat):
    answer = await chat.say("Ana", "visitei a Marmoraria Pedra Lisa hoje")
    assert "account.create" in [b.action for b in buttons(answer)]


async def test_a_new_company_named_in_full_is_offered_not_matched_to_a_lookalike(chat):
    answer = await chat.say("Ana", "visitei a Padaria Estrela Azul hoje, querem orçamento")
    assert answer.entities["account"] is None  # not her Padaria Silva
    create = [b for b in buttons(answer) if b.action == "account.create"]
    assert [b.args["name"] for b in create] == ["Padaria Estrela Azul"]
    assert not [row for row in await chat.logged() if "Estrela" in str(row)]
