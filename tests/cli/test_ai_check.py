"""`ritmo ai check`: one call, one sentence, an exit code a script can use."""

from __future__ import annotations

import asyncio

from benchmarks.fakes.openai_api import API_KEY, FakeOpenAI
from tests.cli.conftest import Run, assert_user_mistake


def env(fake: FakeOpenAI, **more: str) -> dict[str, str]:
    return {
        "RITMO_AI_BASE_URL": fake.base_url,
        "RITMO_AI_MODEL": "fake-model",
        "RITMO_AI_API_KEY": API_KEY,
        **more,
    }


async def test_a_working_endpoint_is_one_sentence_with_its_latency(ritmo: Run) -> None:
    async with FakeOpenAI(latency=0.05) as fake:
        fake.say({"ok": True})
        done = await asyncio.to_thread(ritmo, "ai", "check", extra_env=env(fake))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("The model fake-model at http://127.0.0.1:")
    assert " ms." in done.stdout and API_KEY not in done.stdout + done.stderr


async def test_a_slow_endpoint_says_so_and_exits_1(ritmo: Run) -> None:
    async with FakeOpenAI() as fake:
        fake.stall(2.0)
        done = await asyncio.to_thread(
            ritmo, "ai", "check", extra_env=env(fake, RITMO_AI_TIMEOUT="0.3")
        )
    assert done.returncode == 1
    assert "did not answer within 0.3 s" in done.stderr and "Traceback" not in done.stderr


def test_without_a_model_it_says_how_to_configure_one(ritmo: Run) -> None:
    assert_user_mistake(ritmo("ai", "check"), "RITMO_AI_BASE_URL")
