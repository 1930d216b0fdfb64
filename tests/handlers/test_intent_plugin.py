"""An intent is a plug-in: one capability module and one line in the router list.

A tiny "brochure" intent, defined here and never shipped, is what a capability module of
handlers/conversation/ would hold: its name, its cue phrases per locale as data, the entity it
wants and its router. Listed the way a real one is (one more entry in bot.app.build_routers),
with nothing else changed, a rep writing in pt-BR, English or Spanish reaches its handler
through the real App and Dispatcher, is answered from that locale's catalogue about the
account of their book the sentence named; the answer carries the intent and the account.
What a built-in intent reads is never taken by it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

import bot.app as app_module
from bot.app import App
from bot.config import Settings
from handlers.kernel import i18n
from handlers.kernel.context import Context
from handlers.kernel.markup import esc
from handlers.kernel.messages import Answer, Incoming, Reply, Sender
from handlers.kernel.router import Router
from handlers.understanding.parse import Parsed
from handlers.understanding.plugins import IntentPlugin
from storage.audit import CLI
from storage.interface import Tx

NOW = datetime(2026, 12, 7, 13, 0, tzinfo=UTC)

# --- the module a new capability would be (handlers/conversation/brochure.py) -------------
INTENT = IntentPlugin(
    name="brochure",
    cues={
        "pt-BR": ("manda o folder", "envia o folder"),
        "en": ("send the brochure",),
        "es": ("envía el folleto", "manda el folleto"),
    },
    entities=frozenset({"name"}),
)
router = Router("brochure", reads=(INTENT,))


@router.intent("brochure")
async def send_brochure(msg: Incoming, ctx: Context, parsed: Parsed) -> Answer:
    # A msgid every locale's catalogue holds ("*{account}* has no contact on file."): the
    # answer a real module would give from its own msgids.
    text = ctx.t("book.contacts.none", account=esc(parsed.name or ""))
    return Answer([Reply(text)], intent="brochure", entities={"account": parsed.name})


# -------------------------------------------------------------------------------------------


@pytest.fixture
def listed(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The one line: the router list gains an entry."""
    routers = app_module.build_routers
    monkeypatch.setattr(app_module, "build_routers", lambda: [*routers(), router])
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


async def test_without_the_line_the_message_is_not_read_as_the_intent(tmp_path: Path) -> None:
    app = await _app(tmp_path)
    try:
        assert app.dispatcher is not None
        answer = await app.dispatcher.handle(_said("Emma", "send the brochure to Acme Emma"))
    finally:
        await app.close()
    assert answer.intent != "brochure"
