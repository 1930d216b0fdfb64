"""A shared account: each rep sees their own work there, and of the others' only that they exist.

Padaria Silva Ltda is Ana's account (her deal "Padaria — pães", her visit two days ago, her own
cadence step). Bruno, in the same team, has a deal on it too ("Padaria — filial", R$ 77.000),
a call note and an earlier cadence step. Carlos (another team) has a small deal there and
enrols the account in a cadence from the chat. The whole app's routers answer, on a real store.
"""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from bot.app import build_routers
from cadence_jobs import workflow
from cadence_jobs.jobs import install_cadences
from handlers.kernel import asking
from handlers.kernel.context import Options
from handlers.kernel.dispatch import Dispatcher
from storage import backends
from storage.interface import Tx
from storage.timefmt import to_db
from tests.handlers.conftest import NOW, SYSTEM, Chat, build, buttons, text

# Everything of Bruno's that Ana must never read, and of Ana's that Bruno must never read.
BRUNOS = ("filial", "77.000", "77,000", "desconto", "discount")
ANAS = ("pães", "50.000", "50,000", "Visita à padaria")


def _seed(tx: Tx) -> dict:
    ids = build(tx)
    install_cadences(tx, SimpleNamespace(cadence_folder=None))
    padaria = ids["Padaria Silva Ltda"]
    ids["filial"] = tx.deals.create_deal(
        account_id=padaria,
        owner_id=ids["Bruno"],
        title="Padaria — filial",
        stage_key="negotiation",
        amount=77_000,
        actor=SYSTEM,
        now=NOW - timedelta(days=30),
        close_date=date(2026, 11, 27),
    ).id
    tx.deals.create_deal(
        account_id=padaria,
        owner_id=ids["Carlos"],
        title="Padaria — norte",
        stage_key="prospecting",
        amount=9_000,
        actor=SYSTEM,
        now=NOW - timedelta(days=30),
    )
    tx.interactions.log_interaction(
        person_id=ids["Bruno"],
        kind="call",
        occurred_at=NOW - timedelta(days=20),
        actor=SYSTEM,
        now=NOW,
        body="Dono pediu 12% de desconto",
        account_id=padaria,
        deal_id=ids["filial"],
    )
    for who, deal_id, late in (("Bruno", ids["filial"], 2), ("Ana", None, 1)):
        enrolment = workflow.enrol(
            tx,
            actor=SYSTEM,
            cadence_key="exploratory",
            account_id=padaria,
            owner_id=ids[who],
            now=NOW - timedelta(days=5),
            options=Options(),
            deal_id=deal_id,
        )
        tx.enrolments.shift_due(SYSTEM, enrolment, NOW - timedelta(days=late), NOW, "test")
        ids[f"{who} step"] = enrolment.id
    return ids


@pytest.fixture
async def chat(store_url):
    store = await backends.connect(store_url)
    try:
        ids = await store.write(_seed)
        dispatcher = Dispatcher(build_routers(), store, Options(), lambda: NOW, asking.parser)
        yield Chat(dispatcher, store, ids)
    finally:
        await store.close()


def _hides(answer, secrets: tuple[str, ...]) -> None:
    shown = text(answer) + str(answer.data)
    for secret in secrets:
        assert secret not in shown


# --- status ------------------------------------------------------------------------------------


async def test_status_shows_a_rep_only_their_own_deals_notes_and_steps(chat):
    answer = await chat.say("Ana", "status padaria silva")
    _hides(answer, BRUNOS + ("Bruno", "Carlos", "norte"))
    assert "Padaria — pães" in text(answer) and "Visita à padaria" in text(answer)
    assert [c["enrolment_id"] for c in answer.data["cadences"]] == [chat.ids["Ana step"]]
    assert answer.data["shared"] is True
    assert "Outro vendedor também trabalha esta conta." in text(answer)


async def test_status_does_not_name_the_other_owner_or_show_their_visit(chat):
    answer = await chat.say("Bruno", "status padaria silva")
    _hides(answer, ANAS + ("Ana", "Carlos"))
    assert "Padaria — filial" in text(answer) and "desconto" in text(answer)
    assert answer.data["owner"] is None
    assert [c["enrolment_id"] for c in answer.data["cadences"]] == [chat.ids["Bruno step"]]
    assert "Another rep also works this account." in text(answer)


async def test_a_manager_sees_the_whole_team_there_and_only_hears_of_other_teams(chat):
    answer = await chat.say("Marina", "status padaria silva")
    assert {d["title"] for d in answer.data["deals"]} == {"Padaria — pães", "Padaria — filial"}
    assert len(answer.data["interactions"]) == 2
    assert {c["enrolment_id"] for c in answer.data["cadences"]} == {
        chat.ids["Ana step"],
        chat.ids["Bruno step"],
    }
    _hides(answer, ("norte", "9.000", "Carlos"))
    assert answer.data["owner"] == "Ana" and answer.data["shared"] is True


async def test_an_admin_sees_everything_and_no_shared_line(chat):
    answer = await chat.say("Admin", "status padaria silva")
    assert len(answer.data["deals"]) == 3
    assert answer.data["shared"] is False
    assert "Another rep" not in text(answer)


async def test_an_account_nobody_else_works_has_no_shared_line(chat):
    answer = await chat.say("Ana", "status acme")
    assert answer.data["shared"] is False
    assert "Outro vendedor" not in text(answer)


# --- next step, and a cadence a rep starts on a shared account --------------------------------


async def test_next_step_and_status_agree_on_the_reps_own_step(chat):
    status = await chat.say("Bruno", "status padaria silva")
    nxt = await chat.say("Bruno", "what's next for padaria silva?")
    assert nxt.data["source"] == "step" and nxt.data["id"] == chat.ids["Bruno step"]
    assert status.data["cadences"][0]["enrolment_id"] == nxt.data["id"]
    assert "Another rep also works this account." in text(nxt)


async def test_a_cadence_a_rep_starts_on_a_shared_account_is_theirs(chat):
    enrolled = await chat.say("Carlos", "colocar a padaria silva na cadência de nutrição")
    assert enrolled.intent == "enroll" and "enrolment" in enrolled.data
    nxt = await chat.say("Carlos", "próximo passo com a padaria silva")
    assert nxt.data.get("id") == enrolled.data["enrolment"]
    owner = await chat.store.read(lambda tx: tx.enrolments.get(enrolled.data["enrolment"]))
    assert owner is not None and owner.owner_id == chat.ids["Carlos"]
    status = await chat.say("Ana", "status padaria silva")
    assert enrolled.data["enrolment"] not in [c["enrolment_id"] for c in status.data["cadences"]]


async def test_next_step_suggestion_counts_only_the_reps_own_touches(chat):
    # Carlos never talked to the Padaria; Ana and Bruno did, which is not his to know.
    answer = await chat.say("Carlos", "próximo passo com a padaria silva")
    assert answer.data["suggestion"] == "first_touch"
    assert "Você ainda não falou com *Padaria Silva Ltda*" in answer.replies[0].text
    assert "Outro vendedor também trabalha esta conta." in text(answer)


# --- agenda ------------------------------------------------------------------------------------


async def test_the_agenda_ranks_a_step_by_the_reps_own_deal_and_touches(chat):
    answer = await chat.say("Ana", "o que tenho hoje?")
    [item] = answer.data["items"]
    assert item["id"] == chat.ids["Ana step"]
    _hides(answer, BRUNOS)
    assert "R$ 50.000,00 × 50%" in text(answer)


async def test_a_shared_accounts_steps_reach_only_their_owners_agenda(chat):
    ana = await chat.say("Ana", "o que tenho hoje?")
    bruno = await chat.say("Bruno", "what's due today?")
    assert [i["id"] for i in ana.data["items"]] == [chat.ids["Ana step"]]
    assert [i["id"] for i in bruno.data["items"]] == [chat.ids["Bruno step"]]
    _hides(bruno, ANAS)


# --- digest ------------------------------------------------------------------------------------


async def test_the_digest_counts_another_teams_cadence_on_a_shared_account_for_nobody(chat):
    await chat.say("Carlos", "colocar a padaria silva na cadência de nutrição")

    def make_due(tx: Tx):
        for who in ("Ana", "Carlos"):
            for enrolment in tx.enrolments.open_for_owner(chat.ids[who]):
                if enrolment.cadence_key == "nurture":
                    tx.enrolments.shift_due(
                        SYSTEM, enrolment, NOW - timedelta(days=3), NOW, "test"
                    )

    await chat.store.write(make_due)
    answer = await chat.say("Marina", "resumo completo")
    [team] = answer.data["teams"]
    overdue = {o["rep"]: o["count"] for o in team["overdue"]}
    assert overdue["Ana"] == 1  # her own exploratory step, not Carlos's nurture
    assert {c["cadence"] for c in team["cadences"]} == {"exploratory"}
    _hides(answer, ("norte", "9.000", "Carlos"))


# --- search: names, and the offer to create an account -----------------------------------------


async def test_a_rep_finds_a_shared_account_by_name(chat):
    answer = await chat.say("Carlos", "status padaria")
    assert answer.entities["account"] == "Padaria Silva Ltda"


async def test_an_account_outside_the_book_is_not_offered_for_creation(chat):
    answer = await chat.say("Ana", "próximo passo com a norte agro")
    assert text(answer) == "Não encontrei *norte agro* entre as suas contas."
    assert buttons(answer) == []
    logged = await chat.say("Ana", "registrar visita na norte agro")
    assert buttons(logged) == []


async def test_a_name_nobody_has_is_still_offered_for_creation(chat):
    answer = await chat.say("Ana", "próximo passo com a sorveteria gelato")
    assert text(answer) == "Não encontrei *sorveteria gelato* entre as suas contas."
    assert [b.action for b in buttons(answer)] == ["account.create", "ask.cancel"]


async def test_a_create_button_for_a_name_taken_meanwhile_makes_no_duplicate(chat):
    offer = await chat.say("Ana", "próximo passo com a sorveteria gelato")
    create = next(b for b in buttons(offer) if b.action == "account.create")

    def someone_else_creates(tx: Tx):  # Carlos creates it before Ana presses her button
        tx.accounts.create_account(
            name="Sorveteria Gelato", owner_id=chat.ids["Carlos"], actor=SYSTEM, now=NOW
        )

    await chat.store.write(someone_else_creates)
    pressed = await chat.press("Ana", create)
    assert "Sorveteria Gelato" not in text(pressed)
    assert "Não encontrei" in text(pressed)
    assert [a.name.lower() for a in await chat.accounts()].count("sorveteria gelato") == 1


# --- pipeline lists ------------------------------------------------------------------------------


async def test_closing_and_stalled_lists_date_a_deal_by_its_owners_touches(chat):
    closing = await chat.say("Bruno", "deals closing this month")
    [filial] = [d for d in closing.data["deals"] if d["title"] == "Padaria — filial"]
    assert filial["last_touch"] == to_db(NOW - timedelta(days=20))  # his call, not Ana's visit
    stalled = await chat.say("Bruno", "stalled deals")
    assert "Padaria — filial" in text(stalled)
    assert "20 days ago" in text(stalled)
