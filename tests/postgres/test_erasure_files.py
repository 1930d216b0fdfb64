"""After `privacy forget` on PostgreSQL, `compact` leaves no byte of her in the database's files.

Rewriting rows leaves the old versions in the heap and old entries in the indexes; this looks
for her e-mail and name in every file of the test database's folder (tables, indexes, TOAST,
catalogs) before and after storage.postgres.erasure.compact."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import psycopg

from storage import backends
from storage.audit import CLI
from storage.erasure import Scrub
from storage.interface import Tx
from storage.postgres.erasure import compact
from storage.seeding import SyntheticSpec
from storage.stages import DEFAULT_STAGES

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
EMAIL = b"contato3@exemplo.com.br"
NAME = "Olívia Ferreira".encode()


def _files_holding(url: str, *needles: bytes) -> list[str]:
    """The database's files that contain any of `needles`, after a checkpoint wrote every
    changed page to them."""
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CHECKPOINT")
        row = conn.execute(
            "SELECT current_setting('data_directory'), oid FROM pg_database"
            " WHERE datname = current_database()"
        ).fetchone()
    assert row is not None
    folder = Path(row[0]) / "base" / str(row[1])
    return sorted(f.name for f in folder.iterdir() if any(n in f.read_bytes() for n in needles))


async def test_compact_leaves_no_byte_of_her_in_the_files(pg_url: str) -> None:
    def book(tx: Tx) -> int:
        tx.stages.install_stages(DEFAULT_STAGES, CLI)
        tx.seeding.seed_synthetic(
            SyntheticSpec(reps=2, accounts=10, deals=5, interactions=20, enrolments=5), NOW
        )
        return int(tx.privacy.find_contacts(EMAIL.decode())[0]["id"])

    def blank(text: str) -> str:
        return text.replace(NAME.decode(), "[x]")

    scrub = Scrub("[x]", blank, blank, blank, lambda t: False, words=("olivia", "ferreira"))
    async with backends.open_store(pg_url) as store:
        her = await store.write(book)
        found = await store.read(lambda tx: tx.erasure.survey(her, scrub))
        await store.write(lambda tx: tx.erasure.forget(her, scrub, found, actor=CLI, now=NOW))
        assert await store.read(lambda tx: tx.privacy.find_contacts(EMAIL.decode())) == []

    assert _files_holding(pg_url, EMAIL, NAME) != []  # the old row versions, until compacted
    assert compact(pg_url) is True
    assert _files_holding(pg_url, EMAIL, NAME) == []
