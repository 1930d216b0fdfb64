"""A full disk is a StoreUnavailable (retried by callers, not blamed on the request), and it
costs only the writes that needed room: the rest of their group commit still lands."""

from __future__ import annotations

import asyncio
import sqlite3

import pytest

from storage.errors import StoreUnavailable
from storage.sqlite.db import Store
from storage.sqlite.repositories import SqliteTx


def _cap(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")


def _big(conn: sqlite3.Connection, key: str) -> None:
    conn.execute("INSERT INTO kv (key, value) VALUES (?, ?)", (key, "x" * 20_000))


async def test_a_full_disk_fails_only_the_write_that_needed_room(store: Store) -> None:
    await store.write(lambda c: SqliteTx(c).kv.put("small", "before"))
    await store.write(_cap)
    results = await asyncio.gather(
        store.write(lambda c: SqliteTx(c).kv.put("small", "after")),
        store.write(_big, "big"),
        store.write(lambda c: SqliteTx(c).kv.put("small2", "x")),
        return_exceptions=True,
    )
    assert results[0] is None and results[2] is None
    assert isinstance(results[1], StoreUnavailable)
    assert results[1].kind == "full" and results[1].sentence == "disk full"
    assert await store.read(lambda c: SqliteTx(c).kv.get("small")) == "after"
    assert await store.read(lambda c: SqliteTx(c).kv.get("big")) is None


async def test_the_health_probe_fails_on_a_full_disk_where_a_small_rewrite_succeeds(
    store: Store,
) -> None:
    await store.write(lambda c: SqliteTx(c).kv.probe("health.last_write", "t0"))
    await store.write(_cap)
    await store.write(
        lambda c: SqliteTx(c).kv.put("health.last_write", "t1")
    )  # an existing page: still fits
    with pytest.raises(StoreUnavailable, match="disk full"):
        await store.write(lambda c: SqliteTx(c).kv.probe("health.last_write", "t2"))
