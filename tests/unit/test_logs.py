"""Log lines: readable or JSON, tagged with platform/person/request, never a secret or a body."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.app import App
from bot.config import Settings
from bot.inbox import InboxWorker
from bot.logs import ThrottledLog, bound, build_handler
from handlers.kernel.messages import Incoming, Sender
from storage.audit import CLI
from storage.interface import Tx

TOKEN = "123456:AAFakeTokenThatMustNeverBeLogged_xyz"
BODY = "SEGREDO-DO-CLIENTE-4242"


@pytest.fixture
def captured() -> Iterator[tuple[io.StringIO, logging.Handler]]:
    stream = io.StringIO()
    root = logging.getLogger()
    old_handlers, old_level = root.handlers[:], root.level
    yield stream, root
    root.handlers[:] = old_handlers
    root.setLevel(old_level)


def _use(captured, fmt: str, level: int = logging.INFO) -> io.StringIO:
    stream, root = captured
    root.handlers[:] = [build_handler(fmt, secrets=[TOKEN], stream=stream)]
    root.setLevel(level)
    return stream


def test_text_lines_are_readable_and_carry_the_context(captured) -> None:
    stream = _use(captured, "text")
    with bound(platform="telegram", person_id=7, request_id="telegram:u:99"):
        logging.getLogger("ritmo.test").info("handled in %d ms", 12)
    logging.getLogger("ritmo.test").info("no context here")
    first, second = stream.getvalue().splitlines()
    assert first.endswith(
        "INFO ritmo.test [telegram person=7 req=telegram:u:99]: handled in 12 ms"
    )
    assert second.endswith("INFO ritmo.test: no context here")


def test_json_lines_parse_and_carry_the_context(captured) -> None:
    stream = _use(captured, "json")
    with bound(platform="slack", person_id=3, request_id="slack:Ev1"):
        logging.getLogger("ritmo.test").warning("slow")
    line = json.loads(stream.getvalue())
    assert line["level"] == "WARNING" and line["message"] == "slow"
    assert (line["platform"], line["person_id"], line["request_id"]) == (
        3 and "slack",
        3,
        "slack:Ev1",
    )


def test_a_secret_is_masked_even_inside_a_traceback(captured) -> None:
    stream = _use(captured, "json")
    try:
        raise RuntimeError(f"POST https://api.telegram.org/bot{TOKEN}/sendMessage failed")
    except RuntimeError:
        logging.getLogger("ritmo.test").exception("send failed for bot%s", TOKEN)
    out = stream.getvalue()
    assert TOKEN not in out
    assert "bot***/sendMessage" in out


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_transformed_secret_never_reaches_the_output(captured, fmt) -> None:
    """An API error can echo the token lowercased or URL-quoted (a lowercased token in an error
    URL reached the log): every case and percent-encoded form is masked."""
    from urllib.parse import quote

    stream = _use(captured, fmt)
    forms = [
        TOKEN.lower(),
        TOKEN.upper(),
        quote(TOKEN, safe=""),
        quote(TOKEN, safe="").lower(),
        quote(quote(TOKEN, safe=""), safe=""),
        TOKEN.replace(":", "%3a").swapcase(),
    ]
    log = logging.getLogger("ritmo.test")
    for form in forms:
        log.warning("GET https://api.telegram.org/bot%s/getUpdates: 404", form)
    out = stream.getvalue()
    for form in forms:
        assert form not in out
    assert "aafaketokenthatmustneverbelogged" not in out.lower()
    assert out.count("/bot***/getUpdates") == len(forms)


def test_settings_list_every_configured_secret() -> None:
    settings = Settings(
        telegram_token=TOKEN,
        telegram_webhook_secret="hook-secret-1",
        slack_bot_token="xoxb-1-2",
        slack_signing_secret="signing-abc",
    )
    assert set(settings.secrets) == {TOKEN, "hook-secret-1", "xoxb-1-2", "signing-abc"}
    assert Settings().secrets == ()


def test_concurrent_tasks_keep_their_own_context(captured) -> None:
    stream = _use(captured, "json")

    async def handle(person: int) -> None:
        with bound(person_id=person):
            await asyncio.sleep(0.01 * (3 - person))
            logging.getLogger("ritmo.test").info("done %d", person)

    async def both() -> None:
        await asyncio.gather(handle(1), handle(2))

    asyncio.run(both())
    lines = [json.loads(x) for x in stream.getvalue().splitlines()]
    assert {(x["message"], x["person_id"]) for x in lines} == {("done 1", 1), ("done 2", 2)}


# -- through the real inbox path -------------------------------------------------------------


@pytest.fixture
async def app(tmp_path: Path, clock) -> AsyncIterator[App]:
    running = App(Settings(db_path=tmp_path / "l.db", telegram_token=TOKEN), now=clock)
    await running.open()

    def seed(tx: Tx):
        rep = tx.people.add_person(
            name="Ana Lima",
            role="rep",
            timezone="UTC",
            locale="pt-BR",
            actor=CLI,
            now=clock(),
        )
        tx.people.link_identity(rep.id, "telegram", "111", "111", CLI, clock())
        return rep.id

    running.services["rep_id"] = await running.store.write(seed)
    try:
        yield running
    finally:
        await running.close()


def _parse(payload):
    return Incoming(
        Sender("telegram", payload["from"]), payload["from"], payload["id"], payload["text"]
    )


async def test_inbox_lines_carry_person_and_request_but_no_body_or_token(
    app: App, captured, clock
) -> None:
    stream = _use(captured, "json")

    async def respond(incoming, payload, answer):
        if payload["id"] == "boom":
            # What an HTTP library's error looks like: the Bot API URL holds the token.
            raise RuntimeError(f"https://api.telegram.org/bot{TOKEN}/sendMessage: 502")

    worker = InboxWorker(app.store, app.dispatcher, "telegram", _parse, respond, clock)
    events = [
        (f"u{i}", {"from": "111", "id": f"u{i}", "text": f"log call Acme: {BODY}"})
        for i in range(20)
    ]
    events.append(("boom", {"from": "111", "id": "boom", "text": f"note {BODY}"}))
    await worker.accept_many(events)
    await worker.drain()

    lines = [json.loads(x) for x in stream.getvalue().splitlines()]
    assert lines, "the flood and the failure are both logged"
    assert TOKEN not in stream.getvalue() and BODY not in stream.getvalue()
    for line in lines:
        assert line["platform"] == "telegram"
        assert line["person_id"] == app.services["rep_id"]
        assert line["request_id"].startswith(("telegram:u", "telegram:boom"))
    assert any("over the message limit" in x["message"] for x in lines)
    assert any(x["request_id"] == "telegram:boom" and "exception" in x for x in lines)


# -- throttled lines ----------------------------------------------------------------------------


def test_a_throttled_kind_writes_a_line_per_period_and_counts_the_rest(caplog) -> None:
    now = [100.0]
    throttled = ThrottledLog(logging.getLogger("ritmo.test"), every=60, monotonic=lambda: now[0])
    written = [throttled.warning("forged", "refused %s", "x") for _ in range(200)]
    assert written.count(True) == 1
    assert throttled.warning("unsigned", "another kind has its own line")
    now[0] += 61
    assert throttled.warning("forged", "refused %s", "y")
    assert [r.getMessage() for r in caplog.records] == [
        "refused x",
        "another kind has its own line",
        "refused y (199 more since the last line like this)",
    ]
    assert {r.filename for r in caplog.records} == {"test_logs.py"}, "the caller's line"
