"""A full disk: the message that met it waits and is tried again with backoff (never counted as
poison), its sender hears about it once, /healthz says the disk is full, and the message is
handled once space is back.

SQLite only: a full disk is made by capping the file's pages (`PRAGMA max_page_count`) and
filling the last free ones, through tests/sqlite_raw.py. What the test checks is read through
the journal and the repositories."""

from __future__ import annotations

from aiohttp.test_utils import TestClient, TestServer

from storage.audit import CLI
from storage.errors import StoreUnavailable
from storage.interface import Tx
from tests.sqlite_raw import raw

NOTICE = "Não consigo salvar nada agora"


def _cap_pages(tx: Tx, pages: int | None) -> int:
    """Cap the file at its current size (or lift the cap): what a full disk looks like to
    SQLite. A pragma of the writer's own connection, set through a write job."""
    current = raw(tx).execute("PRAGMA page_count").fetchone()[0]
    raw(tx).execute(f"PRAGMA max_page_count = {pages or current}")
    return current


def _fill(tx: Tx, size: int, n: int) -> None:
    raw(tx).execute(
        "INSERT INTO kv (key, value) VALUES (?, ?)", (f"filler.{size}.{n}", "x" * size)
    )


def _note(tx: Tx, core, body: str) -> None:
    now = core.worker.now()
    tx.interactions.log_interaction(
        person_id=core.ids["Ana"],
        kind="note",
        occurred_at=now,
        actor=CLI,
        now=now,
        body=body,
        account_id=core.ids["Acme"],
    )


async def _fill_the_disk(core, body: str) -> None:
    """Cap the file where it is and use up the room left: every free page, and the room in
    the pages a note like `body` is written to, so the next such note needs a page the disk
    doesn't have (a small write to a page with room would still succeed, as on a real disk)."""
    store = core.app.store
    await store.write(_cap_pages, None)
    # Notes shorter than `body` (which the handler keeps to its first ~2,000 characters).
    fillers = ((_note, (core, body[:1000])), (_note, (core, body[:300])), (_fill, (200,)))
    for write, args in fillers:
        for n in range(10_000):
            try:
                await store.write(write, *args, *((n,) if write is _fill else ()))
            except StoreUnavailable:
                break


async def test_a_full_disk_is_retried_told_once_and_healed(core, clock) -> None:
    # A note longer than a page (4,300 bytes of UTF-8), so storing it needs new pages, which a
    # full disk can't give; a small row could still fit in a page that has room.
    note = " ".join(f"ação{n}" for n in range(430))
    # Journaled while there was room (had the journal failed, the platform would not have
    # been told the message arrived, and would send it again).
    payload = {"from": "111", "id": "e1", "text": f"log note Acme: {note}", "tok": None}
    assert await core.worker.accept("e1", payload)
    await _fill_the_disk(core, note)
    before = await core.counts()

    await core.worker.drain()  # a note is written at once, no confirmation card
    assert len(core.said["111"]) == 1 and core.said["111"][0].startswith(NOTICE)
    assert await core.journal("e1") == ("pending", 0)
    async with TestClient(TestServer(core.app.web)) as client:
        resp = await client.get("/healthz")
        body = await resp.json()
    assert resp.status == 503 and body["store"] == "error: disk full"
    assert "store" in body["problems"]

    # Tried again after each pause while the disk stays full: no attempt counted, no more
    # replies, never quarantined.
    for _ in range(6):
        clock.advance(seconds=61)
        await core.worker.drain()
    assert len(core.said["111"]) == 1
    assert await core.journal("e1") == ("pending", 0)
    assert await core.counts() == before

    await core.app.store.write(_cap_pages, 1_000_000)  # space freed
    await core.worker.drain()
    assert len(core.said["111"]) == 1, "not before its pause is over"
    clock.advance(seconds=61)
    await core.worker.drain()
    assert len(core.said["111"]) == 2 and not core.said["111"][1].startswith(NOTICE)
    assert await core.journal("e1") == ("done", None)
    after = await core.counts()
    assert after["interactions"] == before["interactions"] + 1
    async with TestClient(TestServer(core.app.web)) as client:
        body = await (await client.get("/healthz")).json()
    assert body["store"] == "ok"
