"""storage.privacy.forget on its own: full-text indexes stay consistent and hold no trace."""

from datetime import UTC, datetime

from handlers.transfer.redact import redactor
from storage import accounts, db, privacy
from storage.audit import CLI

# The shape of an external-content trigram index, as name search keeps over contacts.
FTS = """
CREATE VIRTUAL TABLE contacts_fts USING fts5(
    name_folded, content='contacts', content_rowid='id', tokenize='trigram');
CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN
    INSERT INTO contacts_fts (rowid, name_folded) VALUES (new.id, new.name_folded);
END;
CREATE TRIGGER contacts_fts_update AFTER UPDATE OF name_folded ON contacts BEGIN
    INSERT INTO contacts_fts (contacts_fts, rowid, name_folded)
        VALUES ('delete', old.id, old.name_folded);
    INSERT INTO contacts_fts (rowid, name_folded) VALUES (new.id, new.name_folded);
END;
CREATE VIRTUAL TABLE notes_fts USING fts5(body);
"""


def test_forget_keeps_full_text_indexes_consistent_and_clean(tmp_path):
    conn = db.connect_sync(tmp_path / "ritmo.db")
    conn.executescript(FTS)
    now = datetime.now(UTC)
    with db.transaction(conn):
        account = accounts.create_account(
            conn, name="Padaria Silva", owner_id=None, actor=CLI, now=now
        )
        carla = accounts.create_contact(
            conn,
            account_id=account.id,
            name="Carla Mendes",
            actor=CLI,
            now=now,
            email="carla@padaria.com.br",
        )
        conn.execute("INSERT INTO notes_fts (body) VALUES ('ligar para a Carla Mendes amanhã')")
    scrub = redactor("[removido]", "Carla Mendes", "carla@padaria.com.br")
    with db.transaction(conn):
        counts = privacy.forget(
            conn,
            carla.id,
            redact=scrub.redact,
            mentions=scrub.mentions,
            marker=scrub.marker,
            actor=CLI,
            now=now,
        )
    assert counts["notes_fts.body"] == 1
    for table in ("contacts_fts", "notes_fts"):
        assert (
            conn.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH 'carla'").fetchall() == []
        )
        conn.execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")
    assert [tuple(r) for r in conn.execute("SELECT name, email FROM contacts")] == [
        ("[removido]", None)
    ]
