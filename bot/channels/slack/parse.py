"""Translation of Slack payloads (events, slash commands, block actions) into Incoming.

Pure functions of the payload: the adapter journals the raw payload in the inbox and parses it
when the row is handled, so a restart re-parses exactly what Slack sent.
"""

from __future__ import annotations

from typing import Any

from bot.channels.slack.mrkdwn import from_slack
from handlers.kernel.messages import Attachment, Incoming, Sender

PLATFORM = "slack"
COMMAND = "/ritmo"


def inbox_key(payload: dict[str, Any]) -> str | None:
    """The id Slack gives this delivery, stable across Slack's retries of it.

    Events carry `event_id`; slash commands and interactions a `trigger_id` unique to the
    invocation (Slack doesn't retry those, but a resend must still count once).
    """
    kind = payload.get("type")
    if kind == "event_callback":
        return f"event:{_delivery_id(payload, 'event_id')}"
    if kind == "block_actions":
        return f"action:{_delivery_id(payload, 'trigger_id')}"
    if payload.get("command"):
        return f"command:{_delivery_id(payload, 'trigger_id')}"
    return None


def _delivery_id(payload: dict[str, Any], field: str) -> str:
    """Raises KeyError or ValueError when the id is missing or not a string: a payload without
    one can't be journaled once (every such request would share one key), so it is refused."""
    value = payload[field]
    if not isinstance(value, str) or not value:
        raise ValueError(f"{field} is not a non-empty string")
    return value


def is_direct(channel_id: str) -> bool:
    """Slack direct-message channel ids start with D; anything else others may read."""
    return channel_id.startswith("D")


def parse(payload: dict[str, Any], bot_user_id: str | None = None) -> Incoming | None:
    """The Incoming a journaled payload stands for, or None when it isn't a person talking
    to ritmo (bot messages, edits, App Home opened)."""
    kind = payload.get("type")
    if kind == "event_callback":
        return _event(payload["event"], bot_user_id)
    if kind == "block_actions":
        return _action(payload)
    if payload.get("command") == COMMAND:
        return _command(payload)
    return None


def _event(event: dict[str, Any], bot_user_id: str | None) -> Incoming | None:
    user = event.get("user")
    if not user or event.get("bot_id") or user == bot_user_id:
        return None
    if event.get("subtype") not in (None, "file_share"):
        return None  # edits, deletions, joins: nothing a person asked of ritmo
    channel = event.get("channel", "")
    if event.get("type") == "message" and event.get("channel_type") == "im":
        is_group = False
    elif event.get("type") == "app_mention":
        is_group = not is_direct(channel)
    else:
        return None
    return Incoming(
        sender=Sender(PLATFORM, user),
        chat_id=channel,
        message_id=f"{channel}/{event['ts']}",
        text=from_slack(event.get("text", ""), bot_user_id),
        attachments=tuple(_attachment(f) for f in event.get("files") or ()),
        is_group=is_group,
    )


def _attachment(file: dict[str, Any]) -> Attachment:
    mimetype = str(file.get("mimetype", ""))
    kind = (
        "photo"
        if mimetype.startswith("image/")
        else ("voice" if mimetype.startswith("audio/") else "document")
    )
    return Attachment(kind, str(file.get("id", "")), file.get("name"))


def _command(form: dict[str, Any]) -> Incoming:
    channel = form.get("channel_id", "")
    return Incoming(
        sender=Sender(PLATFORM, form["user_id"], form.get("user_name")),
        chat_id=channel,
        message_id=f"command/{form['trigger_id']}",
        text=command_text(from_slack(form.get("text", ""))),
        is_group=not is_direct(channel),
    )


def command_text(text: str) -> str:
    """`/ritmo <sub> …` → the words the conversation understands; the subcommands are the
    Telegram command names, so both platforms share one vocabulary."""
    sub, _, rest = text.strip().partition(" ")
    if not sub:
        return "/help"
    if sub.lower() == "link":
        return f"link {rest.strip()}".strip()
    return f"/{sub.lower()} {rest.strip()}".strip()


def _action(payload: dict[str, Any]) -> Incoming | None:
    pressed = (payload.get("actions") or [{}])[0]
    token = pressed.get("value")
    user = payload.get("user", {}).get("id")
    if not token or not user:
        return None
    channel = (payload.get("channel") or {}).get("id") or payload.get("container", {}).get(
        "channel_id", ""
    )
    return Incoming(
        sender=Sender(PLATFORM, user, payload["user"].get("username")),
        chat_id=channel,
        message_id=f"action/{payload['trigger_id']}",
        token=token,
        is_group=bool(channel) and not is_direct(channel),
    )
