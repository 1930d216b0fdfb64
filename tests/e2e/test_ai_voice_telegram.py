"""Voice note to stored interaction, end to end: the real Telegram adapter and fake Bot API
(getFile and the file download), the fake OpenAI-compatible endpoint for the transcript, and
a confirm card pressed once; the API key never reaches a log line."""

from __future__ import annotations

import io
import logging

import pytest

from benchmarks.fakes.openai_api import API_KEY, FakeOpenAI
from benchmarks.fakes.telegram_api import TOKEN, FakeTelegram, callback_update, user, voice_update
from bot.app import App
from bot.channels.telegram import adapter as tg
from bot.config import Settings
from bot.logs import build_handler
from storage.audit import Actor
from tests.e2e.test_telegram import Clock, Ritmo

ANA = user(501, "Ana", language_code="pt-br")
OGG = b"OggS" + bytes(4096)


@pytest.fixture
async def servers():
    async with FakeTelegram() as telegram, FakeOpenAI() as model:
        yield telegram, model


@pytest.fixture
def logs():
    out = io.StringIO()
    root = logging.getLogger()
    old, level = root.handlers[:], root.level
    root.handlers[:] = [build_handler("json", secrets=[], stream=out)]  # nothing masked here
    root.setLevel(logging.DEBUG)
    yield out
    root.handlers[:] = old
    root.setLevel(level)


async def _start(where, telegram: FakeTelegram, model: FakeOpenAI, clock: Clock, **env):
    """The App on the store at `where` (a SQLite path or a PostgreSQL URL), Telegram and the
    model endpoint both fakes."""
    settings = Settings.from_env(
        {
            "RITMO_DB": str(where),
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "TELEGRAM_API_BASE_URL": telegram.base_url,
            "RITMO_AI_BASE_URL": model.base_url,
            "RITMO_AI_API_KEY": API_KEY,
            "RITMO_AI_MODEL": "fake-model",
            **env,
        }
    )
    app = App(settings, now=clock)
    await app.open()
    assert app.store is not None and app.dispatcher is not None
    adapter = tg.TelegramAdapter(
        app.store,
        app.dispatcher,
        token=TOKEN,
        base_url=telegram.base_url,
        now=clock,
        poll_timeout=5,
        chat_interval=0.01,
    )
    app.adapters[adapter.platform] = adapter
    app.lend_files(adapter)
    await adapter.start()
    return app, adapter


async def test_voice_note_to_card_to_one_stored_interaction(store_url, servers, logs):
    telegram, model = servers
    clock = Clock()
    app, adapter = await _start(
        store_url, telegram, model, clock, RITMO_AI_TRANSCRIBE_MODEL="whisper"
    )
    try:
        ritmo = Ritmo(app, adapter, telegram, clock)
        person = await ritmo.linked(ANA)
        await ritmo.store.write(
            lambda tx: tx.accounts.create_account(
                name="Padaria Silva", owner_id=person.id, actor=Actor(None, "test"), now=clock()
            )
        )
        telegram.add_file("AwACvoice", OGG)
        model.hear("visitei a padaria silva, pediram orçamento do pão de queijo")
        sent = await ritmo.send(voice_update(ANA, "AwACvoice", duration=9))
        assert [c.method for c in telegram.calls_of("getFile")] == ["getFile"]
        call = (await model.wait_for("/audio/transcriptions"))[0]
        assert call.file == OGG and call.headers["Authorization"] == f"Bearer {API_KEY}"
        texts = [c.text for c in sent]
        assert texts[0].startswith("🎤 Ouvi: “visitei a padaria silva")
        card = sent[-1]
        assert "nada foi salvo ainda" in card.text

        async def count() -> int:
            logged = await ritmo.store.read(
                lambda tx: list(tx.transfer.export_rows("interactions"))
            )
            return sum("pão de queijo" in r["body"] for r in logged)

        assert await count() == 0
        confirm = next(b for b in card.buttons if b["text"] == "Confirmar")
        message = card.result
        await ritmo.send(callback_update(ANA, confirm["callback_data"], message))
        await ritmo.send(callback_update(ANA, confirm["callback_data"], message))
        assert await count() == 1
    finally:
        await app.close()
    assert API_KEY not in logs.getvalue()


async def test_without_a_transcription_model_voice_says_it_is_not_enabled(store_url, servers):
    telegram, model = servers
    clock = Clock()
    app, adapter = await _start(store_url, telegram, model, clock)
    try:
        ritmo = Ritmo(app, adapter, telegram, clock)
        await ritmo.linked(ANA)
        sent = await ritmo.send(voice_update(ANA, "AwACvoice"))
        assert "transcrição não está ativada" in sent[0].text
        assert telegram.calls_of("getFile") == [] and model.calls == []
    finally:
        await app.close()
