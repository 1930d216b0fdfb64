"""Outgoing calls keep one message per second per chat and wait as long as a 429 asks."""

from __future__ import annotations

import asyncio

import pytest
from telegram import Bot

from benchmarks.fakes.telegram_api import TOKEN, FakeTelegram
from bot.channels.telegram.send import ChatPacer, FloodWait, Outbound
from handlers.kernel.messages import Button, Image, Reply


@pytest.fixture
async def fake():
    async with FakeTelegram() as server:
        yield server


@pytest.fixture
async def bot(fake):
    async with Bot(TOKEN, base_url=fake.base_url) as client:
        yield client


async def test_pacer_spaces_one_chat_but_not_others():
    pacer = ChatPacer(0.05)
    loop = asyncio.get_running_loop()
    start = loop.time()
    await asyncio.gather(pacer.wait(1), pacer.wait(1), pacer.wait(1), pacer.wait(2))
    assert loop.time() - start >= 0.1
    other = loop.time()
    await pacer.wait(3)
    assert loop.time() - other < 0.05


async def test_messages_to_one_chat_are_a_pacing_interval_apart(bot, fake):
    out = Outbound(bot, ChatPacer(0.2))
    await asyncio.gather(*(out.send(501, Reply(f"m{i}")) for i in range(3)))
    times = [call.at for call in fake.sent_to(501)]
    assert len(times) == 3
    # Arrival times carry network jitter; half the interval is a safe lower bound.
    assert all(b - a >= 0.1 for a, b in zip(times, times[1:], strict=False))


async def test_a_429_is_waited_out_then_sent(bot, fake):
    fake.fail("sendMessage", 429, retry_after=1)
    out = Outbound(bot, ChatPacer(0.01))
    [sent] = await out.send(501, Reply("lembrete"))
    failed, ok = [c for c in fake.calls if c.method == "sendMessage"]
    assert failed.status == 429 and ok.status == 200
    assert ok.at - failed.at >= 1.0
    assert sent.text == "lembrete"


async def test_a_long_flood_wait_is_handed_back_to_the_caller(bot, fake):
    fake.fail("sendMessage", 429, retry_after=30)
    out = Outbound(bot, ChatPacer(0.01))
    with pytest.raises(FloodWait) as caught:
        await out.send(501, Reply("lembrete"), max_wait=5)
    assert caught.value.seconds == 30
    assert not fake.sent_to(501)


async def test_keyboard_goes_on_the_last_chunk(bot, fake):
    out = Outbound(bot, ChatPacer(0))
    text = "\n".join(f"linha {i} " + "x" * 50 for i in range(120))
    await out.send(501, Reply(text, buttons=(Button("Feito", "step.done", token="tk"),)))
    calls = fake.sent_to(501)
    assert len(calls) == 2
    assert not calls[0].buttons and calls[1].buttons[0]["callback_data"] == "tk"


async def test_image_goes_with_its_caption(bot, fake):
    out = Outbound(bot, ChatPacer(0))
    await out.send(501, Reply("*Pipeline*", image=Image(b"PNG", "pipe.png")))
    [call] = fake.sent_to(501)
    assert call.method == "sendPhoto"
    assert call.text == "Pipeline"
    assert call.files["photo"] == ("pipe.png", b"PNG")


async def test_edit_twice_to_the_same_text_is_not_an_error(bot, fake):
    out = Outbound(bot, ChatPacer(0))
    [sent] = await out.send(501, Reply("x", buttons=(Button("Feito", "a", token="t"),)))
    assert await out.edit(501, sent.message_id, Reply("Feito ✓"))
    assert await out.edit(501, sent.message_id, Reply("Feito ✓"))
    await out.clear_keyboard(501, sent.message_id)
    assert fake.messages[(501, sent.message_id)]["text"] == "Feito ✓"
