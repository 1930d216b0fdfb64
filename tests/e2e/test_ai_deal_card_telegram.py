"""A deal change the model read, end to end through the real Telegram adapter and fake Bot API:
the model names "Acme" and Ana has two, so she is asked which; her tap (a 64-byte
callback_data) completes the model's reading into a Confirm / Edit / Cancel card; nothing is
stored before Confirm, a second tap stores nothing more, and the deal's one new audit row names
the model and her."""

from __future__ import annotations

from benchmarks.fakes.telegram_api import callback_update, message_update
from storage.audit import Actor
from tests.e2e import test_ai_voice_telegram as voice_e2e
from tests.e2e.test_ai_voice_telegram import ANA
from tests.e2e.test_telegram import Clock, Ritmo

servers = voice_e2e.servers  # the fake Bot API and the fake model endpoint

READING = {
    "intent": "stage_change",
    "entities": {
        **dict.fromkeys(("contact", "kind", "date", "period", "amount", "cadence", "reason")),
        "account": "Acme",
        "stage": "proposal",
        "body": "",
    },
}


async def test_an_ambiguous_name_the_model_read_becomes_its_card_and_one_write(
    store_url, servers
) -> None:
    telegram, model = servers
    clock = Clock()
    app, adapter = await voice_e2e._start(store_url, telegram, model, clock)
    try:
        ritmo = Ritmo(app, adapter, telegram, clock)
        ana = await ritmo.linked(ANA)

        def two_acmes(tx):
            made = []
            for title in ("Acme um", "Acme dois"):
                account = tx.accounts.create_account(
                    name="Acme", owner_id=ana.id, actor=Actor(None, "test"), now=clock()
                )
                made.append(
                    tx.deals.create_deal(
                        account_id=account.id,
                        owner_id=ana.id,
                        title=title,
                        stage_key="qualification",
                        amount=10_000,
                        actor=Actor(None, "test"),
                        now=clock(),
                    ).id
                )
            return made

        first, second = await ritmo.store.write(two_acmes)
        model.say(READING)
        (question,) = await ritmo.send(message_update(ANA, "a acme quer proposta já"))
        assert "Qual destas" in question.text and len(question.buttons) == 2
        (card,) = await ritmo.send(
            callback_update(ANA, question.buttons[1]["callback_data"], question.result)
        )
        assert "lido por IA, fake-model" in card.text
        assert "de Qualificação para Proposta" in card.text
        assert [b["text"] for b in card.buttons] == ["Confirmar", "Editar", "Cancelar"]

        async def stages() -> list[tuple]:
            deals = await ritmo.store.read(
                lambda tx: [tx.deals.get_deal(i) for i in (first, second)]
            )
            return [(d.title, d.stage_key) for d in deals if d is not None]

        assert await stages() == [
            ("Acme um", "qualification"),
            ("Acme dois", "qualification"),
        ]
        confirm = card.buttons[0]["callback_data"]
        await ritmo.send(callback_update(ANA, confirm, card.result))
        await ritmo.send(callback_update(ANA, confirm, card.result))
        moved = await stages()
        assert sorted(stage for _, stage in moved) == ["proposal", "qualification"]
        chosen = first if moved[0][1] == "proposal" else second
        audit = [
            e.reason or ""
            for e in await ritmo.store.read(lambda tx: tx.audit.entries("deal", chosen))
            if e.actor == f"person:{ana.id}"
        ]
        assert len(audit) == 1 and "read by AI (fake-model)" in audit[0]
        assert len(model.chat_calls()) == 1
    finally:
        await app.close()
