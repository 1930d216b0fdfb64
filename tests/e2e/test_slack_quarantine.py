"""Slack's side of the poison message: a signed event ritmo can't journal as it came is still
acknowledged (so Slack doesn't retry it), quarantined, and nobody else waits behind it."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from benchmarks.fakes.slack_signing import event_request
from tests.e2e.slack_app import SECRET, running
from tests.store_views import journal


def _dm(user: str, text: str) -> dict[str, Any]:
    return {
        "type": "message",
        "channel_type": "im",
        "user": user,
        "channel": "D" + user,
        "ts": "1700000100.000100",
        "text": text,
    }


async def test_an_event_that_cannot_be_journaled_is_acknowledged_and_quarantined(
    store_url, clock, caplog: pytest.LogCaptureFixture
) -> None:
    async with running(store_url, "en", clock) as slack:
        assert slack.app.store is not None
        poison = event_request(SECRET, _dm("U9", "oi \ud800"), event_id="EvPoison")
        resp = await slack.http.post("/slack/events", data=poison.body, headers=poison.headers)
        assert resp.status == 200

        fine = event_request(SECRET, _dm("U8", "help"), event_id="EvFine")
        resp = await slack.http.post("/slack/events", data=fine.body, headers=fine.headers)
        assert resp.status == 200
        await slack.fake.wait_for("chat.postMessage", lambda c: c.params["channel"] == "DU8")
        await slack.adapter.worker.drain()

        [failed] = await slack.app.store.read(lambda tx: tx.inbox.failed())
        counts = await journal(slack.app.store)
    assert failed.event_id == "event:EvPoison"
    assert (failed.error or "").startswith("journal: UnicodeEncodeError")
    assert counts == {"pending": 0, "done": 1, "failed": 1}  # EvFine was handled
    problems = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.getMessage() for r in problems] == [
        "slack event event:EvPoison could not be journaled and was quarantined; "
        "see `ritmo inbox failed`"
    ]
