"""A Spanish-speaking seller on Telegram, end to end: everything ritmo writes is Spanish.

ritmo reads sentences in Portuguese and English only (README, "Talking to ritmo"), so a
Spanish speaker types commands, taps buttons or writes the English phrases ritmo suggests;
the answers, the menu, the reminders and their buttons come back in Spanish.
"""

from __future__ import annotations

from benchmarks.fakes.telegram_api import callback_update, command_update, message_update, user
from storage.audit import Actor
from tests.e2e.test_telegram import fake, ritmo  # noqa: F401  (the running bot and fake API)

SOFIA = user(777, "Sofía", language_code="es")
STRANGER = user(778, "Diego", language_code="es-419")


async def test_the_menu_is_registered_in_spanish(ritmo, fake):  # noqa: F811
    by_language = {c.params.get("language_code"): c for c in fake.calls_of("setMyCommands")}
    spanish = {c["command"]: c["description"] for c in by_language["es"].params["commands"]}
    assert spanish["today"] == "Lo que tengo para hoy"
    assert spanish["help"] == "Lo que sé hacer"


async def test_a_stranger_is_refused_in_spanish(ritmo):  # noqa: F811
    [reply] = await ritmo.send(message_update(STRANGER, "hola"))
    assert reply.text.startswith("¡Hola! Todavía no te conozco.")


async def test_a_spanish_seller_links_asks_and_gets_spanish_answers(ritmo):  # noqa: F811
    person, code = await ritmo.person("Sofía Ramírez", locale="es")
    [linked] = await ritmo.send(command_update(SOFIA, "start", code))
    assert "¡Listo, Sofía Ramírez!" in linked.text and "Tu cuenta está vinculada" in linked.text
    [today] = await ritmo.send(command_update(SOFIA, "today"))
    assert today.text == "Nada para hoy ni atrasado. ¡Buen trabajo!"
    [help_text] = await ritmo.send(message_update(SOFIA, "help"))
    assert "Llevo el ritmo de tus ventas" in help_text.text
    [pipeline] = await ritmo.send(message_update(SOFIA, "my pipeline"))
    assert "Pipeline" in pipeline.text and "ponderado" in pipeline.text
    assert "Prospección" in pipeline.text  # stage names from the labels table
    [unclear] = await ritmo.send(message_update(SOFIA, "blorp zxqv"))
    assert "leo frases en inglés o portugués" in unclear.text
    assert person.locale == "es"


async def test_a_reminder_reaches_her_in_spanish_and_a_tap_marks_it_done(ritmo, fake):  # noqa: F811
    from cadence_jobs import scan, workflow
    from cadence_jobs.dispatcher import Dispatcher as Outbox
    from cadence_jobs.jobs import install_cadences
    from handlers.conversation.presenter import ChatPresenter

    person, code = await ritmo.person("Sofía Ramírez", locale="es")
    await ritmo.send(command_update(SOFIA, "start", code))
    options = ritmo.app.settings.options()

    def seed(tx):
        install_cadences(tx, ritmo.app.settings)
        acme = tx.accounts.create_account(
            name="Acme", owner_id=person.id, actor=Actor(None, "test"), now=ritmo.clock()
        )
        return workflow.enrol(
            tx,
            actor=Actor.person(person.id),
            cadence_key="exploratory",
            account_id=acme.id,
            owner_id=person.id,
            now=ritmo.clock(),
            options=options,
        )

    enrolment = await ritmo.store.write(seed)
    assert await ritmo.store.write(scan.queue_due, ritmo.clock(), options) == 1
    await Outbox(
        ritmo.store,
        {"telegram": ritmo.adapter.deliver},
        options,
        ritmo.clock,
        presenter=ChatPresenter(),
    ).drain()

    [reminder] = fake.sent_to(777)[-1:]
    assert "paso 1 de 7" in reminder.text and "Prospección exploratoria" in reminder.text
    assert "Enviar el correo de primer acercamiento" in reminder.text
    labels = [b["text"] for b in reminder.buttons]
    assert labels[:3] == ["Hecho", "Omitir", "Posponer"]
    press = callback_update(SOFIA, reminder.buttons[0]["callback_data"], reminder.result)
    await ritmo.send(press)
    after = await ritmo.store.read(lambda tx: tx.enrolments.get(enrolment.id))
    assert after.step_index == 1
