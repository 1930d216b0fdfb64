"""A reply to a person's message survives a Telegram outage: what the platform failed to take is
queued in the outbox and retried with backoff, delivered once when the burst is over, and given
up (and logged) only past its age limit."""

from __future__ import annotations

import logging
from datetime import timedelta

from benchmarks.fakes.telegram_api import FakeTelegram, message_update
from cadence_jobs import dispatcher as outbox_dispatcher
from cadence_jobs import jobs as cadence_schedule
from tests.e2e import test_telegram
from tests.e2e.test_telegram import ANA, Ritmo
from tests.store_views import OutboxWatch, journal

QUESTION = "ajuda"


# The Telegram e2e tests' fixtures: a fake Telegram, and a linked-ready ritmo on it.
fake = test_telegram.fake
ritmo = test_telegram.ritmo


# A watch holds its store, so the id it is filed under is never reused by a later store.
_WATCHES: dict[int, OutboxWatch] = {}


async def _rows(ritmo: Ritmo) -> list[tuple]:
    """(kind, state, attempts) of every queued reply, followed until sent or given up."""
    watch = _WATCHES.setdefault(id(ritmo.store), OutboxWatch(ritmo.store, "reply"))
    return [(r.kind, r.state, r.attempts) for r in await watch.rows()]


def _answers(fake: FakeTelegram) -> list:
    return [c for c in fake.sent_to(501) if c.method == "sendMessage"]


async def test_a_reply_lost_in_a_502_burst_is_delivered_once_after_it(ritmo, fake) -> None:
    await ritmo.linked(ANA)
    [expected] = await ritmo.send(message_update(ANA, QUESTION))  # what the answer looks like
    before = len(_answers(fake))
    # Longer than the three quick tries the inbox used to give a reply before quarantining it.
    fake.fail("sendMessage", 502, times=6)

    handled = (await journal(ritmo.store, "telegram"))["done"]
    await ritmo.send(message_update(ANA, QUESTION))
    assert len(_answers(fake)) == before
    after = await journal(ritmo.store, "telegram")
    assert after["done"] == handled + 1, "handled once; its answer waits in the outbox"
    assert (after["pending"], after["failed"]) == (0, 0), "not in the inbox"
    assert await _rows(ritmo) == [("reply", "pending", 0)]

    dispatcher = cadence_schedule.dispatcher_for(ritmo.app)
    # Its one-message-a-second per chat on the test's clock, as the reminder tests give it: the
    # pacing is not under test, and the clock moves minutes between rounds.
    dispatcher.monotonic = lambda: ritmo.clock.now.timestamp()
    for _ in range(8):  # each pause of the backoff: 5, 10, 20 … seconds
        ritmo.clock.now += timedelta(minutes=2)
        await dispatcher.drain()
    answers = _answers(fake)[before:]
    assert len(answers) == 1, "delivered once, after the burst"
    assert answers[0].text == expected.text
    [(_, state, attempts)] = await _rows(ritmo)
    assert state == "sent" and attempts >= 2
    # The message itself was handled once: no second answer from a re-handled update.
    assert await ritmo.adapter.worker.drain() is None and len(_answers(fake)[before:]) == 1


async def test_a_reply_is_given_up_past_its_age_limit(ritmo, fake, caplog) -> None:
    await ritmo.linked(ANA)
    before = len(_answers(fake))
    fake.fail("sendMessage", 502, times=1000)
    await ritmo.send(message_update(ANA, QUESTION))

    dispatcher = cadence_schedule.dispatcher_for(ritmo.app)
    # Its one-message-a-second per chat on the test's clock, as the reminder tests give it: the
    # pacing is not under test, and the clock moves minutes between rounds.
    dispatcher.monotonic = lambda: ritmo.clock.now.timestamp()
    caplog.set_level(logging.WARNING, logger="cadence_jobs.dispatcher")
    limit = outbox_dispatcher.REPLY_MAX_AGE
    for _ in range(int(limit / timedelta(minutes=2)) + 3):
        ritmo.clock.now += timedelta(minutes=2)
        await dispatcher.drain()
    [(_, state, _)] = await _rows(ritmo)
    assert state == "failed"
    assert any("gave up on a reply" in r.getMessage() for r in caplog.records)
    assert await ritmo.store.read(lambda tx: tx.outbox.backlog(ritmo.clock())) == 0

    fake._failures.clear()  # the platform is back: a reply that old is not sent any more
    ritmo.clock.now += timedelta(minutes=10)
    await dispatcher.drain()
    assert len(_answers(fake)) == before
