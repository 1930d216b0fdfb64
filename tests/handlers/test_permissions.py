"""Who sees what, on every intent: rep = own book, manager = team, admin = all, stranger = none.

Carlos (Norte) owns Norte Agro; Ana and Bruno are reps in Marina's Sul team.
"""

from __future__ import annotations

import pytest

from tests.handlers.conftest import text

NAMED = [
    "status norte agro",
    "próximo passo com a norte agro",
    "registrar visita na norte agro",
    "ganho norte agro",
    "perdido norte agro preço",
    "mover norte agro para proposta",
]
BOOK = [
    "meu pipeline",
    "previsão do mês",
    "o que fecha este mês?",
    "negócios parados",
    "quem está atrasado?",
    "o que tenho hoje?",
    "como está o time?",
]


@pytest.mark.parametrize("question", NAMED)
async def test_a_rep_asking_about_another_reps_account_gets_not_found(chat, question):
    answer = await chat.say("Ana", question)
    assert "Norte Agro" not in text(answer)
    assert answer.entities.get("account") in (None, [])
    writes = [i for i in await chat.logged() if i["account"] == "Norte Agro ME"]
    assert writes == []


@pytest.mark.parametrize("question", NAMED[:1] + NAMED[3:])
async def test_a_manager_of_another_team_cannot_see_it_either(chat, question):
    answer = await chat.say("Marina", question)
    assert "Norte Agro" not in text(answer)


@pytest.mark.parametrize("question", ["status norte agro", "ganho norte agro"])
async def test_admin_sees_every_account(chat, question):
    answer = await chat.say("Admin", question)
    assert answer.entities["account"] == "Norte Agro ME"


@pytest.mark.parametrize("question", BOOK)
async def test_no_book_answer_leaks_another_teams_deals(chat, question):
    for who in ("Ana", "Bruno", "Marina"):
        answer = await chat.say(who, question)
        assert "Safra" not in text(answer) and "Carlos" not in text(answer)
        assert "Norte Agro" not in str(answer.data)


async def test_a_rep_sees_only_their_own_numbers(chat):
    ana = await chat.say("Ana", "pipeline")
    assert ana.data["total"]["amount"] == 170_000


@pytest.mark.parametrize("question", NAMED + BOOK)
async def test_a_stranger_learns_nothing(chat, question):
    answer = await chat.say("Mallory", question)
    assert answer.intent == "unknown"
    assert not answer.data
    for secret in ("Norte", "Padaria", "Silva", "R$"):
        assert secret not in text(answer)
