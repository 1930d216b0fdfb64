"""storage.backups: the copies ritmo made are remembered, oldest first, by absolute path."""

from datetime import UTC, datetime

from storage import backups, db


def test_backups_are_remembered_oldest_first_and_can_be_carried_to_another_store(tmp_path):
    conn = db.connect_sync(tmp_path / "ritmo.db")
    with db.transaction(conn):
        backups.remember(conn, tmp_path / "b.db", datetime(2026, 3, 2, tzinfo=UTC))
        backups.remember(conn, tmp_path / "a.db", datetime(2026, 3, 1, tzinfo=UTC))
        backups.remember(conn, tmp_path / "a.db", datetime(2026, 3, 3, tzinfo=UTC))  # again
    known = backups.remembered(conn)
    assert [(b.path.name, b.taken_at[:10]) for b in known] == [
        ("b.db", "2026-03-02"),
        ("a.db", "2026-03-03"),
    ]
    assert all(b.path.is_absolute() for b in known)
    other = db.connect_sync(tmp_path / "other.db")
    with db.transaction(other):
        backups.remember_all(other, known)
    assert backups.remembered(other) == known
