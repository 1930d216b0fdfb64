"""Telegram updates become the neutral Incoming a handler sees, or nothing when not addressed."""

from __future__ import annotations

from benchmarks.fakes.telegram_api import (
    BOT_ID,
    BOT_USERNAME,
    callback_update,
    command_update,
    group_chat,
    location_update,
    message_update,
    photo_update,
    user,
    voice_update,
)
from bot.channels.telegram.parse import (
    BotIdentity,
    callback_id,
    event_id,
    parse,
    pressed_message,
)
from handlers.kernel.messages import Attachment, Location

ME = BotIdentity(BOT_ID, BOT_USERNAME)
ANA = user(501, "Ana", language_code="pt-br")
GROUP = group_chat()


def _update(body: dict, update_id: int = 7) -> dict:
    return {"update_id": update_id, **body}


def test_private_text_carries_sender_chat_and_a_platform_wide_message_id():
    payload = _update(message_update(ANA, "o que tenho hoje?"))
    msg = parse(payload, ME)
    assert msg is not None
    assert msg.text == "o que tenho hoje?"
    assert msg.sender.external_id == "501"
    assert msg.sender.display_name == "Ana"
    assert msg.sender.language_hint == "pt-br"
    assert msg.chat_id == "501"
    assert msg.message_id == f"501:{payload['message']['message_id']}"
    assert not msg.is_group
    assert event_id(payload) == "7"


def test_start_with_a_code_keeps_the_code():
    msg = parse(_update(command_update(ANA, "start", "K7P2QX")), ME)
    assert msg is not None and msg.text == "/start K7P2QX"


def test_command_with_the_bots_username_is_stripped():
    msg = parse(_update(command_update(ANA, "link", "K7P2QX", bot=BOT_USERNAME)), ME)
    assert msg is not None and msg.text == "/link K7P2QX"


def test_menu_commands_become_the_sentences_handlers_understand():
    assert parse(_update(command_update(ANA, "today")), ME).text == "what's due today?"
    assert parse(_update(command_update(ANA, "pipeline")), ME).text == "my pipeline"
    assert parse(_update(command_update(ANA, "next", "Acme")), ME).text == "what's next for Acme?"
    logged = parse(_update(command_update(ANA, "log", "call Acme: wants a proposal")), ME)
    assert logged.text == "log call Acme: wants a proposal"


def test_a_command_for_another_bot_is_ignored():
    assert parse(_update(command_update(ANA, "today", chat=GROUP, bot="other_bot")), ME) is None
    assert parse(_update(command_update(ANA, "today", bot="other_bot")), ME) is None


def test_group_message_not_addressed_is_ignored():
    assert parse(_update(message_update(ANA, "bom dia pessoal", chat=GROUP)), ME) is None


def test_group_mention_is_addressed_and_the_mention_removed():
    text = f"@{BOT_USERNAME}, meu pipeline"
    msg = parse(_update(message_update(ANA, text, chat=GROUP)), ME)
    assert msg is not None
    assert msg.is_group
    assert msg.text == "meu pipeline"
    assert msg.chat_id == str(GROUP["id"])


def test_group_command_and_reply_to_the_bot_are_addressed():
    cmd = parse(_update(command_update(ANA, "pipeline", chat=GROUP, bot=BOT_USERNAME)), ME)
    assert cmd is not None and cmd.text == "my pipeline" and cmd.is_group
    bot_message = {
        "message_id": 5,
        "date": 0,
        "chat": GROUP,
        "from": {"id": BOT_ID, "is_bot": True, "first_name": "ritmo"},
        "text": "Qual conta?",
    }
    reply = parse(_update(message_update(ANA, "Acme", chat=GROUP, reply_to=bot_message)), ME)
    assert reply is not None and reply.text == "Acme"


def test_messages_from_bots_are_ignored():
    other = {"id": 9, "is_bot": True, "first_name": "spam"}
    assert parse(_update(message_update(other, "hello")), ME) is None


def test_callback_carries_the_token_and_the_pressed_message():
    sent = {"message_id": 77, "date": 0, "chat": {"id": 501, "type": "private"}, "text": "x"}
    payload = _update(callback_update(ANA, "aB3_token", sent))
    msg = parse(payload, ME)
    assert msg is not None
    assert msg.token == "aB3_token"
    assert msg.chat_id == "501"
    assert pressed_message(payload) == (501, 77)
    assert callback_id(payload) == payload["callback_query"]["id"]


def test_callback_without_message_answers_in_private():
    payload = _update(callback_update(ANA, "tok"))
    msg = parse(payload, ME)
    assert msg is not None and msg.chat_id == "501"
    assert pressed_message(payload) is None


def test_location_is_a_check_in_candidate():
    msg = parse(_update(location_update(ANA, -23.56, -46.65)), ME)
    assert msg is not None and msg.location == Location(-23.56, -46.65)


def test_group_location_without_addressing_is_ignored():
    assert parse(_update(location_update(ANA, -23.5, -46.6, chat=GROUP)), ME) is None


def test_photo_keeps_the_largest_size_and_its_caption():
    msg = parse(_update(photo_update(ANA, "AgACbig", caption="vitrine da Padaria Silva")), ME)
    assert msg is not None
    assert msg.attachments == (Attachment("photo", "AgACbig"),)
    assert msg.text == "vitrine da Padaria Silva"


def test_voice_note_is_an_attachment_reference():
    msg = parse(_update(voice_update(ANA, "AwACvoz")), ME)
    assert msg is not None and msg.attachments == (Attachment("voice", "AwACvoz"),)


def test_edits_are_ignored():
    edited = message_update(ANA, "corrigido")
    assert parse({"update_id": 8, "edited_message": edited["message"]}, ME) is None
