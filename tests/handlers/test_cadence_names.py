"""Cadence names are read in the reader's language wherever they are shown: the agenda's lines
(due steps), what comes next after a log (the account's next steps) and the digest's cadence
table. The names come from the labels table, written from the cadence files' name tables; a
language a file does not name reads English, and a row with no name at all its key
(storage.labels.cadence_name)."""

from __future__ import annotations

from pathlib import Path

from bot.config import Settings
from cadence_jobs import workflow
from cadence_jobs.jobs import install_cadences
from handlers.kernel.context import Options
from storage import labels
from storage.interface import Tx
from tests.handlers.conftest import NOW, SYSTEM, add_people, button, text

# The built-in nurture cadence's name table (cadence_jobs/builtin/nurture.toml).
NAMES = {"pt-BR": "Nutrição", "en": "Nurture", "es": "Nutrición"}


async def _people(stub_chat, cadence: str = "nurture", folder: Path | None = None) -> None:
    """A Spanish rep and manager (team Oeste) and an English manager (team Leste) beside the
    fixture's people, each rep with one account enrolled in `cadence` now."""

    def write(tx: Tx) -> None:
        install_cadences(tx, Settings(cadence_folder=str(folder)) if folder else Settings())
        add_people(
            tx,
            stub_chat.ids,
            [
                ("Sofía", "manager", "Oeste", "es"),
                ("Diego", "rep", "Oeste", "es"),
                ("Emma", "manager", "Leste", "en"),
                ("Liam", "rep", "Leste", "en"),
            ],
        )
        for account, owner in (("Oeste Foods", "Diego"), ("Leste Labs", "Liam")):
            stub_chat.ids[account] = tx.accounts.create_account(
                name=account, owner_id=stub_chat.ids[owner], actor=SYSTEM, now=NOW
            ).id
        for account, owner in (
            ("Padaria Silva Ltda", "Ana"),
            ("Oeste Foods", "Diego"),
            ("Leste Labs", "Liam"),
        ):
            workflow.enrol(
                tx,
                actor=SYSTEM,
                cadence_key=cadence,
                account_id=stub_chat.ids[account],
                owner_id=stub_chat.ids[owner],
                now=NOW,
                options=Options(),
            )

    await stub_chat.store.write(write)


def _only(said: str, name: str) -> None:
    """`said` names the cadence as `name` and in no other language."""
    assert name in said, said
    assert not [other for other in set(NAMES.values()) - {name} if other in said], said


async def test_the_agenda_names_the_cadence_in_the_readers_language(stub_chat) -> None:
    await _people(stub_chat)
    for who, question, locale in (
        ("Ana", "o que tenho hoje?", "pt-BR"),
        ("Liam", "what's due today?", "en"),
        ("Diego", "what's due today?", "es"),  # Spanish is read back, not yet understood
    ):
        answer = await stub_chat.say(who, question)
        assert answer.intent == "agenda", (who, answer.intent)
        _only(text(answer), NAMES[locale])


async def test_what_comes_next_after_a_log_names_the_cadence_in_the_readers_language(
    stub_chat,
) -> None:
    await _people(stub_chat)
    for who, said, locale in (
        ("Ana", "liguei para a Padaria Silva, vão pensar", "pt-BR"),
        ("Liam", "called Leste Labs, they will think about it", "en"),
        ("Diego", "called Oeste Foods, they will think about it", "es"),
    ):
        answer = await stub_chat.say(who, said)
        if any(b.action == "log.confirm" for r in answer.replies for b in r.all_buttons()):
            answer = await stub_chat.press(who, button(answer, "log.confirm"))
        assert answer.intent == "log", (who, answer.intent, text(answer))
        _only(text(answer), NAMES[locale])


async def test_the_digest_names_the_cadences_in_the_managers_language(stub_chat) -> None:
    await _people(stub_chat)
    for manager, locale in (("Marina", "pt-BR"), ("Emma", "en"), ("Sofía", "es")):
        answer = await stub_chat.say(manager, "digest")
        _only(text(answer), NAMES[locale])


async def test_a_language_the_cadence_file_lacks_reads_english(stub_chat, tmp_path) -> None:
    folder = tmp_path / "cadences"
    folder.mkdir()
    (folder / "visits.toml").write_text(
        'key = "visits"\nkind = "custom"\n\n[name]\npt-BR = "Visitas"\nen = "Field visits"\n\n'
        '[[steps]]\nwait = 0\nchannel = "visit"\n\n[steps.action]\n'
        'pt-BR = "Visitar"\nen = "Visit"\n',
        encoding="utf-8",
    )
    await _people(stub_chat, cadence="visits", folder=folder)
    spanish = text(await stub_chat.say("Diego", "what's due today?"))
    assert "Field visits" in spanish and "Visitas" not in spanish
    portuguese = text(await stub_chat.say("Ana", "o que tenho hoje?"))
    assert "Visitas" in portuguese and "Field visits" not in portuguese


def test_the_fallback_rule_is_locale_then_english_then_key() -> None:
    assert labels.cadence_name("es", NAMES, "nurture") == "Nutrición"
    assert labels.cadence_name("pt-BR", NAMES, "nurture") == "Nutrição"
    assert labels.cadence_name("es", {"pt-BR": "Visitas", "en": "Field visits"}, "v") == (
        "Field visits"
    )
    assert labels.cadence_name("es", {"pt-BR": "Visitas", "en": None}, "visits") == "visits"
    assert labels.cadence_name("fr", {}, "visits") == "visits"


def test_a_reminder_and_a_cadence_card_follow_the_same_rule() -> None:
    from cadence_jobs.definitions import load_text
    from handlers.conversation.reminders import reminder_text

    payload = {
        "cadence": "visits",
        "cadence_name": {"pt-BR": "Visitas", "en": "Field visits"},
        "channel": "visit",
        "step_index": 0,
        "account": "Oeste Foods",
    }
    assert "Field visits" in reminder_text(payload, "es")
    assert "Visitas" in reminder_text(payload, "pt-BR")
    cadence = load_text(
        'key = "visits"\nkind = "custom"\n[name]\npt-BR = "Visitas"\nen = "Field visits"\n'
        '[[steps]]\nwait = 0\nchannel = "visit"\n[steps.action]\npt-BR = "Visitar"\nen = "Visit"\n',
        "visits.toml",
    )
    assert [cadence.name.get(lc) for lc in ("pt-BR", "en", "es")] == [
        "Visitas",
        "Field visits",
        "Field visits",
    ]
    assert cadence.steps[0].action.get("es") == "Visitar"  # a step's text keeps its own rule
