"""Slack's side of the poison message: a signed event ritmo can't journal as it came is still
acknowledged (so Slack doesn't retry it), quarantined, and nobody else waits behind it."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from benchmarks.fakes.slack_signing import event_request
from tests.e2e.slack_app import SECRET, running
from tests.sqlite_raw import raw


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
    tmp_path, clock, caplog: pytest.LogCaptureFixture
) -> None:
    async with running(tmp_path, "en", clock) as slack:
        assert slack.app.store is not None
        poison = event_request(SECRET, _dm("U9", "oi \ud800"), event_id="EvPoison")
        resp = await slack.http.post("/slack/events", data=poison.body, headers=poison.headers)
        assert resp.status == 200

        fine = event_request(SECRET, _dm("U8", "help"), event_id="EvFine")
        resp = await slack.http.post("/slack/events", data=fine.body, headers=fine.headers)
        assert resp.status == 200
        await slack.fake.wait_for("chat.postMessage", lambda c: c.params["channel"] == "DU8")
        await slack.adapter.worker.drain()

        rows = await slack.app.store.read(
            lambda tx: [
                tuple(r) for r in raw(tx).execute("SELECT event_id, state, error FROM inbox")
            ]
        )
    assert rows[0][:2] == ("event:EvPoison", "failed")
    assert rows[0][2].startswith("journal: UnicodeEncodeError")
    assert rows[1][:2] == ("event:EvFine", "done")
    problems = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.getMessage() for r in problems] == [
        "slack event event:EvPoison could not be journaled and was quarantined; "
        "see `ritmo inbox failed`"
    ]
