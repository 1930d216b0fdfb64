"""The log a running bot writes with RITMO_LOG_FORMAT=json: one line per handled update and one
per delivery, their facts as JSON fields, and never what a person wrote or a contact's details."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from benchmarks.fakes.telegram_api import message_update
from bot.logs import build_handler, setup_logging
from tests.e2e import test_metrics
from tests.e2e.test_metrics import ANA, SECRET_BODY, eventually

CONTACT_DETAILS = ("Maria Souza", "maria@acme.com")


@pytest.fixture
def log_stream() -> Iterator[io.StringIO]:
    """The root logger writing ritmo's JSON lines into a string, as `ritmo run` sets it up."""
    stream = io.StringIO()
    root = logging.getLogger()
    old_handlers, old_level = root.handlers[:], root.level
    root.handlers[:] = [build_handler("json", stream=stream)]
    root.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        root.handlers[:] = old_handlers
        root.setLevel(old_level)


# The metrics tests' fixtures: a fake Telegram, and an instrumented bot on it.
fake = test_metrics.fake
bot = test_metrics.bot


def lines(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]


async def test_a_handled_message_and_a_delivered_reminder_each_log_one_line(bot, fake, log_stream):
    person = await bot.linked_rep()
    await bot.send(message_update(ANA, f"log note: {SECRET_BODY}"))
    await bot.enrol_acme(person)
    mark = len(fake.calls)
    await bot.due_scan()
    await fake.wait_for("sendMessage", since=mark, timeout=10)
    await bot.app.close()  # the delivery's line is written once its commit is done

    logged = lines(log_stream)
    updates = [line for line in logged if line.get("event") == "update"]
    assert [u["intent"] for u in updates] == ["link", "log"]
    handled = updates[-1]
    assert handled["level"] == "INFO"
    assert handled["platform"] == "telegram" and handled["person_id"] == person.id
    assert handled["outcome"] == "ok" and handled["replies"] >= 1
    assert isinstance(handled["latency_ms"], int | float) and handled["latency_ms"] >= 0
    assert handled["request_id"].startswith("telegram:")

    [delivery] = [line for line in logged if line.get("event") == "delivery"]
    assert delivery["level"] == "INFO"
    assert delivery["kind"] == "reminder" and delivery["platform"] == "telegram"
    assert delivery["attempt"] == 1 and delivery["outcome"] == "sent"
    assert delivery["person_id"] == person.id and isinstance(delivery["outbox_id"], int)

    text = log_stream.getvalue()
    assert SECRET_BODY not in text
    assert not [d for d in CONTACT_DETAILS if d in text]


async def test_a_refused_delivery_logs_its_attempt_and_that_it_will_retry(bot, fake, log_stream):
    person = await bot.linked_rep()
    await bot.enrol_acme(person)
    fake.fail("sendMessage", status=500, times=1)
    await bot.due_scan()

    async def logged() -> bool:
        return any(line.get("event") == "delivery" for line in lines(log_stream))

    await eventually(logged)
    [delivery] = [line for line in lines(log_stream) if line.get("event") == "delivery"]
    assert (delivery["attempt"], delivery["outcome"]) == (1, "retry")


async def test_debug_adds_the_text_as_written_and_info_never_does(bot, log_stream):
    await bot.linked_rep()
    await bot.send(message_update(ANA, f"log note: {SECRET_BODY}"))
    assert SECRET_BODY not in log_stream.getvalue()

    logging.getLogger().setLevel(logging.DEBUG)
    await bot.send(message_update(ANA, f"log note: {SECRET_BODY} again"))
    ours = [line for line in lines(log_stream) if line["logger"].startswith("bot.")]
    [debug] = [line for line in ours if SECRET_BODY in line["message"]]
    assert debug["level"] == "DEBUG" and "read as log" in debug["message"]


def test_debug_keeps_the_libraries_quiet(log_stream):
    """RITMO_LOG_LEVEL=DEBUG opens ritmo's own lines, not the per-query and per-request chatter
    of the libraries (which would also echo message bodies)."""
    libraries = ("aiosqlite", "httpx", "telegram")
    before = {name: logging.getLogger(name).level for name in libraries}
    try:
        setup_logging("json", logging.DEBUG)
        assert logging.getLogger("bot.inbox").isEnabledFor(logging.DEBUG)
        for name in libraries:
            assert not logging.getLogger(name).isEnabledFor(logging.INFO), name
    finally:
        for name, level in before.items():
            logging.getLogger(name).setLevel(level)
