"""Each model call ends in one JSON log line and the metrics, with tokens and never the key."""

from __future__ import annotations

import io
import json
import logging

import pytest

from benchmarks.fakes.openai_api import API_KEY, FakeOpenAI
from bot.ai.client import AIClient
from bot.ai.service import AIService
from bot.config import Settings
from bot.logs import build_handler
from bot.metrics import Metrics
from handlers.ai.port import AIFailure

SCHEMA = {"type": "object", "properties": {}, "required": [], "additionalProperties": False}


@pytest.fixture
def stream():
    out = io.StringIO()
    root = logging.getLogger()
    old, level = root.handlers[:], root.level
    root.handlers[:] = [build_handler("json", secrets=[API_KEY], stream=out)]
    root.setLevel(logging.INFO)
    yield out
    root.handlers[:] = old
    root.setLevel(level)


def test_without_a_base_url_there_is_no_service() -> None:
    assert AIService.from_settings(Settings.from_env({})) is None


async def test_a_used_and_a_timed_out_call_are_logged_and_counted_without_the_key(stream):
    metrics = Metrics()
    async with FakeOpenAI() as fake:
        client = AIClient(fake.base_url, "fake-model", api_key=API_KEY, timeout=0.2)
        ai = AIService(client, metrics=metrics)
        fake.say({})
        done = await ai.complete([{"role": "user", "content": "x"}], SCHEMA)
        ai.observe("read", "used", done.report)
        fake.stall(1.0)
        with pytest.raises(AIFailure) as failed:
            await ai.complete([{"role": "user", "content": "x"}], SCHEMA)
        ai.observe("read", failed.value.outcome, failed.value.report)
        await ai.close()
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    calls = [line for line in lines if line.get("event") == "ai.call"]
    assert [c["outcome"] for c in calls] == ["used", "timeout"]
    assert calls[0]["prompt_tokens"] == 120 and calls[0]["completion_tokens"] == 18
    assert calls[1]["level"] == "WARNING" and calls[1]["latency_ms"] >= 150
    assert API_KEY not in stream.getvalue()
    text = metrics.render().decode()
    assert 'ritmo_ai_calls_total{kind="read",outcome="used"} 1.0' in text
    assert 'ritmo_ai_calls_total{kind="read",outcome="timeout"} 1.0' in text
    assert 'ritmo_ai_tokens_total{type="prompt"} 120.0' in text
