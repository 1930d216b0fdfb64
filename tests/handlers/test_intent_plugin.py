"""An intent is a plug-in: one module dropped into handlers/plugins/.

tests/data/plugins/brochure.py is such a module (a tiny "brochure" intent, never shipped). With
that folder on handlers.plugins' path, as if the file had been copied there, and nothing else
changed, a rep writing in pt-BR, English or Spanish reaches its handler through the real App
and Dispatcher, is answered from that locale's catalogue about the account of their book the
sentence named; the answer carries the intent and the account. What a built-in intent reads
is never taken by it, and without the file the same sentence is not a brochure.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

import handlers.plugins
from bot.app import App, build_routers
from bot.config import Settings
from handlers.kernel import i18n
from handlers.kernel.messages import Incoming, Sender
from storage.audit import CLI
from storage.interface import Tx

NOW = datetime(2026, 12, 7, 13, 0, tzinfo=UTC)
EXAMPLES = Path(__file__).resolve().parents[1] / "data" / "plugins"


@pytest.fixture
def listed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The one file: brochure.py is in the plug-in package."""
    monkeypatch.setattr(handlers.plugins, "__path__", [*handlers.plugins.__path__, str(EXAMPLES)])
    yield


async def _app(tmp_path: Path) -> App:
    app = App(Settings.from_env({"RITMO_DB": str(tmp_path / "ritmo.db")}), now=lambda: NOW)
    await app.open()
    assert app.store is not None

    def people(tx: Tx) -> None:
        for name, locale in (("Paula", "pt-BR"), ("Emma", "en"), ("Sofía", "es")):
            person = tx.people.add_person(
                name=name, role="rep", timezone="UTC", locale=locale, actor=CLI, now=NOW
            )
            tx.people.link_identity(person.id, "console", name, name, CLI, NOW)
            tx.accounts.create_account(name=f"Acme {name}", owner_id=person.id, actor=CLI, now=NOW)

    await app.store.write(people)
    return app


def _said(who: str, text: str) -> Incoming:
    return Incoming(Sender("console", who), who, f"{who}-{text}", text=text)


@pytest.mark.parametrize(
    ("who", "locale", "text"),
    [
        ("Paula", "pt-BR", "manda o folder pra Acme Paula"),
        ("Emma", "en", "Send the brochure to Acme Emma please"),
        ("Sofía", "es", "manda el folleto a Acme Sofía"),
    ],
)
async def test_a_declared_intent_is_answered_in_each_locale_through_the_dispatcher(
    listed: None, tmp_path: Path, who: str, locale: str, text: str
) -> None:
    app = await _app(tmp_path)
    try:
        assert app.dispatcher is not None
        answer = await app.dispatcher.handle(_said(who, text))
    finally:
        await app.close()
    assert answer.intent == "brochure"
    assert answer.entities == {"account": f"Acme {who}"}
    expected = i18n.t(locale, "book.contacts.none", account=f"Acme {who}")
    assert [r.text for r in answer.replies] == [expected]
    others = {i18n.t(lc, "book.contacts.none", account="x") for lc in i18n.LOCALES}
    assert len(others) == 3  # the three locales really answer differently


async def test_a_built_in_reading_is_not_taken_by_a_declared_intent(
    listed: None, tmp_path: Path
) -> None:
    app = await _app(tmp_path)
    try:
        assert app.dispatcher is not None
        # "envía" is also Portuguese's "sends" (a logging verb): the built-in reading says a
        # call or email was logged, and the plug-in's cue in the same words changes nothing.
        logged = await app.dispatcher.handle(_said("Sofía", "envía el folleto a Acme Sofía"))
        asked = await app.dispatcher.handle(
            _said("Emma", "what's my pipeline? then send the brochure to Acme Emma")
        )
    finally:
        await app.close()
    assert logged.intent == "log"
    assert asked.intent == "pipeline"


def test_the_plug_in_is_found_in_the_package_and_listed_before_the_model_s_router(
    listed: None,
) -> None:
    names = [r.name for r in build_routers()]
    assert names.count("brochure") == 1
    assert names.index("brochure") < names.index("ai")


async def test_without_the_file_the_message_is_not_read_as_the_intent(tmp_path: Path) -> None:
    app = await _app(tmp_path)
    try:
        assert app.dispatcher is not None
        answer = await app.dispatcher.handle(_said("Emma", "send the brochure to Acme Emma"))
    finally:
        await app.close()
    assert answer.intent != "brochure"
