"""Slack events, slash commands and button presses reach the handlers as Incoming."""

from __future__ import annotations

import json
from urllib.parse import parse_qsl

from benchmarks.fakes.slack_signing import action_request, command_request, event_request
from bot.channels.slack.parse import command_text, inbox_key, parse


def _event(event: dict, **kw) -> dict:
    return json.loads(event_request("s", event, **kw).body)


def _form(body: bytes) -> dict:
    return dict(parse_qsl(body.decode()))


def test_a_direct_message_is_incoming_text() -> None:
    payload = _event(
        {
            "type": "message",
            "channel_type": "im",
            "user": "U1",
            "channel": "D1",
            "ts": "17.1",
            "text": "o que tenho hoje?",
        },
        event_id="Ev9",
    )
    msg = parse(payload, "UBOT")
    assert msg is not None
    assert (msg.sender.platform, msg.sender.external_id, msg.chat_id) == ("slack", "U1", "D1")
    assert msg.text == "o que tenho hoje?"
    assert not msg.is_group
    assert inbox_key(payload) == "event:Ev9"


def test_a_mention_drops_the_bot_name_and_is_a_group_message() -> None:
    payload = _event(
        {
            "type": "app_mention",
            "user": "U1",
            "channel": "C1",
            "ts": "17.2",
            "text": "<@UBOT> pipeline",
        }
    )
    msg = parse(payload, "UBOT")
    assert msg is not None and msg.text == "pipeline" and msg.is_group


def test_bot_echoes_edits_and_channel_chatter_are_ignored() -> None:
    ignored = [
        {"type": "message", "channel_type": "im", "bot_id": "B1", "channel": "D1", "ts": "1"},
        {"type": "message", "channel_type": "im", "user": "UBOT", "channel": "D1", "ts": "1"},
        {
            "type": "message",
            "subtype": "message_changed",
            "channel_type": "im",
            "channel": "D1",
            "ts": "1",
            "user": "U1",
        },
        {"type": "message", "channel_type": "channel", "user": "U1", "channel": "C1", "ts": "1"},
        {"type": "app_home_opened", "user": "U1", "tab": "home"},
    ]
    assert all(parse(_event(e), "UBOT") is None for e in ignored)


def test_slash_subcommands_become_the_shared_command_words() -> None:
    assert command_text("today") == "/today"
    assert command_text("log call Acme: CFO wants a proposal") == (
        "/log call Acme: CFO wants a proposal"
    )
    assert command_text("link ABC123") == "link ABC123"
    assert command_text("") == "/help"


def test_a_slash_command_in_a_channel_is_a_group_message() -> None:
    form = _form(command_request("s", "next Acme", channel_id="C1", trigger_id="t-1").body)
    msg = parse(form)
    assert msg is not None and msg.is_group and msg.text == "/next Acme"
    assert inbox_key(form) == "command:t-1"


def test_a_button_press_carries_its_token() -> None:
    body = action_request("s", "tok42", user_id="U7", trigger_id="t-2").body
    payload = json.loads(_form(body)["payload"])
    msg = parse(payload)
    assert msg is not None
    assert (msg.token, msg.sender.external_id, msg.chat_id) == ("tok42", "U7", "D0001")
    assert inbox_key(payload) == "action:t-2"


def test_a_button_on_app_home_has_no_channel() -> None:
    body = action_request("s", "tok1", view=True).body
    msg = parse(json.loads(_form(body)["payload"]))
    assert msg is not None and msg.chat_id == "" and not msg.is_group


def test_a_shared_file_arrives_as_an_attachment() -> None:
    event = {
        "type": "message",
        "subtype": "file_share",
        "channel_type": "im",
        "user": "U1",
        "channel": "D1",
        "ts": "17.3",
        "text": "receipt from the visit",
        "files": [{"id": "F1", "name": "nota.jpg", "mimetype": "image/jpeg"}],
    }
    msg = parse(_event(event), "UBOT")
    assert msg is not None and msg.text == "receipt from the visit"
    assert [(a.kind, a.ref, a.name) for a in msg.attachments] == [("photo", "F1", "nota.jpg")]
