"""PgStore.read: one READ ONLY snapshot per body, and no round trip beyond the body's own
queries besides BEGIN and COMMIT (each one costs ~0.3 ms locally, more on a busy machine);
PgStore.lookup: off the event loop."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

import psycopg
import pytest

from storage import backends
from storage.audit import CLI
from storage.errors import StoreError
from storage.interface import Tx

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def _add(tx: Tx) -> int:
    person = tx.people.add_person(
        name="Ana", role="rep", timezone="UTC", locale="en", actor=CLI, now=NOW
    )
    return person.id


async def test_a_read_sends_only_its_own_statements(pg_url: str, monkeypatch) -> None:
    async with backends.open_store(pg_url) as store:
        ana = await store.write(_add)
        reader = store._reader  # type: ignore[attr-defined]
        sent: list[str] = []
        execute = reader.execute

        def counting(query: Any, *args: Any, **kwargs: Any) -> Any:
            sent.append(str(query))
            return execute(query, *args, **kwargs)

        monkeypatch.setattr(reader, "execute", counting)
        person = await store.read(lambda tx: tx.people.get_person(ana))

    assert person is not None and person.name == "Ana"
    assert len(sent) == 1 and "SET TRANSACTION" not in sent[0]


async def test_a_read_body_still_cannot_write(pg_url: str) -> None:
    async with backends.open_store(pg_url) as store:
        with pytest.raises(StoreError, match="read-only"):
            await store.read(_add)
        assert await store.read(lambda tx: tx.people.list_people()) == []


async def test_a_lookup_waiting_on_the_server_leaves_the_event_loop_free(pg_url: str) -> None:
    # Every message starts with lookups (who is writing, the book's version); on PostgreSQL
    # each is a round trip, and one that waits must not hold up every other message.
    with psycopg.connect(pg_url, autocommit=True) as conn:  # a lookup on the loop fails, not hangs
        conn.execute(f"ALTER DATABASE {conn.info.dbname} SET lock_timeout = '2s'")
    async with backends.open_store(pg_url) as store:
        await store.write(_add)
        with psycopg.connect(pg_url) as blocker:
            blocker.execute("LOCK TABLE people IN ACCESS EXCLUSIVE MODE")  # held until commit
            waiting = asyncio.create_task(store.lookup(lambda tx: tx.people.list_people()))
            ticks = 0
            while ticks < 20 and not waiting.done():
                await asyncio.sleep(0.01)  # the loop goes on: other messages are served
                ticks += 1
            assert ticks == 20 and not waiting.done()
            blocker.commit()
            people = await asyncio.wait_for(waiting, 5)
    assert [p.name for p in people] == ["Ana"]


async def test_lookups_made_together_each_get_their_own_answer(pg_url: str) -> None:
    # Messages in flight at once all start with a lookup; the lookup thread runs those waiting
    # together and answers them in one hop to the loop, so a mix-up would give one sender
    # another's record, and one lookup's error must reach only its own caller.
    def person_named(tx: Tx, name: str) -> str | None:
        found = [p.name for p in tx.people.list_people() if p.name == name]
        if name == "nobody":
            raise LookupError(name)
        if name == "broken":
            tx.conn.execute("SELECT 1/0")  # type: ignore[attr-defined]  # the server refuses
        return found[0] if found else None

    names = [f"Rep {n}" for n in range(40)]

    def add_all(tx: Tx) -> None:
        for name in names:
            tx.people.add_person(
                name=name, role="rep", timezone="UTC", locale="en", actor=CLI, now=NOW
            )

    async with backends.open_store(pg_url) as store:
        await store.write(add_all)
        asked = [*names, "nobody", "broken", "Rep 7"]
        answers = await asyncio.gather(
            *(store.lookup(person_named, name) for name in asked), return_exceptions=True
        )
        assert answers[: len(names)] == names and answers[-1] == "Rep 7"
        assert isinstance(answers[-3], LookupError)
        assert isinstance(answers[-2], StoreError) and "division by zero" in str(answers[-2])
        assert await store.lookup(person_named, "Rep 3") == "Rep 3"  # the lane goes on
    with pytest.raises(StoreError, match="closed"):
        await store.lookup(person_named, "Rep 3")
