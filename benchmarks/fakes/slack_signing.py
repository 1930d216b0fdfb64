"""Correctly (or deliberately wrongly) signed Slack requests, as Slack would send them.

Slack signs `v0:{timestamp}:{raw body}` with HMAC-SHA256 of the app's signing secret and sends
it as `X-Slack-Signature: v0=<hex>` with `X-Slack-Request-Timestamp`. Events arrive as JSON,
slash commands as a form, interactivity as a form whose `payload` field holds JSON.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode


@dataclass(frozen=True)
class SignedRequest:
    body: bytes
    headers: dict[str, str]


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The `X-Slack-Signature` value for `body` sent at `timestamp`."""
    base = b"v0:" + str(timestamp).encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def sign(
    secret: str,
    body: bytes,
    content_type: str,
    *,
    timestamp: int | None = None,
    retry_num: int | None = None,
) -> SignedRequest:
    """Sign `body`; pass an old `timestamp` to build a replay, or another secret to forge."""
    ts = int(time.time()) if timestamp is None else timestamp
    headers = {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": str(ts),
        "X-Slack-Signature": signature(secret, ts, body),
    }
    if retry_num is not None:
        headers["X-Slack-Retry-Num"] = str(retry_num)
        headers["X-Slack-Retry-Reason"] = "http_timeout"
    return SignedRequest(body, headers)


def event_request(
    secret: str,
    event: dict[str, Any],
    *,
    event_id: str = "Ev0001",
    team_id: str = "T0001",
    api_app_id: str = "A0001",
    **kw: Any,
) -> SignedRequest:
    """An Events API `event_callback` wrapping `event`."""
    envelope = {
        "token": "legacy-verification-token",
        "team_id": team_id,
        "api_app_id": api_app_id,
        "event": event,
        "type": "event_callback",
        "event_id": event_id,
        "event_time": int(time.time()),
        "authorizations": [{"team_id": team_id, "user_id": "UBOT", "is_bot": True}],
    }
    return sign(secret, json.dumps(envelope).encode(), "application/json", **kw)


def command_request(
    secret: str,
    text: str,
    *,
    user_id: str = "U0001",
    channel_id: str = "D0001",
    command: str = "/ritmo",
    trigger_id: str = "1337.42.abc",
    response_url: str = "https://hooks.invalid/x",
    team_id: str = "T0001",
    **kw: Any,
) -> SignedRequest:
    """A slash command as Slack posts it (form-encoded)."""
    channel_name = "directmessage" if channel_id.startswith("D") else "general"
    form = {
        "token": "legacy-verification-token",
        "team_id": team_id,
        "team_domain": "ritmo-test",
        "channel_id": channel_id,
        "channel_name": channel_name,
        "user_id": user_id,
        "user_name": user_id.lower(),
        "command": command,
        "text": text,
        "api_app_id": "A0001",
        "response_url": response_url,
        "trigger_id": trigger_id,
    }
    return sign(secret, urlencode(form).encode(), "application/x-www-form-urlencoded", **kw)


def block_action_payload(
    value: str,
    *,
    user_id: str = "U0001",
    channel_id: str = "D0001",
    message_ts: str = "1700000000.000001",
    action_id: str = "ritmo.btn.0",
    trigger_id: str = "1337.43.def",
    team_id: str = "T0001",
    view: bool = False,
    ephemeral: bool = False,
    response_url: str = "https://hooks.invalid/y",
) -> dict[str, Any]:
    """The `block_actions` payload of a button press on a message (or on App Home)."""
    payload: dict[str, Any] = {
        "type": "block_actions",
        "team": {"id": team_id, "domain": "ritmo-test"},
        "user": {"id": user_id, "username": user_id.lower(), "team_id": team_id},
        "api_app_id": "A0001",
        "token": "legacy-verification-token",
        "trigger_id": trigger_id,
        "actions": [
            {
                "type": "button",
                "action_id": action_id,
                "block_id": "ritmo.actions.0",
                "value": value,
                "text": {"type": "plain_text", "text": "x"},
                "action_ts": "1700000001.000100",
            }
        ],
    }
    if view:
        payload["container"] = {"type": "view", "view_id": "V0001"}
        payload["view"] = {"id": "V0001", "type": "home", "blocks": []}
    else:
        payload["container"] = {
            "type": "message",
            "message_ts": message_ts,
            "channel_id": channel_id,
            "is_ephemeral": ephemeral,
        }
        payload["channel"] = {"id": channel_id, "name": "directmessage"}
        payload["message"] = {"type": "message", "ts": message_ts, "text": "", "blocks": []}
        payload["response_url"] = response_url
    return payload


def action_request(secret: str, value: str, **kw: Any) -> SignedRequest:
    """A signed interactivity request (form field `payload`) for a button carrying `value`."""
    sign_kw = {k: kw.pop(k) for k in ("timestamp", "retry_num") if k in kw}
    payload = block_action_payload(value, **kw)
    body = urlencode({"payload": json.dumps(payload)}).encode()
    return sign(secret, body, "application/x-www-form-urlencoded", **sign_kw)
