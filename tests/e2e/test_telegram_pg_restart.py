"""A Telegram user's ritmo on PostgreSQL while the database server restarts (issue 16): what
was said before, during and after is answered, the user waiting meanwhile hears one plain
sentence, /healthz says the store is reconnecting, and no visit is logged twice."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta

import psycopg
import pytest

from benchmarks.fakes.telegram_api import FakeTelegram, message_update, user
from handlers.kernel import i18n
from handlers.kernel.messages import Answer, Incoming
from storage.errors import StoreUnavailable
from storage.postgres import link as pg_link
from storage.postgres.testing import ThrowawayServer
from tests.e2e.test_telegram import Clock, Ritmo, _interactions, _padaria, _start

ANA = user(501, "Ana", language_code="pt-br")


@pytest.fixture(scope="module")
def server() -> Iterator[ThrowawayServer]:
    """A server of this module's own: its tests stop it and start it again."""
    with ThrowawayServer() as started:
        yield started


@pytest.fixture
async def ritmo(
    server: ThrowawayServer, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> AsyncIterator[Ritmo]:
    # No pause between connection attempts: the first call after the server is back reconnects
    # (the pauses are tested in tests/postgres/test_reconnect.py).
    monkeypatch.setattr(pg_link, "FIRST_PAUSE_S", 0.0)
    monkeypatch.setattr(pg_link, "MAX_PAUSE_S", 0.0)
    name = f"bot_{request.node.name[-20:]}".replace("-", "_").lower()
    with psycopg.connect(server.url(), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    clock = Clock()
    async with FakeTelegram() as fake:
        app, adapter = await _start(server.url(name), fake, clock)
        try:
            yield Ritmo(app, adapter, fake, clock)
        finally:
            await app.close()


async def _sent(ritmo: Ritmo, count: int) -> None:
    """Wait (up to 10 s) until ritmo has sent Ana `count` messages in all."""
    for _ in range(1000):
        if len(ritmo.fake.sent_to(501)) >= count:
            return
        await asyncio.sleep(0.01)


def _visit(text: str, update_id: int) -> dict:
    return {"update_id": update_id, **message_update(ANA, text)}


async def test_a_visit_logged_after_the_servers_sessions_were_ended_is_stored_once(
    ritmo: Ritmo, server: ThrowawayServer
) -> None:
    person = await ritmo.linked(ANA)
    await _padaria(ritmo, person.id)
    with psycopg.connect(server.url(), autocommit=True) as conn:  # a failover, a pgbouncer
        ended = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname LIKE 'bot_%' AND pid <> pg_backend_pid()"
        ).fetchall()
    assert ended
    [reply] = await ritmo.send(_visit("visitei a padaria silva, pediram orçamento", 900))
    assert reply.text.startswith("Registrei visita com Padaria Silva Ltda")
    assert [r[0] for r in await _interactions(ritmo)] == ["visit"]
    assert (await ritmo.app.health())["store"] == "ok"
    await ritmo.app._refresh_gauges()  # noqa: SLF001 - what /metrics reads
    assert ritmo.app.metrics.store_outages._value.get() == 1  # noqa: SLF001
    assert ritmo.app.metrics.store_reconnects._value.get() >= 2  # noqa: SLF001


async def test_a_message_handled_while_the_server_is_away_waits_and_is_answered_after(
    ritmo: Ritmo, server: ThrowawayServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    person = await ritmo.linked(ANA)
    await _padaria(ritmo, person.id)
    dispatcher = ritmo.app.dispatcher
    assert dispatcher is not None
    handle = dispatcher.handle

    journaled = asyncio.Event()

    async def server_goes_away_first(incoming: Incoming) -> Answer:
        monkeypatch.setattr(dispatcher, "handle", handle)
        # Only once the journal's COMMIT was answered: the worker may read the row (NOTIFY)
        # before the journaling writer has read its COMMIT's reply, and a halt then would end
        # that COMMIT's session too (its fate unknown, which test_reconnect.py covers).
        await journaled.wait()
        server.halt()  # the message was journaled and read; now the database restarts
        return await handle(incoming)

    monkeypatch.setattr(dispatcher, "handle", server_goes_away_first)
    update = _visit("visitei a padaria silva, pediram orçamento", 901)
    mark = len(ritmo.fake.sent_to(501))
    try:
        await ritmo.adapter.journal([update])
        journaled.set()
        with pytest.raises(StoreUnavailable):  # drain reads the inbox again: away still
            await ritmo.adapter.worker.drain()
        await _sent(ritmo, mark + 1)  # the worker's running loop may be the one handling it
        health = await ritmo.app.health()
        assert health["store"] == "reconnecting" and "store" in health["problems"]
        waiting = [c.text for c in ritmo.fake.sent_to(501)[mark:]]
        assert waiting == [i18n.t("pt-BR", "inbox.store_unavailable")]
    finally:
        server.resume()
    ritmo.clock.now += timedelta(seconds=2)  # the inbox's pause before it tries again
    await ritmo.adapter.worker.drain()
    [answered] = ritmo.fake.sent_to(501)[mark + 1 :]  # the sentence said once, then this
    assert answered.text.startswith("Registrei visita com Padaria Silva Ltda")
    await ritmo.adapter.journal([update])  # the platform's redelivery: stored once still
    await ritmo.adapter.worker.drain()
    assert [r[0] for r in await _interactions(ritmo)] == ["visit"]
    assert (await ritmo.app.health())["store"] == "ok"
