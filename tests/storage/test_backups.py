"""storage.backups: the copies ritmo made are remembered, oldest first, by absolute path."""

from datetime import UTC, datetime

from storage.sqlite import db
from storage.sqlite.repositories import SqliteTx


def test_backups_are_remembered_oldest_first_and_can_be_carried_to_another_store(tmp_path):
    conn = db.connect_sync(tmp_path / "ritmo.db")
    with db.transaction(conn):
        SqliteTx(conn).backups.remember(tmp_path / "b.db", datetime(2026, 3, 2, tzinfo=UTC))
        SqliteTx(conn).backups.remember(tmp_path / "a.db", datetime(2026, 3, 1, tzinfo=UTC))
        SqliteTx(conn).backups.remember(
            tmp_path / "a.db", datetime(2026, 3, 3, tzinfo=UTC)
        )  # again
    known = SqliteTx(conn).backups.remembered()
    assert [(b.path.name, b.taken_at[:10]) for b in known] == [
        ("b.db", "2026-03-02"),
        ("a.db", "2026-03-03"),
    ]
    assert all(b.path.is_absolute() for b in known)
    other = db.connect_sync(tmp_path / "other.db")
    with db.transaction(other):
        SqliteTx(other).backups.remember_all(known)
    assert SqliteTx(other).backups.remembered() == known
