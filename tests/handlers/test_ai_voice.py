"""Voice notes: transcribed, answered like text with the transcript first, writes confirmed."""

from __future__ import annotations

import pytest

from benchmarks.fakes.openai_api import API_KEY, FakeOpenAI
from bot.ai.client import AIClient
from bot.ai.service import AIService
from handlers.ai import confirm, voice
from handlers.conversation import tasks
from handlers.kernel.context import Options
from handlers.kernel.dispatch import Dispatcher
from handlers.kernel.messages import Attachment, Incoming, Sender
from storage import backends
from tests.handlers.conftest import NOW, Chat, build, button, routers, text

OGG = b"OggS" + b"\0" * 2000


class VoiceChat(Chat):
    async def voice(self, who: str, seconds: int = 12, size: int = len(OGG)):
        self.counter += 1
        note = Attachment(
            "voice", "file-1", "voice.ogg", seconds=seconds, size=size, mime="audio/ogg"
        )
        msg = Incoming(
            Sender("console", who.lower()), who.lower(), f"v{self.counter}", attachments=(note,)
        )
        return await self.dispatcher.handle(msg)


async def open_chat(store_url, fake: FakeOpenAI, transcribe: str | None, downloads: list):
    store = await backends.connect(store_url)
    ids = await store.write(build)
    client = AIClient(
        fake.base_url, "fake-model", api_key=API_KEY, transcribe_model=transcribe, timeout=1
    )

    async def download(ref: str) -> bytes:
        downloads.append(ref)
        return OGG

    services = {"ai": AIService(client), "downloads": {"console": download}}
    every = [voice.router, confirm.router, *routers(), tasks.router]
    dispatcher = Dispatcher(every, store, Options(), lambda: NOW, confirm.parser, services)
    return VoiceChat(dispatcher, store, ids), services["ai"]


@pytest.fixture
async def fake():
    async with FakeOpenAI() as server:
        yield server


async def test_a_voice_note_is_heard_shown_and_stored_once_after_the_press(store_url, fake):
    fetched: list = []
    chat, ai = await open_chat(store_url, fake, "whisper", fetched)
    try:
        fake.hear("visitei a padaria silva, pediram orçamento do pão")
        card = await chat.voice("Ana")
        assert fetched == ["file-1"] and fake.chat_calls() == []  # the rules read it
        assert card.replies[0].text.startswith("🎤 Ouvi: “visitei a padaria silva")
        assert card.data["card"] and card.data["transcript"].startswith("visitei")

        async def count() -> int:
            return sum("orçamento do pão" in i["body"] for i in await chat.logged())

        assert await count() == 0
        await chat.press("Ana", button(card, "ai.confirm"))
        await chat.press("Ana", button(card, "ai.confirm"))
        assert await count() == 1
    finally:
        await ai.close()
        await chat.store.close()


async def test_without_a_transcription_model_voice_is_not_enabled(store_url, fake):
    chat, ai = await open_chat(store_url, fake, None, [])
    try:
        answer = await chat.voice("Bruno")
        assert "transcription is not enabled" in text(answer)
    finally:
        await ai.close()
        await chat.store.close()


@pytest.mark.parametrize(("seconds", "size"), [(301, 1000), (10, 21 * 1024 * 1024)])
async def test_a_note_over_five_minutes_or_20_mb_is_refused_unfetched(
    store_url, fake, seconds, size
):
    fetched: list = []
    chat, ai = await open_chat(store_url, fake, "whisper", fetched)
    try:
        answer = await chat.voice("Ana", seconds=seconds, size=size)
        assert "5 minutos ou 20 MB" in text(answer) and fetched == [] and fake.calls == []
    finally:
        await ai.close()
        await chat.store.close()


async def test_a_failed_transcription_says_so_in_one_sentence(store_url, fake):
    chat, ai = await open_chat(store_url, fake, "whisper", [])
    try:
        fake.hear("", status=500)
        answer = await chat.voice("Ana")
        assert text(answer).startswith("Não consegui ouvir essa nota de voz")
    finally:
        await ai.close()
        await chat.store.close()
