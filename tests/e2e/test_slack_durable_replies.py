"""A reply to a person's Slack message survives a Slack outage, as on Telegram: what Slack failed
to take (5xx, a rate limit too long to sleep through, a response_url that is down) is queued in
the outbox, delivered once in the person's DM after the outage, and given up only past its age
limit; a refusal (channel_not_found…) is neither retried nor quarantined. The event itself is
handled once: one interaction stored, however long the outage."""

from __future__ import annotations

import asyncio
import logging
import socket
import time
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
from slack_sdk.http_retry.builtin_interval_calculators import FixedValueRetryIntervalCalculator

from bot.channels.slack.client import make_client
from cadence_jobs import dispatcher as outbox_dispatcher
from cadence_jobs import jobs
from handlers.kernel.messages import Reply
from tests.e2e.slack_app import running
from tests.e2e.test_slack_e2e import Slack, _book
from tests.store_views import OutboxWatch, journal

LOG_CALL = "log call Acme: CFO wants a proposal"


@pytest.fixture
async def slack(store_url: str, clock: Any) -> AsyncIterator[Slack]:
    async with running(store_url, "en", clock) as app:
        app.adapter.poster.pacer.interval = 0  # the one-post-a-second pacing is not under test
        for handler in app.adapter.client.retry_handlers:  # nor slack_sdk's ~0.5 s pause before
            handler.interval_calculator = FixedValueRetryIntervalCalculator(0)  # its one retry
        yield Slack(app.app, app.fake, app.http)


def _posts_to(slack: Slack, channel: str) -> list[Any]:
    return [c for c in slack.fake.calls_to("chat.postMessage") if c.params["channel"] == channel]


# A watch holds its store, so the id it is filed under is never reused by a later store.
_WATCHES: dict[int, OutboxWatch] = {}


async def _reply_rows(slack: Slack) -> list[tuple[str, int]]:
    """(state, attempts) of every queued reply, followed until it is sent or given up."""
    assert slack.app.store is not None
    watch = _WATCHES.setdefault(id(slack.app.store), OutboxWatch(slack.app.store, "reply"))
    return await watch.states()


async def _inbox_states(slack: Slack) -> list[str]:
    """The journal's events by state, as `ritmo inbox` counts them."""
    assert slack.app.store is not None
    counts = await journal(slack.app.store)
    return [state for state, n in counts.items() for _ in range(n)]


async def _logged(slack: Slack) -> int:
    assert slack.app.store is not None
    return len(await slack.app.store.read(lambda tx: tx.interactions.recent_for_account(1, None)))


async def _ride_out(slack: Slack, clock: Any, rounds: int) -> None:
    """Let the outbox dispatcher try again after each of its backoff pauses (5, 10, 20 s …)."""
    dispatcher = jobs.dispatcher_for(slack.app)
    # Its one-message-a-second per chat on the test's clock (the pacing is not under test).
    dispatcher.monotonic = lambda: clock().timestamp()
    for _ in range(rounds):
        clock.advance(minutes=2)
        await dispatcher.drain()


async def test_a_reply_lost_in_a_502_burst_is_delivered_once_after_it(
    slack: Slack, clock: Any
) -> None:
    rep = await slack.person("Paula", locale="en", slack_user="U30")
    await _book(slack, rep)
    # Longer than the three quick tries (one second apart) the inbox used to give a reply.
    slack.fake.fail_http("chat.postMessage", 502, times=6)

    assert await slack.dm("U30", LOG_CALL) == 200
    await slack.adapter.worker.drain()
    assert _posts_to(slack, "DU30") == []
    assert await _inbox_states(slack) == ["done"], "handled once; the answer waits in the outbox"
    assert await _reply_rows(slack) == [("pending", 0)]
    assert await _logged(slack) == 1

    await _ride_out(slack, clock, rounds=8)
    [answer] = _posts_to(slack, "DU30")
    assert "Logged call with *Acme Corp*" in answer.blocks[0]["text"]["text"]
    [(state, attempts)] = await _reply_rows(slack)
    assert state == "sent" and attempts >= 5
    # The event was not handled again: still one call logged, one answer, nothing quarantined.
    await slack.adapter.worker.drain()
    assert await _logged(slack) == 1
    assert len(_posts_to(slack, "DU30")) == 1
    assert slack.app.store is not None
    assert await slack.app.store.read(lambda tx: tx.inbox.count("slack", "failed")) == 0


async def test_a_reply_is_given_up_past_its_age_limit(
    slack: Slack, clock: Any, caplog: pytest.LogCaptureFixture
) -> None:
    await slack.person("Gil", slack_user="U8")
    slack.fake.fail_http("chat.postMessage", 503, times=10_000)
    assert await slack.dm("U8", "help") == 200
    await slack.adapter.worker.drain()

    caplog.set_level(logging.WARNING, logger="cadence_jobs.dispatcher")
    limit = outbox_dispatcher.REPLY_MAX_AGE
    await _ride_out(slack, clock, rounds=int(limit / timedelta(minutes=2)) + 3)
    [(state, _)] = await _reply_rows(slack)
    assert state == "failed"
    assert any("gave up on a reply" in r.getMessage() for r in caplog.records)

    slack.fake.fail_http("chat.postMessage", 503, times=0)  # Slack is back: too late to answer
    await _ride_out(slack, clock, rounds=3)
    assert _posts_to(slack, "DU8") == []
    assert await _inbox_states(slack) == ["done"]


async def test_a_refusal_is_neither_retried_nor_quarantined(
    slack: Slack, caplog: pytest.LogCaptureFixture
) -> None:
    await slack.person("Juca", slack_user="U12")
    slack.fake.fail("chat.postMessage", "channel_not_found")
    assert await slack.dm("U12", "help") == 200
    await slack.adapter.worker.drain()

    assert len([c for c in slack.fake.calls if c.method == "chat.postMessage"]) == 1
    assert await _reply_rows(slack) == []
    assert await _inbox_states(slack) == ["done"]
    assert any(
        "channel_not_found" in r.getMessage() and "not retried" in r.getMessage()
        for r in caplog.records
    )


async def test_an_answer_through_a_response_url_that_is_down_comes_later_as_a_dm(
    slack: Slack, clock: Any
) -> None:
    await slack.person("Hugo", slack_user="U10")
    # In a channel ritmo isn't in, the answer goes through the command's response_url, which
    # may have expired (30 minutes, 5 uses) by the time Slack is back: the retry is a DM.
    slack.fake.fail("chat.postEphemeral", "channel_not_found")
    slack.fake.fail_http("response_url", 502, times=1)
    assert await slack.command("U10", "help", channel="G77") == 200
    await slack.adapter.worker.drain()
    assert slack.fake.calls_to("response_url") == []
    assert await _reply_rows(slack) == [("pending", 0)]

    await _ride_out(slack, clock, rounds=1)
    [answer] = _posts_to(slack, "DU10")
    assert "rhythm of your sales" in answer.params["text"]
    assert slack.fake.calls_to("response_url") == []  # never sent twice, never to the old URL


async def test_a_long_rate_limit_is_not_slept_through_by_the_reply(
    slack: Slack, clock: Any
) -> None:
    await slack.person("Kai", slack_user="U13")
    slack.fake.rate_limit("chat.postMessage", times=1, retry_after=120)
    started = time.monotonic()
    assert await slack.dm("U13", "help") == 200
    await asyncio.wait_for(slack.adapter.worker.drain(), timeout=5)
    assert time.monotonic() - started < 5, "the inbox did not wait two minutes for Slack"
    assert await _reply_rows(slack) == [("pending", 0)]

    await _ride_out(slack, clock, rounds=2)
    assert len(_posts_to(slack, "DU13")) == 1


async def test_a_reply_from_a_dm_between_two_people_is_retried_in_the_persons_own_dm(
    slack: Slack, clock: Any
) -> None:
    await slack.person("Hugo", slack_user="U10")
    # A DM between Hugo and a colleague (its id starts with D too): the answer was ephemeral
    # there, and its retry must not land in that conversation for the colleague to read.
    slack.fake.fail_http("chat.postEphemeral", 502, times=1)
    slack.fake.fail_http("response_url", 502, times=1)
    assert await slack.command("U10", "help", channel="DU10U99") == 200
    await slack.adapter.worker.drain()
    assert await _reply_rows(slack) == [("pending", 0)]

    await _ride_out(slack, clock, rounds=1)
    assert _posts_to(slack, "DU10U99") == []
    assert len(_posts_to(slack, "DU10")) == 1


async def test_a_delivery_rate_limited_for_long_is_handed_to_the_outbox_wait(
    slack: Slack,
) -> None:
    from bot.channels.base import DeliveryError
    from storage.people import Identity

    person = await slack.person("Iris")
    slack.fake.rate_limit("chat.postMessage", times=1, retry_after=120)
    started = time.monotonic()
    with pytest.raises(DeliveryError) as failure:
        await slack.adapter.deliver(
            Identity(0, person.id, "slack", "U11", "DU11", True), [Reply("oi")]
        )
    assert time.monotonic() - started < 5, "not slept through inside the outbox's slot"
    assert failure.value.retry_after == 120


async def test_a_failure_after_every_reply_went_out_queues_nothing(slack: Slack) -> None:
    from benchmarks.fakes.slack_signing import action_request
    from tests.e2e.slack_app import SECRET

    await slack.person("Lia", slack_user="U14")
    # A press on the Home tab is answered in the DM, then the tab is refreshed; Slack fails
    # only the refresh. The answer is out: nothing is left to retry, and nothing is queued.
    slack.fake.fail_http("views.publish", 502, times=1)
    press = action_request(
        SECRET, "no-such-token", user_id="U14", view=True, trigger_id="trig-home"
    )
    assert await slack.send(press) == 200
    await slack.adapter.worker.drain()

    assert len(_posts_to(slack, "DU14")) == 1
    assert await _reply_rows(slack) == []
    assert await _inbox_states(slack) == ["done"]


async def test_a_reply_while_slack_is_unreachable_is_delivered_when_it_is_back(
    slack: Slack, clock: Any
) -> None:
    await slack.person("Rui", slack_user="U15")
    with socket.socket() as closed:  # a port nobody listens on: the connection is refused
        closed.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{closed.getsockname()[1]}/api/"
    # Only the posting side loses Slack: the events door keeps working and journals the DM.
    poster = slack.adapter.poster
    reachable, poster.client = poster.client, make_client("xoxb-test", dead)
    assert await slack.dm("U15", "help") == 200
    await slack.adapter.worker.drain()
    assert await _reply_rows(slack) == [("pending", 0)]
    assert await _inbox_states(slack) == ["done"]

    poster.client = reachable
    await _ride_out(slack, clock, rounds=1)
    assert len(_posts_to(slack, "DU15")) == 1
