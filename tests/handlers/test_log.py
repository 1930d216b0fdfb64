"""Logging: stored once per message, confirm card for several facts, create on confirmation."""

from __future__ import annotations

from datetime import UTC, date, datetime

from storage.interface import Tx
from tests.handlers.conftest import NOW, SYSTEM, button, buttons, text

EXPLORATORY = {
    "key": "exploratory",
    "name": {"pt-BR": "Exploratória", "en": "Exploratory"},
    "kind": "exploratory",
    "steps": [{"channel": "call"}],
}
STARTED = datetime(2026, 11, 1, tzinfo=UTC)


def _enrol_acme(tx: Tx, chat, channel: str, due_at: datetime) -> None:
    """ACME in a one-step cadence of Ana's (installed and enrolled as `ritmo` does)."""
    tx.cadences.install(
        [{**EXPLORATORY, "steps": [{"channel": channel}]}], "test", SYSTEM, STARTED
    )
    acme, ana = chat.ids["ACME Indústria S.A."], chat.ids["Ana"]
    if tx.enrolments.open_in_cadence(acme, "exploratory", ana) is None:
        tx.enrolments.create(
            actor=SYSTEM,
            cadence_key="exploratory",
            account_id=acme,
            owner_id=ana,
            due_at=due_at,
            now=STARTED,
        )


async def test_a_plain_log_is_stored_with_its_body_and_time(chat):
    answer = await chat.say("Ana", "liguei pra Padaria Silva ontem às 15h, falaram de prazo")
    assert answer.intent == "log"
    assert answer.entities["account"] == "Padaria Silva Ltda"
    logged = await chat.interaction(answer.data["interaction_id"])
    assert logged.kind == "call"
    assert "prazo" in logged.body
    assert logged.occurred_at == "2026-11-17T18:00:00+00:00"  # 15h in São Paulo
    assert "Registrei ligação com *Padaria Silva Ltda*" in text(answer)
    assert "Nada marcado com *Padaria Silva Ltda*" in text(answer)


async def test_a_redelivered_message_is_stored_once(chat):
    before = len(await chat.logged())
    first = await chat.say("Ana", "visitei a ACME", message_id="tg-77")
    again = await chat.say("Ana", "visitei a ACME", message_id="tg-77")
    assert first.data["written"] and not again.data["written"]
    assert first.data["interaction_id"] == again.data["interaction_id"]
    assert len(await chat.logged()) == before + 1


async def test_several_facts_make_a_card_and_nothing_is_written_before_confirming(chat):
    before = await chat.logged()
    card = await chat.say(
        "Ana", "visitei a Padaria Silva hoje, pediram orçamento de R$ 50 mil, ligar de novo terça"
    )
    assert card.data == {"card": True, "written": False, "facts": 3}
    assert await chat.logged() == before
    body = text(card)
    assert "R$ 50.000,00" in body and "ligação" in body and "24 de nov." in body
    assert {b.action for b in buttons(card)} == {"log.confirm", "log.edit", "ask.cancel"}

    done = await chat.press("Ana", button(card, "log.confirm"))
    assert done.data["written"]
    assert (await chat.deal(chat.ids["Padaria — pães"])).amount == 50_000
    [follow_up] = await chat.follow_ups()
    assert (follow_up.kind, follow_up.due_date) == ("call", "2026-11-24")
    assert len(await chat.audit("deal", chat.ids["Padaria — pães"], "update")) == 1


async def test_cancelling_a_card_writes_nothing(chat):
    card = await chat.say("Ana", "visitei a Padaria Silva, pediram 120k, ligar sexta")
    await chat.press("Ana", button(card, "ask.cancel"))
    assert await chat.follow_ups() == []


async def test_an_unknown_account_is_offered_for_creation_not_created(chat):
    answer = await chat.say("Ana", "registrar visita na Zebra Têxtil")
    assert answer.entities["account"] is None
    assert await chat.accounts("Zebra Têxtil") == []
    created = await chat.press("Ana", button(answer, "account.create"))
    [zebra] = await chat.accounts("Zebra Têxtil")
    assert zebra.owner_id == chat.ids["Ana"]
    assert created.data["written"]


async def test_close_names_become_a_question(chat):
    answer = await chat.say("Marina", "liguei pra silva")
    assert set(answer.entities["account"]) == {"Padaria Silva Ltda", "Silva Transportes"}
    choice = button(answer, "pick.account", account_id=chat.ids["Silva Transportes"])
    done = await chat.press("Marina", choice)
    logged = await chat.interaction(done.data["interaction_id"])
    assert logged.account_id == chat.ids["Silva Transportes"]


async def test_a_contact_at_an_account_is_recognised(chat):
    answer = await chat.say("Ana", "liguei pro João da Padaria Silva")
    assert answer.entities["contact"] == "João Pereira"
    assert (await chat.interaction(answer.data["interaction_id"])).contact_id is not None


async def test_logging_offers_to_mark_a_matching_due_step_done(chat):
    await chat.store.write(_enrol_acme, chat, "call", datetime(2026, 11, 18, 12, tzinfo=UTC))
    answer = await chat.say("Ana", "liguei pra acme")
    mark = button(answer, "step.done")
    assert dict(mark.args) == {"enrolment": answer.data["due_step"], "step": 0}


async def test_a_photo_sent_with_a_caption_keeps_its_file_reference(chat):
    from handlers.kernel.messages import Attachment, Incoming, Sender

    msg = Incoming(
        Sender("console", "ana"),
        "ana",
        "photo-1",
        text="visitei a Padaria Silva",
        attachments=(Attachment("photo", "AgACAgEAAxkBAAIB"),),
    )
    answer = await chat.dispatcher.handle(msg)
    assert (await chat.interaction(answer.data["interaction_id"])).kind == "visit"
    kept = await chat.store.read(
        lambda tx: tx.interactions.attachment(answer.data["interaction_id"])
    )
    assert kept == "AgACAgEAAxkBAAIB"


async def test_the_reply_names_the_earliest_planned_item_whether_step_or_follow_up(chat):
    acme, ana = chat.ids["ACME Indústria S.A."], chat.ids["Ana"]

    def plan(tx: Tx, follow_up_day: date):
        for earlier in tx.interactions.follow_ups_due(ana, date.max):
            tx.tasks.close(earlier.id, ana, "cancelled", SYSTEM, NOW)
        _enrol_acme(tx, chat, "email", datetime(2026, 11, 25, 12, tzinfo=UTC))
        tx.interactions.add_follow_up(
            person_id=ana, kind="call", due=follow_up_day, actor=SYSTEM, now=NOW, account_id=acme
        )

    await chat.store.write(plan, date(2026, 11, 21))
    first = text(await chat.say("Ana", "liguei pra acme"))
    assert "Próximo passo: ligação — retorno combinado (sáb., 21 de nov.)" in first

    await chat.store.write(plan, date(2026, 11, 27))
    second = text(await chat.say("Ana", "liguei pra acme de novo"))
    assert "Próximo passo: e-mail — passo 1 de Exploratória (qua., 25 de nov.)" in second


async def test_a_log_is_linked_to_the_reps_one_open_deal_at_the_account(chat):
    # Bruno's deal at the same account is his, not a second one of Ana's.
    await chat.store.write(
        lambda tx: tx.deals.create_deal(
            account_id=chat.ids["Padaria Silva Ltda"],
            owner_id=chat.ids["Bruno"],
            title="Padaria — Bruno",
            stage_key="proposal",
            amount=1,
            actor=SYSTEM,
            now=NOW,
        )
    )
    answer = await chat.say("Ana", "liguei pra Padaria Silva, falaram de prazo")
    acme = await chat.say("Ana", "visitei a ACME, tudo certo")  # one open, one won
    linked = [(await chat.interaction(a.data["interaction_id"])).deal_id for a in (answer, acme)]
    assert linked == [chat.ids["Padaria — pães"], chat.ids["ACME — linha 2"]]


async def test_a_log_is_not_linked_when_the_rep_has_several_open_deals_there(chat):
    await chat.store.write(
        lambda tx: tx.deals.create_deal(
            account_id=chat.ids["Padaria Silva Ltda"],
            owner_id=chat.ids["Ana"],
            title="Padaria — bolos",
            stage_key="proposal",
            amount=1,
            actor=SYSTEM,
            now=NOW,
        )
    )
    answer = await chat.say("Ana", "liguei pra Padaria Silva, falaram de prazo")
    assert (await chat.interaction(answer.data["interaction_id"])).deal_id is None
