"""storage/integrity.py on PostgreSQL: amcheck over every index of ritmo's schema says "ok" for
a store the bot wrote to (what the soak reports as integrity on a server)."""

from __future__ import annotations

from datetime import UTC, datetime

from storage import backends
from storage.audit import CLI
from storage.integrity import check

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)


def test_a_sound_server_store_is_ok(pg_url: str) -> None:
    store = backends.connect_sync(pg_url)
    try:
        for i in range(50):
            store.write(
                lambda tx, i=i: tx.accounts.create_account(
                    name=f"Loja {i}", owner_id=None, actor=CLI, now=NOW
                )
            )
    finally:
        store.close()
    assert check(pg_url) == "ok"
