"""The fake Bot API server behaves like Telegram for the real python-telegram-bot client."""

from __future__ import annotations

import asyncio

import pytest
from telegram import Bot, BotCommand, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Conflict, InvalidToken, NetworkError, RetryAfter

from benchmarks.fakes.telegram_api import (
    TOKEN,
    FakeTelegram,
    callback_update,
    command_update,
    message_update,
    user,
    visible_text,
)

ANA = user(501, "Ana")


@pytest.fixture
async def fake():
    async with FakeTelegram() as server:
        yield server


@pytest.fixture
async def bot(fake):
    async with Bot(TOKEN, base_url=fake.base_url) as client:
        yield client


async def test_get_me_names_the_bot(bot, fake):
    me = await bot.get_me()
    assert me.username == fake.username
    assert fake.calls_of("getMe")


async def test_wrong_token_is_refused(fake):
    with pytest.raises(InvalidToken):
        async with Bot("999:wrong", base_url=fake.base_url) as client:
            await client.get_me()


async def test_updates_stay_until_confirmed_by_a_higher_offset(bot, fake):
    first = await fake.push(message_update(ANA, "oi"))
    await fake.push(command_update(ANA, "start", "ABC123"))

    updates = await bot.get_updates(timeout=0)
    again = await bot.get_updates(timeout=0)
    assert [u.update_id for u in updates] == [u.update_id for u in again]
    assert updates[1].message.text == "/start ABC123"

    rest = await bot.get_updates(offset=first["update_id"] + 1, timeout=0)
    assert [u.update_id for u in rest] == [updates[1].update_id]
    assert fake.confirmed_offset == first["update_id"] + 1


async def test_long_poll_wakes_when_an_update_is_pushed(bot, fake):
    poll = asyncio.create_task(bot.get_updates(timeout=10))
    await fake.push(message_update(ANA, "hoje"))
    updates = await asyncio.wait_for(poll, 2)
    assert updates[0].message.text == "hoje"


async def test_long_poll_returns_empty_after_its_timeout(bot):
    assert await bot.get_updates(timeout=0.05) == ()


async def test_send_message_is_recorded_with_its_keyboard(bot, fake):
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Feito", callback_data="t1")]])
    await bot.send_message(501, "<b>Ligar</b> para Acme", parse_mode="HTML", reply_markup=markup)
    call = await fake.wait_for("sendMessage", lambda c: c.params["chat_id"] == 501)
    assert call.text == "Ligar para Acme"
    assert call.buttons == [{"text": "Feito", "callback_data": "t1"}]


async def test_unescaped_html_is_refused_like_telegram_does(bot):
    with pytest.raises(BadRequest, match="(?i)parse entities"):
        await bot.send_message(501, "<b>Acme & Co</b>", parse_mode="HTML")
    with pytest.raises(BadRequest, match="(?i)parse entities"):
        await bot.send_message(501, "a <script> b", parse_mode="HTML")


def test_visible_text_unescapes_entities():
    assert visible_text("<b>&lt;b&gt;Acme &amp; Co&lt;/b&gt;</b>") == "<b>Acme & Co</b>"


async def test_too_long_text_and_callback_data_are_refused(bot):
    with pytest.raises(BadRequest, match="(?i)too long"):
        await bot.send_message(501, "x" * 4097)
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="d" * 65)]])
    with pytest.raises(BadRequest, match="(?i)button_data_invalid"):
        await bot.send_message(501, "ok", reply_markup=markup)


async def test_edit_replaces_text_and_removes_the_keyboard(bot, fake):
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Feito", callback_data="t1")]])
    sent = await bot.send_message(501, "Ligar para Acme", reply_markup=markup)
    await bot.edit_message_text("Feito ✓", chat_id=501, message_id=sent.message_id)
    stored = fake.messages[(501, sent.message_id)]
    assert stored["text"] == "Feito ✓"
    assert "reply_markup" not in stored
    with pytest.raises(BadRequest, match="(?i)not modified"):
        await bot.edit_message_text("Feito ✓", chat_id=501, message_id=sent.message_id)


async def test_callback_from_a_sent_message_is_answered(bot, fake):
    sent = await bot.send_message(501, "Ligar")
    pushed = await fake.push(callback_update(ANA, "tok", sent.to_dict()))
    [update] = await bot.get_updates(timeout=0)
    assert update.callback_query.data == "tok"
    assert update.callback_query.message.message_id == sent.message_id
    await bot.answer_callback_query(update.callback_query.id)
    assert pushed["callback_query"]["id"] in fake.answered_callbacks


async def test_429_carries_retry_after(bot, fake):
    fake.fail("sendMessage", 429, retry_after=3)
    with pytest.raises(RetryAfter) as caught:
        await bot.send_message(501, "oi")
    assert caught.value._retry_after.total_seconds() == 3
    await bot.send_message(501, "oi")  # only the next call failed
    assert len(fake.sent_to(501)) == 1


async def test_server_errors_on_demand(bot, fake):
    fake.fail("sendMessage", 502, times=2)
    for _ in range(2):
        with pytest.raises(NetworkError):
            await bot.send_message(501, "oi")
    await bot.send_message(501, "oi")


async def test_stall_holds_the_call_until_released(bot, fake):
    fake.stall("sendMessage")
    sending = asyncio.create_task(bot.send_message(501, "oi"))
    held = await fake.wait_held("sendMessage")
    assert held.params["text"] == "oi"
    assert not sending.done() and not fake.sent_to(501)
    fake.release("sendMessage")
    assert (await asyncio.wait_for(sending, 2)).text == "oi"


async def test_set_my_commands_records_the_language(bot, fake):
    await bot.set_my_commands([BotCommand("hoje", "O que tenho hoje")], language_code="pt")
    call = await fake.wait_for("setMyCommands")
    assert call.params["language_code"] == "pt"
    assert call.params["commands"] == [{"command": "hoje", "description": "O que tenho hoje"}]


async def test_webhook_blocks_polling_until_deleted(bot, fake):
    await bot.set_webhook("https://example.test/telegram", secret_token="s3cret")
    assert (await bot.get_webhook_info()).url == "https://example.test/telegram"
    with pytest.raises(Conflict):
        await bot.get_updates(timeout=0)
    await bot.delete_webhook()
    assert await bot.get_updates(timeout=0) == ()


async def test_send_photo_uploads_the_bytes(bot, fake):
    await bot.send_photo(501, photo=b"\x89PNG fake", caption="Pipeline", filename="chart.png")
    call = await fake.wait_for("sendPhoto")
    assert call.files["photo"] == ("chart.png", b"\x89PNG fake")
    assert call.text == "Pipeline"


async def test_wait_for_times_out_without_the_call(fake):
    with pytest.raises(TimeoutError):
        await fake.wait_for("sendMessage", timeout=0.05)
