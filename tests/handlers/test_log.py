"""Logging: stored once per message, confirm card for several facts, create on confirmation."""

from __future__ import annotations

from storage.interface import Tx
from tests.handlers.conftest import button, buttons, text
from tests.sqlite_raw import raw


async def test_a_plain_log_is_stored_with_its_body_and_time(chat):
    answer = await chat.say("Ana", "liguei pra Padaria Silva ontem às 15h, falaram de prazo")
    assert answer.intent == "log"
    assert answer.entities["account"] == "Padaria Silva Ltda"
    rows = await chat.sql(
        "SELECT kind, body, occurred_at FROM interactions WHERE id = ?",
        answer.data["interaction_id"],
    )
    assert rows[0][0] == "call"
    assert "prazo" in rows[0][1]
    assert rows[0][2] == "2026-11-17T18:00:00+00:00"  # 15h in São Paulo
    assert "Registrei ligação com *Padaria Silva Ltda*" in text(answer)
    assert "Nada marcado com *Padaria Silva Ltda*" in text(answer)


async def test_a_redelivered_message_is_stored_once(chat):
    first = await chat.say("Ana", "visitei a ACME", message_id="tg-77")
    again = await chat.say("Ana", "visitei a ACME", message_id="tg-77")
    assert first.data["written"] and not again.data["written"]
    [(count,)] = await chat.sql(
        "SELECT count(*) FROM interactions WHERE source_message_id = ?", "tg-77"
    )
    assert count == 1


async def test_several_facts_make_a_card_and_nothing_is_written_before_confirming(chat):
    before = await chat.sql("SELECT count(*) FROM interactions")
    card = await chat.say(
        "Ana", "visitei a Padaria Silva hoje, pediram orçamento de R$ 50 mil, ligar de novo terça"
    )
    assert card.data == {"card": True, "written": False, "facts": 3}
    assert await chat.sql("SELECT count(*) FROM interactions") == before
    body = text(card)
    assert "R$ 50.000,00" in body and "ligação" in body and "24 de nov." in body
    assert {b.action for b in buttons(card)} == {"log.confirm", "log.edit", "ask.cancel"}

    done = await chat.press("Ana", button(card, "log.confirm"))
    assert done.data["written"]
    [(amount,)] = await chat.sql(
        "SELECT amount FROM deals WHERE id = ?", chat.ids["Padaria — pães"]
    )
    assert amount == 50_000
    [(kind, due)] = await chat.sql("SELECT kind, due_date FROM follow_ups")
    assert (kind, due) == ("call", "2026-11-24")
    [(audits,)] = await chat.sql(
        "SELECT count(*) FROM audit_log WHERE entity = 'deal' AND action = 'update'"
    )
    assert audits == 1


async def test_cancelling_a_card_writes_nothing(chat):
    card = await chat.say("Ana", "visitei a Padaria Silva, pediram 120k, ligar sexta")
    await chat.press("Ana", button(card, "ask.cancel"))
    assert await chat.sql("SELECT count(*) FROM follow_ups") == [(0,)]


async def test_an_unknown_account_is_offered_for_creation_not_created(chat):
    answer = await chat.say("Ana", "registrar visita na Zebra Têxtil")
    assert answer.entities["account"] is None
    assert await chat.sql("SELECT count(*) FROM accounts WHERE name = 'Zebra Têxtil'") == [(0,)]
    created = await chat.press("Ana", button(answer, "account.create"))
    [(owner,)] = await chat.sql("SELECT owner_id FROM accounts WHERE name = 'Zebra Têxtil'")
    assert owner == chat.ids["Ana"]
    assert created.data["written"]


async def test_close_names_become_a_question(chat):
    answer = await chat.say("Marina", "liguei pra silva")
    assert set(answer.entities["account"]) == {"Padaria Silva Ltda", "Silva Transportes"}
    choice = button(answer, "pick.account", account_id=chat.ids["Silva Transportes"])
    done = await chat.press("Marina", choice)
    [(account,)] = await chat.sql(
        "SELECT account_id FROM interactions WHERE id = ?", done.data["interaction_id"]
    )
    assert account == chat.ids["Silva Transportes"]


async def test_a_contact_at_an_account_is_recognised(chat):
    answer = await chat.say("Ana", "liguei pro João da Padaria Silva")
    assert answer.entities["contact"] == "João Pereira"
    [(contact,)] = await chat.sql(
        "SELECT contact_id FROM interactions WHERE id = ?", answer.data["interaction_id"]
    )
    assert contact is not None


async def test_logging_offers_to_mark_a_matching_due_step_done(chat):
    def enrol(tx: Tx):
        raw(tx).execute(
            "INSERT INTO cadences (key, name_pt, name_en, kind, definition, updated_at)"
            " VALUES ('exploratory', 'Exploratória', 'Exploratory', 'exploratory',"
            ' \'{"steps": [{"channel": "call"}]}\', \'2026-11-01T00:00:00+00:00\')'
        )
        raw(tx).execute(
            "INSERT INTO enrolments (cadence_key, account_id, owner_id, step_index,"
            " due_at, started_at, updated_at) VALUES ('exploratory', ?, ?, 0,"
            " '2026-11-18T12:00:00+00:00', '2026-11-01T00:00:00+00:00',"
            " '2026-11-01T00:00:00+00:00')",
            (chat.ids["ACME Indústria S.A."], chat.ids["Ana"]),
        )

    await chat.store.write(enrol)
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
    [(kind, attachment)] = await chat.sql(
        "SELECT kind, attachment FROM interactions WHERE id = ?", answer.data["interaction_id"]
    )
    assert (kind, attachment) == ("visit", "AgACAgEAAxkBAAIB")


async def test_the_reply_names_the_earliest_planned_item_whether_step_or_follow_up(chat):
    from datetime import UTC, date, datetime

    from storage.audit import Actor

    acme, ana = chat.ids["ACME Indústria S.A."], chat.ids["Ana"]

    def plan(tx: Tx, follow_up_day: date):
        raw(tx).execute("DELETE FROM follow_ups")
        raw(tx).execute(
            "INSERT OR IGNORE INTO cadences (key, name_pt, name_en, kind, definition, updated_at)"
            " VALUES ('exploratory', 'Exploratória', 'Exploratory', 'exploratory',"
            ' \'{"steps": [{"channel": "email"}]}\', \'2026-11-01T00:00:00+00:00\')'
        )
        raw(tx).execute(
            "INSERT OR IGNORE INTO enrolments (id, cadence_key, account_id, owner_id, step_index,"
            " due_at, started_at, updated_at) VALUES (900, 'exploratory', ?, ?, 0,"
            " '2026-11-25T12:00:00+00:00', '2026-11-01T00:00:00+00:00',"
            " '2026-11-01T00:00:00+00:00')",
            (acme, ana),
        )
        tx.interactions.add_follow_up(
            person_id=ana,
            kind="call",
            due=follow_up_day,
            actor=Actor.system("test"),
            now=datetime.now(UTC),
            account_id=acme,
        )

    await chat.store.write(plan, date(2026, 11, 21))
    first = text(await chat.say("Ana", "liguei pra acme"))
    assert "Próximo passo: ligação — retorno combinado (sáb., 21 de nov.)" in first

    await chat.store.write(plan, date(2026, 11, 27))
    second = text(await chat.say("Ana", "liguei pra acme de novo"))
    assert "Próximo passo: e-mail — passo 1 de Exploratória (qua., 25 de nov.)" in second


async def test_a_log_is_linked_to_the_reps_one_open_deal_at_the_account(chat):
    from tests.handlers.conftest import NOW, SYSTEM

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
    linked = await chat.sql(
        "SELECT deal_id FROM interactions WHERE id IN (?, ?) ORDER BY id",
        answer.data["interaction_id"],
        acme.data["interaction_id"],
    )
    assert linked == [(chat.ids["Padaria — pães"],), (chat.ids["ACME — linha 2"],)]


async def test_a_log_is_not_linked_when_the_rep_has_several_open_deals_there(chat):
    from tests.handlers.conftest import NOW, SYSTEM

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
    [(deal_id,)] = await chat.sql(
        "SELECT deal_id FROM interactions WHERE id = ?", answer.data["interaction_id"]
    )
    assert deal_id is None
