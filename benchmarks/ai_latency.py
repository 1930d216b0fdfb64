"""The model's cost on the chat: added latency only where the model is asked, and a free loop.

A ritmo (the real App and dispatcher, the understanding corpus's book) with the fake
OpenAI-compatible endpoint answering every reading after a fixed 300 ms. Eight askers send
messages the rules read with confidence, back to back, first alone and then while four more
askers send messages the rules are unsure of (each one a model call). If waiting for the
model blocked the event loop, the confident messages' p95 would jump by the model's latency;
it stays where it was. A ticker measures the loop's worst lag in both phases.

    python -m benchmarks.ai_latency [--rounds 40]
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import tempfile
import time
from pathlib import Path

from benchmarks.fakes.openai_api import FakeOpenAI
from benchmarks.harness import percentile
from benchmarks.understanding import NOW, _seed, load_book, load_rows
from bot.app import App
from bot.config import Settings
from handlers.ai.reading import unsure
from handlers.kernel import asking
from handlers.kernel.messages import Incoming, Sender

LATENCY = 0.3
CONFIDENT_ASKERS = 8
UNSURE_ASKERS = 4


async def _ticker(stop: asyncio.Event, lags: list[float]) -> None:
    while not stop.is_set():
        started = time.perf_counter()
        await asyncio.sleep(0.01)
        lags.append(time.perf_counter() - started - 0.01)


async def _split(app: App, book: dict) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The held-out messages the rules read with confidence, and those they are unsure of."""
    sure, doubt = [], []
    assert app.dispatcher is not None
    for row in load_rows(("heldout",)):
        ctx = await app.dispatcher.context_for(_msg(row.asker, row.text, 0))
        parsed = await asking.parser(row.text, ctx)
        intent_is_write = parsed.intent in (
            "log",
            "task",
            "enroll",
            "stage_change",
            "won",
            "lost",
            "deal_update",
            "create_deal",
            "create_contact",
            "create_account",
            "undo",
        )
        if unsure(parsed):
            doubt.append((row.asker, row.text))
        elif not intent_is_write:  # questions: the same answer every round
            sure.append((row.asker, row.text))
    return sure, doubt


_count = iter(range(10**9))


def _msg(asker: str, text: str, n: int) -> Incoming:
    return Incoming(Sender("console", asker), asker, f"bench-{next(_count)}", text=text)


async def _asker(
    app: App, messages: list[tuple[str, str]], rounds: int, out: list[float], offset: int
) -> None:
    assert app.dispatcher is not None
    for i in range(rounds):
        asker, text = messages[(offset + i) % len(messages)]
        started = time.perf_counter()
        await app.dispatcher.handle(_msg(asker, text, i))
        out.append(time.perf_counter() - started)


async def _phase(
    app: App, sure: list, doubt: list, rounds: int, with_model: bool
) -> tuple[list[float], list[float], float]:
    confident: list[float] = []
    read: list[float] = []
    lags: list[float] = []
    stop = asyncio.Event()
    ticker = asyncio.create_task(_ticker(stop, lags))
    tasks = [_asker(app, sure, rounds, confident, k * 7) for k in range(CONFIDENT_ASKERS)]
    if with_model:
        tasks += [
            _asker(app, doubt, max(rounds // 8, 2), read, k * 3) for k in range(UNSURE_ASKERS)
        ]
    await asyncio.gather(*tasks)
    stop.set()
    await ticker
    return confident, read, max(lags) if lags else 0.0


async def measure(rounds: int) -> dict[str, float]:
    logging.getLogger().setLevel(logging.ERROR)  # one line per model call would be noise
    async with FakeOpenAI(api_key=None, latency=LATENCY) as fake:
        with tempfile.TemporaryDirectory() as tmp:
            settings = Settings(
                db_path=Path(tmp) / "bench.db",
                ai_base_url=fake.base_url,
                ai_model="fake-model",
                ai_hourly_limit=10**6,
                ai_daily_budget=10**6,
            )
            app = App(settings, now=lambda: NOW)
            await app.open()
            try:
                book = load_book()
                assert app.store is not None
                await app.store.write(_seed, book)
                sure, doubt = await _split(app, book)
                await _phase(app, sure, doubt, 10, True)  # warm the caches and the client
                alone, _, lag_alone = await _phase(app, sure, doubt, rounds, False)
                mixed, read, lag_mixed = await _phase(app, sure, doubt, rounds, True)
            finally:
                await app.close()
        calls = len(fake.chat_calls())
    ms = 1000
    return {
        "confident_p50_alone_ms": percentile(alone, 50) * ms,
        "confident_p95_alone_ms": percentile(alone, 95) * ms,
        "confident_p50_with_model_traffic_ms": percentile(mixed, 50) * ms,
        "confident_p95_with_model_traffic_ms": percentile(mixed, 95) * ms,
        "unsure_p50_ms": percentile(read, 50) * ms,
        "unsure_p95_ms": percentile(read, 95) * ms,
        "loop_worst_lag_alone_ms": lag_alone * ms,
        "loop_worst_lag_with_model_traffic_ms": lag_mixed * ms,
        "model_calls": calls,
        "unsure_messages": len(read),
        "confident_messages": len(mixed),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=40)
    for name, value in asyncio.run(measure(parser.parse_args().rounds)).items():
        print(f"{name}: {value:.1f}" if isinstance(value, float) else f"{name}: {value}")


if __name__ == "__main__":
    main()
