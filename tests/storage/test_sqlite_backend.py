"""The SQLite backend's own facts: which file a URL names, and that its unit of work is built
once per connection (a write through the interface allocates nothing per call)."""

from __future__ import annotations

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
