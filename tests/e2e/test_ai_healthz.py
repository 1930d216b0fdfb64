"""/healthz over real HTTP says how the optional model has been doing: calls in the last 24 h by
outcome, the tokens they cost, how the last call went (outcome and latency), and never the API
key; without a model configured there is no `ai` block at all (README, "Health")."""

from __future__ import annotations

from aiohttp.test_utils import TestClient, TestServer

from benchmarks.fakes.openai_api import API_KEY
from benchmarks.fakes.telegram_api import message_update
from bot.app import App
from bot.config import Settings
from storage.audit import Actor
from tests.e2e import test_ai_voice_telegram as voice_e2e
from tests.e2e.test_ai_voice_telegram import ANA
from tests.e2e.test_telegram import Clock, Ritmo

servers = voice_e2e.servers  # the fake Bot API and the fake model endpoint
_start = voice_e2e._start

EMPTY = dict.fromkeys(
    ("account", "contact", "kind", "date", "period", "amount", "stage", "cadence", "reason")
)


async def _health(app) -> tuple[dict, str]:
    async with TestClient(TestServer(app.web)) as client:
        resp = await client.get("/healthz")
        return await resp.json(), await resp.text()


async def test_healthz_reports_the_models_calls_and_last_outcome(store_url, servers) -> None:
    telegram, model = servers
    clock = Clock()
    app, adapter = await _start(store_url, telegram, model, clock)
    try:
        ritmo = Ritmo(app, adapter, telegram, clock)
        person = await ritmo.linked(ANA)
        await ritmo.store.write(
            lambda tx: tx.accounts.create_account(
                name="Padaria Silva", owner_id=person.id, actor=Actor(None, "test"), now=clock()
            )
        )
        model.say(
            {"intent": "status", "entities": {**EMPTY, "account": "Padaria Silva", "body": ""}}
        )
        used = await ritmo.send(message_update(ANA, "a padaria silva tá quente"))
        assert used[0].text.startswith("Lido por IA (fake-model).")
        model.fail(500)
        fallback = await ritmo.send(message_update(ANA, "a padaria silva tá fria"))
        assert "Lido por IA" not in fallback[0].text
        body, raw = await _health(app)
    finally:
        await app.close()
    assert "ai" not in body["problems"]  # a failing model never makes ritmo unhealthy
    ai = body["ai"]
    assert ai["model"] == "fake-model" and ai["transcribe_model"] is None
    assert ai["calls_24h"] == {"used": 1, "fallback": 1}
    assert ai["prompt_tokens_24h"] == 120 and ai["completion_tokens_24h"] == 18
    assert ai["last_call"]["kind"] == "read" and ai["last_call"]["outcome"] == "fallback"
    assert isinstance(ai["last_call"]["latency_ms"], int) and ai["last_call"]["latency_ms"] >= 0
    assert API_KEY not in raw


async def test_without_a_model_healthz_has_no_ai_block(store_url) -> None:
    app = App(Settings.from_env({"RITMO_DB": store_url}), now=Clock())
    await app.open()
    try:
        body, _ = await _health(app)
    finally:
        await app.close()
    assert body["store"] == "ok" and "ai" not in body
