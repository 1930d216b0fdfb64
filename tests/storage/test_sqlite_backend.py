"""The SQLite backend's own facts: which file a URL names, and that its unit of work is built
once per connection (a write through the interface allocates nothing per call)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from storage import backends
from storage.sqlite import path_of


def test_a_sqlite_url_or_a_path_names_the_file() -> None:
    assert path_of("ritmo.db") == Path("ritmo.db")
    assert path_of("sqlite:///data/ritmo.db") == Path("data/ritmo.db")
    assert path_of("sqlite:////var/lib/ritmo.db") == Path("/var/lib/ritmo.db")
    assert path_of(Path("/tmp/x.db")) == Path("/tmp/x.db")


async def test_every_write_gets_the_same_unit_of_work(tmp_path: Path) -> None:
    async with backends.open_store(f"sqlite:///{tmp_path}/s.db") as store:
        assert (tmp_path / "s.db").exists()
        seen = [await store.write(lambda tx: tx) for _ in range(3)]
        light = await store.write_light(lambda tx: tx)
        assert seen[0] is seen[1] is seen[2] is light
        assert await store.read(lambda tx: tx) is not seen[0]  # the read-only connection's own


async def test_the_sender_read_on_every_message_follows_any_commit(tmp_path: Path) -> None:
    """The inline lookup keeps the sender it read while nothing is committed; a change made by
    another process (the CLI on the same file) is seen on the very next message."""
    from datetime import UTC, datetime

    from storage.audit import CLI

    now = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
    path = tmp_path / "s.db"
    async with backends.open_store(f"sqlite:///{path}") as store:

        def setup(tx):
            ana = tx.people.add_person(
                name="Ana",
                role="rep",
                timezone="America/Sao_Paulo",
                locale="pt-BR",
                actor=CLI,
                now=now,
            )
            tx.people.link_identity(ana.id, "telegram", "7", "7", CLI, now)
            return ana

        ana = await store.write(setup)

        def sender(tx):
            return tx.people.person_and_names_version("telegram", "7")

        first = await store.lookup(sender)
        assert first is not None and first[0] == ana
        assert await store.lookup(sender) == first  # nothing committed: the same answer
        other = sqlite3.connect(path)  # another process's connection
        with other:
            other.execute("UPDATE people SET locale = 'en' WHERE id = ?", (ana.id,))
        other.close()
        changed = await store.lookup(sender)
        assert changed is not None and changed[0].locale == "en"
        with sqlite3.connect(path) as other:
            other.execute("UPDATE people SET active = 0 WHERE id = ?", (ana.id,))
        other.close()
        assert await store.lookup(sender) is None  # deactivated: a stranger from now on
