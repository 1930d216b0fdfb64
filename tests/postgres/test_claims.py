"""Claims on PostgreSQL: several processes take inbox and outbox work from one store, and no
row is handed to two of them, no chat or person loses its order, and a crashed process's
claims expire and are handed out again. Each "process" is a connection of its own."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from storage.interface import Tx
from storage.leases import PRESENCE
from storage.outbox import OutboxItem
from storage.postgres.store import PgSyncStore, connect_sync

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
CLAIM = timedelta(seconds=30)


@pytest.fixture
def stores(pg_url: str) -> Iterator[tuple[PgSyncStore, PgSyncStore]]:
    a, b = connect_sync(pg_url), connect_sync(pg_url)
    yield a, b
    a.close()
    b.close()


def _people(store: PgSyncStore, n: int) -> list[int]:
    """n people straight in the table (the people repository is not what is tested here)."""

    def body(tx: Tx) -> list[int]:
        conn = tx.conn  # type: ignore[attr-defined]  # PgTx's connection: raw SQL, on purpose
        rows = conn.execute(
            "INSERT INTO people (name, name_folded, role, timezone, locale, created_at)"
            " SELECT 'P' || g, 'p' || g, 'rep', 'America/Sao_Paulo', 'pt-BR', '2026-11-01T00:00:00+00:00'"
            " FROM generate_series(1, %s) g RETURNING id",
            (n,),
        ).fetchall()
        return [r[0] for r in rows]

    return store.write(body)


def _enqueue(store: PgSyncStore, rows: list[tuple[int, str]], at: datetime = NOW) -> None:
    def body(tx: Tx) -> None:
        for person, key in rows:
            tx.outbox.enqueue(person, "notice", key, {"text": key}, at)

    store.write(body)


def _settle(tx: Tx, rows: list[OutboxItem], holder: str) -> None:
    for r in rows:
        tx.outbox.mark_sent(r.id, "telegram", holder, NOW)


def test_a_persons_messages_go_to_one_process_until_its_claim_ends(
    stores: tuple[PgSyncStore, PgSyncStore],
) -> None:
    a, b = stores
    ana, bia = _people(a, 2)
    _enqueue(a, [(ana, "a1"), (ana, "a2"), (bia, "b1")])
    first = a.write(lambda tx: tx.outbox.claim_due(NOW, 1, "A", NOW + CLAIM))
    assert [i.dedupe_key for i in first] == ["a1", "a2"]  # the whole person, in order
    second = b.write(lambda tx: tx.outbox.claim_due(NOW, 10, "B", NOW + CLAIM))
    assert [i.dedupe_key for i in second] == ["b1"]  # never Ana's rows while A has her
    a.write(lambda tx: tx.outbox.mark_sent(first[0].id, "telegram", "m1", NOW))
    later = NOW + timedelta(seconds=5)
    assert b.write(lambda tx: tx.outbox.claim_due(later, 10, "B", later + CLAIM)) == [
        second[0]
    ]  # a2 is still A's: Ana's next message waits for A
    # A crashes; its claim on a2 expires, and B sends it.
    late = NOW + CLAIM + timedelta(seconds=1)
    taken = b.write(lambda tx: tx.outbox.claim_due(late, 10, "B", late + CLAIM))
    assert sorted(i.dedupe_key for i in taken) == ["a2", "b1"]


def test_a_dead_process_s_outbox_claims_are_free_once_its_presence_lease_expires(
    stores: tuple[PgSyncStore, PgSyncStore],
) -> None:
    a, b = stores
    (ana,) = _people(a, 1)
    _enqueue(a, [(ana, "a1")])
    a.write(lambda tx: tx.leases.acquire(PRESENCE + "A", "A", NOW, timedelta(seconds=15)))
    assert len(a.write(lambda tx: tx.outbox.claim_due(NOW, 10, "A", NOW + CLAIM))) == 1
    soon = NOW + timedelta(seconds=10)  # A may only be slow: its claim holds
    assert b.write(lambda tx: tx.outbox.claim_due(soon, 10, "B", soon + CLAIM)) == []
    dead = NOW + timedelta(seconds=16)  # A was SIGKILLed: presence expired, claim did not
    taken = b.write(lambda tx: tx.outbox.claim_due(dead, 10, "B", dead + CLAIM))
    assert [i.dedupe_key for i in taken] == ["a1"]


def test_a_dead_process_s_inbox_claims_are_free_once_its_presence_lease_expires(
    stores: tuple[PgSyncStore, PgSyncStore],
) -> None:
    a, b = stores
    a.write(lambda tx: tx.leases.acquire(PRESENCE + "A", "A", NOW, timedelta(seconds=15)))
    a.write(lambda tx: tx.inbox.accept_many("slack", [("e1", {"n": 1})], NOW, {"e1": "c1"}))
    until = NOW + timedelta(minutes=2)
    assert len(a.write(lambda tx: tx.inbox.claim_pending("slack", 10, "A", NOW, until))) == 1
    soon = NOW + timedelta(seconds=10)
    assert b.write(lambda tx: tx.inbox.claim_pending("slack", 10, "B", soon, until)) == []
    dead = NOW + timedelta(seconds=16)
    taken = b.write(lambda tx: tx.inbox.claim_pending("slack", 10, "B", dead, until))
    assert [i.event_id for i in taken] == ["e1"]


def test_released_and_settled_rows_are_free_for_the_next_claim(
    stores: tuple[PgSyncStore, PgSyncStore],
) -> None:
    a, b = stores
    (ana,) = _people(a, 1)
    _enqueue(a, [(ana, "a1")])
    (row,) = a.write(lambda tx: tx.outbox.claim_due(NOW, 10, "A", NOW + CLAIM))
    a.write(lambda tx: tx.outbox.release([row.id], "A"))
    (again,) = b.write(lambda tx: tx.outbox.claim_due(NOW, 10, "B", NOW + CLAIM))
    assert again.id == row.id
    retry_at = NOW + timedelta(seconds=5)
    assert b.write(lambda tx: tx.outbox.mark_retry(row.id, "boom", retry_at, 8)) == "pending"
    (third,) = a.write(lambda tx: tx.outbox.claim_due(retry_at, 10, "A", retry_at + CLAIM))
    assert (third.id, third.attempts) == (row.id, 1)


def test_a_chats_messages_are_handled_by_one_process_in_order(
    stores: tuple[PgSyncStore, PgSyncStore],
) -> None:
    a, b = stores
    events = [(str(n), {"n": n}) for n in range(1, 6)]
    chats = {"1": "c1", "2": "c2", "3": "c1", "4": "c2"}  # event 5 has no chat: its own
    a.write(lambda tx: tx.inbox.accept_many("telegram", events, NOW, chats))
    mine = a.write(lambda tx: tx.inbox.claim_pending("telegram", 1, "A", NOW, NOW + CLAIM))
    assert [i.event_id for i in mine] == ["1", "3"]
    theirs = b.write(lambda tx: tx.inbox.claim_pending("telegram", 10, "B", NOW, NOW + CLAIM))
    assert [i.event_id for i in theirs] == ["2", "4", "5"]
    a.write(lambda tx: tx.inbox.mark_done(mine[0].id, NOW))
    assert b.write(lambda tx: tx.inbox.claim_pending("telegram", 10, "C", NOW, NOW + CLAIM)) == []
    late = NOW + CLAIM + timedelta(seconds=1)
    rest = b.write(lambda tx: tx.inbox.claim_pending("telegram", 10, "B", late, late + CLAIM))
    assert [i.event_id for i in rest] == ["2", "3", "4", "5"]  # A's "3" once its claim ended


def test_two_processes_claiming_2000_outbox_rows_take_each_exactly_once(
    stores: tuple[PgSyncStore, PgSyncStore],
) -> None:
    a, b = stores
    people = _people(a, 400)
    _enqueue(a, [(people[n % 400], f"k{n}") for n in range(2000)])
    taken: dict[str, list[int]] = {"A": [], "B": []}
    start = threading.Barrier(2)

    def work(store: PgSyncStore, holder: str) -> None:
        start.wait()
        while True:
            rows = store.write(lambda tx: tx.outbox.claim_due(NOW, 25, holder, NOW + CLAIM))
            if not rows:
                return
            taken[holder].extend(r.id for r in rows)
            store.write(_settle, rows, holder)

    threads = [threading.Thread(target=work, args=(s, h)) for s, h in ((a, "A"), (b, "B"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    every = taken["A"] + taken["B"]
    assert len(every) == 2000 and len(set(every)) == 2000  # none twice, none missed
    assert taken["A"] and taken["B"]  # both did work
    assert a.read(lambda tx: tx.outbox.backlog(NOW)) == 0
