"""Every HTTP endpoint against oversized bodies, malformed JSON and forged signatures: refused
with a 4xx, nothing journaled, and the process keeps answering."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import time
from collections.abc import AsyncIterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from aiohttp.test_utils import TestClient, TestServer

from benchmarks.fakes.slack_api import FakeSlackApi
from bot.app import App
from bot.config import Settings

TG_SECRET = "tg-webhook-secret_123"
SLACK_SECRET = "slack-signing-secret-abc"
MALFORMED = [b"{", b"not json at all", b"[1, 2", b'{"update_id": }', b"\xff\xfe\x00", b"null"]


def _slack_headers(body: bytes, secret: str = SLACK_SECRET) -> dict[str, str]:
    ts = str(int(time.time()))
    mac = hmac.new(secret.encode(), b"v0:" + ts.encode() + b":" + body, hashlib.sha256)
    return {
        "Content-Type": "application/json",
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": "v0=" + mac.hexdigest(),
    }


# path -> headers that authenticate a body, so malformed JSON reaches the parser.
AUTH = {
    "/telegram/webhook": lambda body: {
        "Content-Type": "application/json",
        "X-Telegram-Bot-Api-Secret-Token": TG_SECRET,
    },
    "/slack/events": _slack_headers,
}


@pytest.fixture
async def slack_api() -> AsyncIterator[FakeSlackApi]:
    # Bolt asks auth.test about the token on the first signed request it lets through.
    async with FakeSlackApi() as fake:
        yield fake


@pytest.fixture
async def app(tmp_path: Path, slack_api: FakeSlackApi) -> AsyncIterator[App]:
    settings = Settings(
        db_path=tmp_path / "http.db",
        telegram_token="123:fake",
        telegram_webhook_url="https://example.invalid/telegram/webhook",
        telegram_webhook_secret=TG_SECRET,
        slack_bot_token="xoxb-fake",
        slack_signing_secret=SLACK_SECRET,
        slack_api_base_url=slack_api.base_url,
    )
    running = App(settings)
    await running.open()
    # Built, not started: the routes exist and journal into the store; no platform is called.
    running.adapters.update(running.build_adapters())
    try:
        yield running
    finally:
        running.adapters.clear()
        await running.close()


@pytest.fixture
async def client(app: App) -> AsyncIterator[TestClient]:
    async with TestClient(TestServer(app.web)) as test_client:
        yield test_client


def _posts(app: App) -> set[str]:
    return {r.resource.canonical for r in app.web.router.routes() if r.method == "POST"}


async def _journal(app: App) -> int:
    return await app.store.read(lambda tx: tx.inbox.count())


def _need(app: App, path: str) -> None:
    # A guard that skips when its route is gone would report green on a build that dropped
    # the route: the abuse suite must fail instead.
    if path not in _posts(app):
        pytest.fail(f"{path} is not served by this build; the abuse suite guards it")


def test_a_missing_guarded_route_fails_the_suite(app) -> None:
    with pytest.raises(pytest.fail.Exception, match="/nowhere is not served"):
        _need(app, "/nowhere")
    for path in AUTH:
        _need(app, path)


async def _still_healthy(app: App, client: TestClient) -> None:
    resp = await client.get("/healthz")
    assert resp.status in (200, 503)
    assert (await resp.json())["store"] == "ok"
    assert await _journal(app) == 0


@pytest.mark.parametrize("path", ["/healthz", *AUTH])
async def test_an_oversized_body_is_refused_before_it_is_read(app, client, path) -> None:
    if path != "/healthz":
        _need(app, path)
    body = b'{"update_id": 1, "x": "' + b"a" * (2 * 1024 * 1024) + b'"}'
    headers = AUTH[path](body) if path in AUTH else {"Content-Type": "application/json"}
    resp = await client.post(path, data=body, headers=headers)
    assert resp.status in (405, 413) if path == "/healthz" else resp.status == 413
    await _still_healthy(app, client)


@pytest.mark.parametrize("path", list(AUTH))
@pytest.mark.parametrize("body", MALFORMED)
async def test_malformed_json_is_a_4xx(app, client, path, body) -> None:
    _need(app, path)
    resp = await client.post(path, data=body, headers=AUTH[path](body))
    assert 400 <= resp.status < 500
    await _still_healthy(app, client)


async def test_unauthenticated_posts_are_refused(app, client) -> None:
    for path in AUTH:
        _need(app, path)
        body = b'{"update_id": 5, "message": {"text": "hi"}}'
        resp = await client.post(path, data=body, headers={"Content-Type": "application/json"})
        assert resp.status in (401, 403)
    await _still_healthy(app, client)


async def test_a_burst_of_forged_slack_signatures_is_refused_cheaply(app, client) -> None:
    _need(app, "/slack/events")
    body = b'{"type": "event_callback", "event_id": "Ev1", "event": {"type": "message"}}'
    forged = _slack_headers(body, secret="not-the-secret")
    started = time.monotonic()
    statuses = await asyncio.gather(
        *(client.post("/slack/events", data=body, headers=forged) for _ in range(300))
    )
    elapsed = time.monotonic() - started
    assert {r.status for r in statuses} == {401}
    assert elapsed < 15
    await _still_healthy(app, client)


# -- /slack/events: refused before anything reads the body, and cheaply logged -----------------

FORM = "application/x-www-form-urlencoded"


def _signed(body: bytes, content_type: str = FORM) -> dict[str, str]:
    return {**_slack_headers(body), "Content-Type": content_type}


def _action(**fields: object) -> bytes:
    payload = {"type": "block_actions", "trigger_id": "1.2.3", "user": {"id": "U1"}, **fields}
    payload = {k: v for k, v in payload.items() if v is not None}
    return urlencode({"payload": json.dumps(payload)}).encode()


def _event(**fields: object) -> bytes:
    envelope = {"type": "event_callback", "event_id": "Ev1", "team_id": "T1", **fields}
    envelope.setdefault(
        "event",
        {
            "type": "message",
            "channel_type": "im",
            "user": "U1",
            "channel": "DU1",
            "ts": "1.1",
            "text": "help",
        },
    )
    return json.dumps({k: v for k, v in envelope.items() if v is not None}).encode()


NOW_TS = lambda: str(int(time.time()))  # noqa: E731
UNSIGNED = {
    "form with payload=notjson, no headers": (b"payload=notjson", {"Content-Type": FORM}),
    "payload=notjson, a timestamp that is no number": (
        b"payload=notjson",
        {"Content-Type": FORM, "X-Slack-Request-Timestamp": "abc", "X-Slack-Signature": "v0=00"},
    ),
    "an event, a timestamp with letters": (
        _event(),
        {
            "Content-Type": "application/json",
            "X-Slack-Request-Timestamp": "12ab",
            "X-Slack-Signature": "v0=00",
        },
    ),
    "a timestamp in other digits": (
        _event(),
        {
            "Content-Type": "application/json",
            "X-Slack-Request-Timestamp": "١٢٣",
            "X-Slack-Signature": "v0=00",
        },
    ),
    "bytes that are no UTF-8": (b"payload=\xff\xfe", {"Content-Type": FORM}),
}


def _problems(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.levelno >= logging.WARNING]


@pytest.mark.parametrize("case", list(UNSIGNED))
async def test_unsigned_slack_posts_are_refused_before_the_body_is_read(
    app, client, case, caplog
) -> None:
    assert "/slack/events" in _posts(app)
    body, headers = UNSIGNED[case]
    resp = await client.post("/slack/events", data=body, headers=headers)
    assert resp.status in (400, 401)
    assert not [r for r in caplog.records if r.exc_info], "no traceback"
    assert len(_problems(caplog)) == 1
    await _still_healthy(app, client)


async def test_a_flood_of_unsigned_slack_posts_costs_a_line_not_a_line_each(
    app, client, caplog
) -> None:
    assert "/slack/events" in _posts(app)
    posts = [UNSIGNED[case] for case in UNSIGNED] * 40
    statuses = await asyncio.gather(
        *(client.post("/slack/events", data=b, headers=h) for b, h in posts)
    )
    assert {r.status for r in statuses} <= {400, 401}
    problems = _problems(caplog)
    assert 1 <= len(problems) <= 3, [r.getMessage() for r in problems]
    assert sum(len(r.getMessage()) for r in problems) < 1000
    await _still_healthy(app, client)


SIGNED_MALFORMED = {
    "payload=notjson": (b"payload=notjson", FORM),
    "payload that is a list": (urlencode({"payload": "[1, 2]"}).encode(), FORM),
    "payload that is a string": (urlencode({"payload": '"hi"'}).encode(), FORM),
    "actions that are not a list": (_action(actions="x"), FORM),
    "an action that is not an object": (_action(actions=["ritmo.x"]), FORM),
    "an action press with no trigger_id": (
        _action(trigger_id=None, actions=[{"action_id": "ritmo.btn.0", "value": "t"}]),
        FORM,
    ),
    "a slash command with no trigger_id": (
        urlencode(
            {"command": "/ritmo", "text": "help", "user_id": "U1", "channel_id": "DU1"}
        ).encode(),
        FORM,
    ),
    "an event with no event_id": (_event(event_id=None), "application/json"),
    "an event_id that is a number": (_event(event_id=5), "application/json"),
    "an event that is not an object": (_event(event="hi"), "application/json"),
    "an event list": (_event(event=[1]), "application/json"),
    "bytes that are no UTF-8": (b"payload=\xff\xfe", FORM),
}


@pytest.mark.parametrize("case", list(SIGNED_MALFORMED))
async def test_signed_but_malformed_slack_payloads_are_a_400(app, client, case, caplog) -> None:
    assert "/slack/events" in _posts(app)
    body, content_type = SIGNED_MALFORMED[case]
    resp = await client.post("/slack/events", data=body, headers=_signed(body, content_type))
    assert resp.status == 400
    assert not [r for r in caplog.records if r.exc_info], "no traceback"
    assert len(_problems(caplog)) <= 1
    await _still_healthy(app, client)
