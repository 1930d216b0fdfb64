"""The AI client against the fake OpenAI-compatible server: answers, failures, the key."""

from __future__ import annotations

import pytest

from benchmarks.fakes.openai_api import API_KEY, FakeOpenAI
from bot.ai.client import AIClient, AIFailure

SCHEMA = {
    "type": "object",
    "properties": {"intent": {"type": "string"}},
    "required": ["intent"],
    "additionalProperties": False,
}
PROMPT = [{"role": "user", "content": "visitei a acme"}]


@pytest.fixture
async def fake():
    async with FakeOpenAI() as server:
        yield server


def client(fake: FakeOpenAI, **kw) -> AIClient:
    return AIClient(fake.base_url, "fake-model", api_key=API_KEY, transcribe_model="whisper", **kw)


async def test_a_completion_sends_the_schema_and_returns_the_object_and_tokens(fake):
    fake.say({"intent": "log"})
    ai = client(fake)
    try:
        done = await ai.complete(PROMPT, SCHEMA)
    finally:
        await ai.close()
    assert done.content == {"intent": "log"}
    assert (done.report.prompt_tokens, done.report.completion_tokens) == (120, 18)
    sent = fake.chat_calls()[0]
    assert sent.body["response_format"]["type"] == "json_schema"
    assert sent.body["response_format"]["json_schema"]["schema"] == SCHEMA
    assert sent.headers["Authorization"] == f"Bearer {API_KEY}"


@pytest.mark.parametrize(
    ("plan", "outcome"),
    [
        (lambda f: f.say_raw("not json {"), "invalid"),
        (lambda f: f.say_raw("[1, 2]"), "invalid"),
        (lambda f: f.fail(500), "error"),
        (lambda f: f.refuse(), "refused"),
        (lambda f: f.stall(1.0), "timeout"),
    ],
)
async def test_each_failure_is_named_and_never_quotes_the_key(fake, plan, outcome):
    plan(fake)
    ai = client(fake, timeout=0.2)
    try:
        with pytest.raises(AIFailure) as caught:
            await ai.complete(PROMPT, SCHEMA)
    finally:
        await ai.close()
    assert caught.value.outcome == outcome
    assert API_KEY not in str(caught.value) and API_KEY not in repr(ai)


async def test_a_wrong_key_is_an_error_not_a_reading(fake):
    ai = AIClient(fake.base_url, "fake-model", api_key="sk-wrong", timeout=1)
    try:
        with pytest.raises(AIFailure) as caught:
            await ai.complete(PROMPT, SCHEMA)
    finally:
        await ai.close()
    assert caught.value.outcome == "error"


async def test_a_transcription_uploads_the_file_as_multipart(fake):
    fake.hear(" visitei a acme hoje ")
    ai = client(fake)
    try:
        heard = await ai.transcribe(b"OggS-voice", "voice.ogg", "audio/ogg")
    finally:
        await ai.close()
    assert heard.text == "visitei a acme hoje"
    call = (await fake.wait_for("/audio/transcriptions"))[0]
    assert call.file == b"OggS-voice" and call.body["model"] == "whisper"


async def test_check_makes_one_small_completion(fake):
    fake.say({"ok": True})
    ai = client(fake)
    try:
        report = await ai.check()
    finally:
        await ai.close()
    assert report.kind == "read" and len(fake.chat_calls()) == 1


async def test_check_without_a_chat_model_lists_the_models(fake):
    ai = AIClient(fake.base_url, None, api_key=API_KEY, transcribe_model="whisper")
    try:
        report = await ai.check()
    finally:
        await ai.close()
    assert report.kind == "check" and [c.path for c in fake.calls] == ["/v1/models"]
