"""Every HTTP endpoint against oversized bodies, malformed JSON and forged signatures: refused
with a 4xx, nothing journaled, and the process keeps answering."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot import app as app_module
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
async def app(tmp_path: Path) -> AsyncIterator[App]:
    settings = Settings(
        db_path=tmp_path / "http.db",
        telegram_token="123:fake",
        telegram_webhook_url="https://example.invalid/telegram/webhook",
        telegram_webhook_secret=TG_SECRET,
        slack_bot_token="xoxb-fake",
        slack_signing_secret=SLACK_SECRET,
    )
    running = App(settings)
    await running.open()
    # Built, not started: the routes exist and journal into the store; no platform is called.
    for factory in app_module.ADAPTER_FACTORIES:
        adapter = factory(running)
        if adapter is not None:
            running.adapters[adapter.platform] = adapter
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
    return await app.store.read(lambda c: c.execute("SELECT count(*) FROM inbox").fetchone()[0])


def _need(app: App, path: str) -> None:
    if path not in _posts(app):
        pytest.skip(f"{path} is not served by this build")


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
