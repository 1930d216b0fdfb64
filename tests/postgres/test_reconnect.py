"""The PostgreSQL store outlives its server going away (issue 16): a restart, a failover, a
pgbouncer dropping an idle connection. Writes, reads and lookups work again once the server is
back, nothing written while it was away is stored, no write is stored twice, and a write whose
COMMIT may or may not have landed is never reported as stored."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import psycopg
import pytest

from storage import backends
from storage.audit import Actor
from storage.errors import StoreUnavailable
from storage.interface import Store, Tx
from storage.postgres import link as pg_link
from storage.postgres import store as pg_store
from storage.postgres.link import Link, Outage
from storage.postgres.testing import ThrowawayServer

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
CLI = Actor(None, "cli")


def _add(tx: Tx, name: str) -> int:
    return tx.people.add_person(
        name=name, role="rep", timezone="UTC", locale="en", actor=CLI, now=NOW
    ).id


def _names(tx: Tx) -> list[str]:
    return sorted(p.name for p in tx.people.list_people())


def _end_every_session(url: str) -> int:
    """What an administrator's pg_terminate_backend (or a pgbouncer's idle timeout) does to
    every connection the store holds; returns how many were ended."""
    with psycopg.connect(url, autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
    return len(rows)


async def _use_every_connection(store: Store, ana: int) -> None:
    """A write, a read and a lookup, so the writer's, reader's and lookup lane's connections
    are all open (the lane opens its own on first use)."""
    await store.write(lambda tx: tx.kv.put("warm", "yes"))
    assert "Ana" in await store.read(_names)
    person = await store.lookup(lambda tx: tx.people.get_person(ana))
    assert person is not None


async def test_after_its_connections_are_ended_the_next_write_read_and_lookup_succeed(
    pg_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    async with backends.open_store(pg_url) as store:
        ana = await store.write(_add, "Ana")
        await _use_every_connection(store, ana)
        assert _end_every_session(pg_url) == 3  # writer, reader, lookup lane

        with caplog.at_level(logging.WARNING, logger="storage.postgres.link"):
            bruno = await store.write(_add, "Bruno")  # failed before COMMIT: run once more
            assert await store.read(_names) == ["Ana", "Bruno"]
            found = await store.lookup(lambda tx: tx.people.get_person(bruno))

        assert found is not None and found.name == "Bruno"
        outage = store.outage  # type: ignore[attr-defined]
        assert (outage.outages, outage.reconnects, outage.reconnecting) == (1, 3, False)
        lost = [r for r in caplog.records if "lost the PostgreSQL server" in r.message]
        assert len(lost) == 1  # one outage, one line, whatever broke in it
    with psycopg.connect(pg_url) as conn:  # stored once, not twice
        assert conn.execute("SELECT count(*) FROM people WHERE name = 'Bruno'").fetchone() == (1,)


async def test_every_write_of_a_batch_that_met_the_loss_is_stored_once(pg_url: str) -> None:
    async with backends.open_store(pg_url) as store:
        ana = await store.write(_add, "Ana")
        await _use_every_connection(store, ana)
        _end_every_session(pg_url)
        names = [f"Rep {n:02}" for n in range(40)]
        ids = await asyncio.gather(*(store.write(_add, name) for name in names))
        assert len(set(ids)) == 40
        assert await store.read(_names) == sorted(["Ana", *names])


_BREAK_AT_COMMIT = """
CREATE TABLE commit_breaker (id int);
CREATE FUNCTION break_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_terminate_backend(pg_backend_pid());
    PERFORM pg_sleep(5);
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER break_at_commit AFTER INSERT ON commit_breaker
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION break_at_commit();
"""


def _add_then_break_at_commit(tx: Tx, name: str) -> int:
    """Adds a person; the deferred trigger then ends the session while COMMIT runs: the client
    can't know whether the transaction landed (here it did not)."""
    person = _add(tx, name)
    tx.conn.execute("INSERT INTO commit_breaker VALUES (1)")  # type: ignore[attr-defined]
    return person


async def test_a_write_whose_commit_met_the_loss_is_never_reported_stored(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute(_BREAK_AT_COMMIT)
    async with backends.open_store(pg_url) as store:
        with pytest.raises(StoreUnavailable) as caught:
            await store.write(_add_then_break_at_commit, "Carla")
        assert caught.value.kind == "commit_unknown"
        # Not run again behind the caller's back (it might have landed); the next write works.
        dora = await store.write(_add, "Dora")
        assert dora > 0
        assert await store.read(_names) == ["Dora"]


@pytest.fixture(scope="module")
def own_server() -> Iterator[ThrowawayServer]:
    """A server of this module's own, which its tests stop and start again."""
    with ThrowawayServer() as server:
        with psycopg.connect(server.url(), autocommit=True) as conn:
            conn.execute("CREATE DATABASE restarted")
        yield server


@pytest.fixture
def no_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    """No pause between connection attempts (the pauses have a test of their own below), so
    the first call after the server is back is the one that reconnects."""
    monkeypatch.setattr(pg_link, "FIRST_PAUSE_S", 0.0)
    monkeypatch.setattr(pg_link, "MAX_PAUSE_S", 0.0)


async def test_a_server_restart_fails_calls_plainly_then_the_first_after_succeeds(
    own_server: ThrowawayServer, no_pause: None
) -> None:
    url = own_server.url("restarted")
    async with backends.open_store(url) as store:
        ana = await store.write(_add, "Ana")
        await _use_every_connection(store, ana)
        own_server.halt()
        try:
            for call in (
                store.write(_add, "Lost"),
                store.read(_names),
                store.lookup(lambda tx: tx.people.get_person(ana)),
                store.write(_add, "Lost again"),
            ):
                with pytest.raises(StoreUnavailable) as caught:
                    await call
                assert caught.value.kind == "reconnecting"
            assert store.reconnecting  # type: ignore[attr-defined]
        finally:
            own_server.resume()
        bruno = await store.write(_add, "Bruno")
        assert await store.read(_names) == ["Ana", "Bruno"]  # nothing half-written stayed
        found = await store.lookup(lambda tx: tx.people.get_person(bruno))
        assert found is not None and not store.reconnecting  # type: ignore[attr-defined]


class _Refused:
    """A server that refuses connections until told otherwise; counts the attempts."""

    def __init__(self) -> None:
        self.attempts = 0
        self.up = False

    def __call__(self) -> Any:
        self.attempts += 1
        if not self.up:
            raise psycopg.OperationalError("connection refused")
        return _FakeConn()


class _FakeConn:
    closed = False

    def close(self) -> None:
        self.closed = True


def test_a_server_that_stays_away_is_tried_after_pauses_that_double_up_to_a_cap(
    caplog: pytest.LogCaptureFixture,
) -> None:
    now = [100.0]
    server = _Refused()
    outage = Outage(clock=lambda: now[0])
    writer = Link("writer", server, outage, clock=lambda: now[0])
    writer.adopt(_FakeConn())  # type: ignore[arg-type]
    with caplog.at_level(logging.WARNING, logger="storage.postgres.link"):
        writer.lost(psycopg.OperationalError("server closed the connection"))
        pauses = []
        for _ in range(10):
            with pytest.raises(StoreUnavailable, match="reconnecting"):
                writer.get()
            tried = server.attempts
            with pytest.raises(StoreUnavailable):  # inside the pause: no attempt, at once
                writer.get()
            assert server.attempts == tried
            pause = writer._next_try - now[0]  # noqa: SLF001
            pauses.append(round(pause, 2))
            now[0] += pause
        server.up = True
        assert writer.get() is not None
    assert pauses == [0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 5.0, 5.0, 5.0]
    said = [r.message for r in caplog.records]
    assert len(said) == 2 and "lost" in said[0] and "back (away 21." in said[1]
    assert (outage.outages, outage.reconnects) == (1, 1)


async def test_a_connection_attempt_gives_up_after_ten_seconds_unless_the_url_says(
    pg_url: str,
) -> None:
    # psycopg would wait 130 s for a server that vanished mid-failover, the writer with it.
    async with backends.open_store(pg_url) as store:
        writer = store._write_link.conn  # type: ignore[attr-defined]  # noqa: SLF001
        assert "connect_timeout=10" in writer.info.dsn
    async with backends.open_store(pg_url + "&connect_timeout=3") as store:
        writer = store._write_link.conn  # type: ignore[attr-defined]  # noqa: SLF001
        assert "connect_timeout=3" in writer.info.dsn


def test_the_cli_store_reconnects_once_and_says_plainly_when_the_server_is_away(
    own_server: ThrowawayServer,
) -> None:
    """The CLI's store (PgSyncStore): after its session is ended the next read and write
    succeed on a new connection; with the server away a call says "reconnecting" (one sentence
    from the CLI), not a driver's error; once the server is back the next call works."""
    url = own_server.url("restarted")
    store = pg_store.connect_sync(url)
    try:
        store.write(_add, "Carla")
        assert _end_every_session(url) >= 1
        assert "Carla" in store.read(_names)  # a new connection, the read once more
        assert _end_every_session(url) >= 1
        store.write(_add, "Davi")
        own_server.halt()
        try:
            for call in (lambda: store.read(_names), lambda: store.write(_add, "Lost")):
                with pytest.raises(StoreUnavailable) as caught:
                    call()
                assert caught.value.kind == "reconnecting"
        finally:
            own_server.resume()
        names = store.read(_names)
        assert "Carla" in names and "Davi" in names and "Lost" not in names
    finally:
        store.close()
