"""Handing out work through the interface, on every backend: a claim returns what is due or
pending, oldest first, a holder's own claims come back to it, and settled rows never do.
(Exclusivity between processes is PostgreSQL's alone: tests/postgres/test_claims.py.)"""

from __future__ import annotations

from datetime import timedelta

from storage.interface import Store, Tx
from tests.contract.store.conftest import NOW, World

UNTIL = NOW + timedelta(seconds=30)


async def test_pending_inbox_rows_are_handed_out_oldest_first_until_done(store: Store) -> None:
    events = [(str(n), {"n": n}) for n in range(1, 4)]
    chats = {"1": "c1", "2": "c2", "3": "c1"}
    await store.write(lambda tx: tx.inbox.accept_many("slack", events, NOW, chats))
    first = await store.write(lambda tx: tx.inbox.claim_pending("slack", 10, "A", NOW, UNTIL))
    assert [i.event_id for i in first] == ["1", "2", "3"]
    await store.write(lambda tx: tx.inbox.mark_done(first[0].id, NOW))
    await store.write(lambda tx: tx.inbox.mark_attempt_failed(first[1].id, "boom", NOW))
    again = await store.write(lambda tx: tx.inbox.claim_pending("slack", 10, "A", NOW, UNTIL))
    assert [(i.event_id, i.attempts) for i in again] == [("2", 1), ("3", 0)]
    assert await store.read(lambda tx: tx.inbox.pending("slack")) == again


async def test_due_outbox_rows_are_handed_out_until_settled(store: Store, world: World) -> None:
    def queue(tx: Tx) -> None:
        tx.outbox.enqueue(world.ana.id, "notice", "n1", {"text": "1"}, NOW)
        tx.outbox.enqueue(world.ana.id, "notice", "n2", {"text": "2"}, NOW)
        tx.outbox.enqueue(world.bia.id, "notice", "n3", {"text": "3"}, NOW + timedelta(hours=1))

    await store.write(queue)
    rows = await store.write(lambda tx: tx.outbox.claim_due(NOW, 10, "A", UNTIL))
    assert [r.dedupe_key for r in rows] == ["n1", "n2"]  # n3 is not due yet
    await store.write(lambda tx: tx.outbox.mark_sent(rows[0].id, "telegram", "m", NOW))
    await store.write(lambda tx: tx.outbox.postpone(rows[1].id, NOW + timedelta(minutes=5)))
    assert await store.write(lambda tx: tx.outbox.claim_due(NOW, 10, "A", UNTIL)) == []
    await store.write(lambda tx: tx.outbox.release([rows[1].id], "A"))
    later = NOW + timedelta(hours=1)
    rows = await store.write(lambda tx: tx.outbox.claim_due(later, 10, "A", later + (UNTIL - NOW)))
    assert [r.dedupe_key for r in rows] == ["n2", "n3"]
