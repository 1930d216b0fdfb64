"""Telegram update JSON → the neutral Incoming message (or None when ritmo should stay silent).

Pure translation, no I/O: the adapter stores the raw update in the inbox first and parses it
here when it handles the row, so a parsing change never loses an update.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from telegram import Message, MessageEntity, Update, User

from handlers.kernel.messages import Attachment, Incoming, Location, Sender

PLATFORM = "telegram"

# The bot menu's commands, translated into the sentence the conversation layer understands, so
# "/today" and "what's due today?" reach the same handler: (alone, with arguments).
_LOG = ("log", "log {args}")
_TODAY = ("what's due today?", "what's due {args}?")
_NEXT = ("what's next", "what's next for {args}?")
_FORECAST = ("forecast this month", "forecast {args}")
_STALLED = ("stalled deals", "stalled deals {args}")
_HELP = ("help", "help")
_PIPELINE = ("my pipeline", "pipeline {args}")
COMMAND_TEXT: dict[str, tuple[str, str]] = {
    "log": _LOG,
    "registrar": _LOG,
    "today": _TODAY,
    "hoje": _TODAY,
    "next": _NEXT,
    "proximo": _NEXT,
    "pipeline": _PIPELINE,
    "funil": _PIPELINE,
    "forecast": _FORECAST,
    "previsao": _FORECAST,
    "stalled": _STALLED,
    "parados": _STALLED,
    "help": _HELP,
    "ajuda": _HELP,
}
_GROUP_TYPES = {"group", "supergroup"}


@dataclass(frozen=True)
class BotIdentity:
    """Who the bot is (from getMe), needed to tell whether a group message is addressed to it."""

    id: int
    username: str


def event_id(payload: dict[str, Any]) -> str:
    """The inbox key: Telegram's update_id, unique per bot and repeated on redelivery."""
    return str(payload["update_id"])


def parse(payload: dict[str, Any], me: BotIdentity) -> Incoming | None:
    """The Incoming for an update, or None for what ritmo ignores.

    Ignored: edits, channel posts, messages from bots, and group messages not addressed to the
    bot (a command for it, an @mention, or a reply to one of its messages).
    """
    update = Update.de_json(payload, None)
    if update.callback_query is not None:
        return _callback(update)
    message = update.message
    if message is None or message.from_user is None or message.from_user.is_bot:
        return None
    is_group = message.chat.type in _GROUP_TYPES
    text = message.text or message.caption or ""
    entities = message.parse_entities() if message.text else message.parse_caption_entities()
    stripped, addressed = _strip_address(text, entities, me)
    if is_group and not addressed and not _replies_to_bot(message, me):
        return None
    if stripped is None:
        return None  # a command meant for another bot
    return Incoming(
        sender=_sender(message.from_user),
        chat_id=str(message.chat.id),
        message_id=message_key(message.chat.id, message.message_id),
        text=_command_text(stripped),
        location=_location(message),
        attachments=_attachments(message),
        is_group=is_group,
    )


def message_key(chat_id: int | str, message_id: int | str) -> str:
    """Telegram numbers messages per chat, so the platform-wide id needs the chat too."""
    return f"{chat_id}:{message_id}"


def pressed_message(payload: dict[str, Any]) -> tuple[int, int] | None:
    """(chat id, message id) of the message whose button was pressed, if Telegram sent it."""
    message = payload.get("callback_query", {}).get("message")
    if not message:
        return None
    return message["chat"]["id"], message["message_id"]


def callback_id(payload: dict[str, Any]) -> str | None:
    """The id answerCallbackQuery needs, if the update is a button press."""
    query = payload.get("callback_query")
    # Read while the update is journaled, before anything checked its shape: a malformed update
    # must fail where it is handled (and be quarantined), not here, where it would hold back
    # the whole page.
    return str(query["id"]) if isinstance(query, dict) and "id" in query else None


def _callback(update: Update) -> Incoming | None:
    query = update.callback_query
    assert query is not None
    message = query.message
    chat_id = message.chat.id if message is not None else query.from_user.id
    return Incoming(
        sender=_sender(query.from_user),
        chat_id=str(chat_id),
        message_id=f"cb:{query.id}",
        token=query.data or "",
        is_group=message is not None and message.chat.type in _GROUP_TYPES,
    )


def _sender(user: User) -> Sender:
    return Sender(PLATFORM, str(user.id), user.full_name, user.language_code)


def _strip_address(
    text: str, entities: dict[MessageEntity, str], me: BotIdentity
) -> tuple[str | None, bool]:
    """The text without the bot's @name, and whether the bot was addressed.

    Returns None for the text when a leading command names another bot ("/start@other_bot").
    """
    addressed = False
    mine = f"@{me.username}".lower()
    for entity, value in sorted(entities.items(), key=lambda item: -item[0].offset):
        if entity.type == MessageEntity.BOT_COMMAND and entity.offset == 0:
            command, _, target = value.partition("@")
            if target and target.lower() != me.username.lower():
                return None, False
            # A bare /command in a group is meant for every bot there, ritmo included.
            addressed = True
            text = command + text[len(value) :]
        elif entity.type == MessageEntity.MENTION and value.lower() == mine:
            addressed = True
            text = _cut(text, value)
        elif entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == me.id:
            addressed = True
            text = _cut(text, value)
    return re.sub(r"\s{2,}", " ", text).strip(), addressed


def _cut(text: str, value: str) -> str:
    return text.replace(value, " ", 1).strip(" ,:")


def _replies_to_bot(message: Message, me: BotIdentity) -> bool:
    replied = message.reply_to_message
    return replied is not None and replied.from_user is not None and replied.from_user.id == me.id


def _command_text(text: str) -> str:
    """Menu commands become sentences; /start and /link stay as they are (link codes)."""
    match = re.match(r"/([A-Za-z_]+)\s*(.*)", text, re.DOTALL)
    if not match or match.group(1).lower() not in COMMAND_TEXT:
        return text
    alone, with_args = COMMAND_TEXT[match.group(1).lower()]
    args = match.group(2).strip()
    return with_args.format(args=args) if args else alone


def _location(message: Message) -> Location | None:
    place = message.location or (message.venue.location if message.venue else None)
    if place is None:
        return None
    return Location(place.latitude, place.longitude)


def _attachments(message: Message) -> tuple[Attachment, ...]:
    if message.photo:
        # Telegram sends several sizes, smallest first; the largest is the one worth keeping.
        return (Attachment("photo", message.photo[-1].file_id),)
    if message.voice:
        return (Attachment("voice", message.voice.file_id),)
    if message.document:
        return (Attachment("document", message.document.file_id, message.document.file_name),)
    return ()
