"""One chat flooding updates is throttled: one polite sentence, then silence; others go on."""

from __future__ import annotations

from bot.inbox import BURST, PER_SECOND


async def test_a_flood_gets_one_sentence_then_silence_and_others_are_served(core) -> None:
    before = await core.counts()
    await core.flood("111", [f"ligação com a Acme, tentativa {i}" for i in range(60)])
    answer = await core.send("222", "my pipeline")

    assert answer is not None and answer.intent == "pipeline"
    said = core.said["111"]
    throttled = [t for t in said if "rápido demais" in t]
    assert len(throttled) == 1, "one polite sentence, in Ana's language, then silence"
    assert len(said) == BURST + 1
    after = await core.counts()
    # Only the messages within the burst reached a handler; the rest are journal rows only.
    assert after["interactions"] - before["interactions"] <= BURST
    journal = await core.app.store.read(
        lambda tx: (tx.inbox.count(), tx.inbox.count(state="done"))
    )
    assert journal == (61, 61)


async def test_after_slowing_down_the_sender_is_heard_again(core) -> None:
    await core.flood("111", ["oi"] * (BURST + 5))
    assert await core.send("111", "meu pipeline") is None  # still silent
    core.monotonic.now += 2 / PER_SECOND
    answer = await core.send("111", "meu pipeline")
    assert answer is not None and answer.intent == "pipeline"
    # Heard again, and warned again only if they flood again.
    await core.flood("111", ["oi"] * (BURST + 5))
    assert sum("rápido demais" in t for t in core.said["111"]) == 2


async def test_an_unknown_flooder_is_throttled_in_their_own_language(core) -> None:
    await core.flood("999", ["/start 000000"] * (BURST + 10))
    said = core.said["999"]
    assert len(said) == BURST + 1
    assert "faster than I can keep up" in said[-1]
