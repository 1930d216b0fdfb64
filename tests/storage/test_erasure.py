"""storage.erasure and storage.compaction: which texts lose her, audit rows, full-text
indexes, the files."""

import json
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from handlers.transfer.redact import scrub_for
from storage import compaction, stages
from storage.audit import CLI
from storage.sqlite import db
from storage.sqlite.repositories import SqliteTx
from tests.store_files import leftovers

NOW = datetime(2026, 3, 10, 13, 0, tzinfo=UTC)
NAME, EMAIL, PHONE, ROLE = "Zuléica Quixabeira", "zq@bemtevi.com.br", "+55 11 98765-4321", "CFO"

# A regular (contentful) full-text index, as a later feature might add.
NOTES_FTS = "CREATE VIRTUAL TABLE notes_fts USING fts5(body);"


@pytest.fixture
def conn(tmp_path: Path) -> sqlite3.Connection:
    """A store with a rep, her company (another contact there shares her surname) and another
    company where someone with her first name works."""
    conn = db.connect_sync(tmp_path / "ritmo.db")
    conn.executescript(NOTES_FTS)
    with db.transaction(conn):
        SqliteTx(conn).stages.install_stages(stages.DEFAULT_STAGES, CLI)
        SqliteTx(conn).people.add_person(
            name="Ana Souza", role="rep", timezone="UTC", locale="pt-BR", actor=CLI, now=NOW
        )
        bemtevi = SqliteTx(conn).accounts.create_account(
            name="Padaria Bem-te-vi Ltda", owner_id=1, actor=CLI, now=NOW
        )
        SqliteTx(conn).accounts.create_account(
            name="Oficina Sabiá", owner_id=1, actor=CLI, now=NOW
        )
        SqliteTx(conn).accounts.create_contact(
            account_id=bemtevi.id,
            name=NAME,
            email=EMAIL,
            phone=PHONE,
            role=ROLE,
            actor=CLI,
            now=NOW,
        )
        SqliteTx(conn).accounts.create_contact(
            account_id=bemtevi.id, name="Joana Quixabeira", actor=CLI, now=NOW
        )
        SqliteTx(conn).accounts.create_contact(
            account_id=2, name="Zuléica Prado", actor=CLI, now=NOW
        )
    return conn


def log(
    conn: sqlite3.Connection,
    body: str,
    account_id: int,
    contact_id: int | None = None,
    source: str | None = None,
) -> None:
    SqliteTx(conn).interactions.log_interaction(
        person_id=1,
        kind="note",
        occurred_at=NOW,
        actor=CLI,
        now=NOW,
        body=body,
        account_id=account_id,
        contact_id=contact_id,
        source_platform="telegram" if source else None,
        source_message_id=source,
    )


def forget(conn: sqlite3.Connection, contact_id: int = 1) -> dict[str, int]:
    contact = SqliteTx(conn).privacy.find_contacts(EMAIL)[0]
    scrub = scrub_for("[x]", contact, SqliteTx(conn).privacy.surroundings(contact_id))
    found = SqliteTx(conn).erasure.survey(contact_id, scrub)
    with db.transaction(conn):
        return SqliteTx(conn).erasure.forget(contact_id, scrub, found, actor=CLI, now=NOW)


def bodies(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT body FROM interactions ORDER BY id")]


def test_a_word_of_her_name_goes_where_it_means_her_and_stays_where_it_may_not(conn):
    with db.transaction(conn):
        log(conn, "Liguei; a Zuléica e a Quixabeira pediram proposta", 1, contact_id=1)
        log(conn, "a ZULEICA pediu desconto; a Quixabeira não", 1)
        log(conn, "Zuléica, da oficina, trocou o pneu", 2)
        log(conn, "Na Padaria Bem-te-vi, a Zuleica disse que sim", 2)
    forget(conn)
    assert bodies(conn) == [
        "Liguei; a [x] e a [x] pediram proposta",  # linked to her: every word of her name
        "a [x] pediu desconto; a Quixabeira não",  # her company: Joana is a Quixabeira too
        "Zuléica, da oficina, trocou o pneu",  # another company, another Zuléica
        "Na Padaria Bem-te-vi, a [x] disse que sim",  # names her company
    ]


def test_notes_deals_follow_ups_consents_and_their_audit_rows_lose_her(conn):
    with db.transaction(conn):
        SqliteTx(conn).deals.create_deal(
            account_id=1,
            owner_id=1,
            title="Forno p/ Zuléica",
            stage_key="proposal",
            amount=1000,
            actor=CLI,
            now=NOW,
        )
        SqliteTx(conn).interactions.add_follow_up(
            person_id=1,
            kind="call",
            due=date(2026, 3, 12),
            actor=CLI,
            now=NOW,
            account_id=1,
            note="ligar pra Zuléica às 10h",
        )
        SqliteTx(conn).consents.opt_out(
            CLI, 1, "email", NOW, reason="a Zuléica pediu por telefone"
        )
    forget(conn)
    assert conn.execute("SELECT title FROM deals").fetchone()[0] == "Forno p/ [x]"
    assert conn.execute("SELECT note FROM follow_ups").fetchone()[0] == "ligar pra [x] às 10h"
    assert conn.execute("SELECT reason FROM consents").fetchone()[0] == "a [x] pediu por telefone"
    (after,) = conn.execute("SELECT after FROM audit_log WHERE entity = 'deal'").fetchone()
    assert json.loads(after)["title"] == "Forno p/ [x]"


def test_her_audit_rows_keep_ids_and_nothing_about_her(conn):
    with db.transaction(conn):
        SqliteTx(conn).consents.opt_out(CLI, 1, "whatsapp", NOW)
    forget(conn)
    rows = conn.execute(
        "SELECT action, after FROM audit_log WHERE entity = 'contact'"
        " AND entity_id = '1' ORDER BY id"
    ).fetchall()
    assert [(action, json.loads(after)) for action, after in rows[:2]] == [
        (
            "create",
            {
                "id": 1,
                "account_id": 1,
                "name": "[x]",
                "email": "[x]",
                "phone": "[x]",
                "role": "[x]",
            },
        ),
        ("opt_out", {"channel": "[x]"}),
    ]
    assert rows[2][0] == "forget"
    stub = conn.execute("SELECT name, email, phone, role FROM contacts WHERE id = 1").fetchone()
    assert tuple(stub) == ("[x]", None, None, None)


def test_copies_of_a_rewritten_text_elsewhere_are_rewritten_the_same_way(conn):
    message = "a Zuléica pediu proposta até sexta"  # the rep's words, logged after a question
    with db.transaction(conn):
        log(conn, message, 1, source="77")
        SqliteTx(conn).inbox.accept_many(
            "telegram",
            [
                ("9001", {"message": {"text": message}}),
                ("9002", {"message": {"text": "Zuléica?"}}),
            ],
            NOW,
        )
    forget(conn)
    payloads = [r[0] for r in conn.execute("SELECT payload FROM inbox ORDER BY id")]
    assert json.loads(payloads[0])["message"]["text"] == "a [x] pediu proposta até sexta"
    assert json.loads(payloads[1])["message"]["text"] == "Zuléica?"  # too short to be a copy


def test_full_text_indexes_stay_consistent_and_hold_no_word_of_her(conn):
    with db.transaction(conn):
        conn.execute("INSERT INTO notes_fts (body) VALUES ('ligar para a Zuléica Quixabeira')")
    counts = forget(conn)
    assert counts["notes_fts.body"] == 1
    for table in ("contacts_words", "notes_fts"):
        assert (
            conn.execute(
                f"SELECT rowid FROM {table} WHERE {table} MATCH 'zuleica' AND rowid = 1"
            ).fetchall()
            == []
        )
        conn.execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")
    # The index's own pages: a tombstone or an unmerged segment would still spell her name.
    blocks = b"".join(r[0] for r in conn.execute("SELECT block FROM contacts_words_data"))
    assert b"quixabeira" in blocks  # Joana's, rightly kept
    assert b"zuleica" in blocks  # Zuléica Prado's, at the other company
    blocks = b"".join(r[0] for r in conn.execute("SELECT block FROM notes_fts_data"))
    assert b"zul" not in blocks.lower() and b"quixabeira" not in blocks.lower()


def test_compact_leaves_nothing_that_was_deleted_before_secure_delete(tmp_path):
    path = tmp_path / "plain.db"
    conn = db.connect_sync(path)
    conn.execute("PRAGMA secure_delete = OFF")  # what most SQLite builds do by default
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('Zuléica Quixabeira, 98765-4321')")
    conn.execute("INSERT INTO notes (body) VALUES ('nothing to see')")
    conn.execute("DELETE FROM notes WHERE id = 1")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    assert leftovers(path, ["Quixabeira"])  # the old cell is still in the page
    assert compaction.compact(path)
    assert leftovers(path, ["Quixabeira", "98765-4321"]) == {}


def test_compact_empties_the_wal_while_another_connection_stays_open(tmp_path):
    path = tmp_path / "ritmo.db"
    bot = db.connect_sync(path)  # idle, like the bot between messages
    bot.execute("CREATE TABLE t (x TEXT)")
    bot.execute("INSERT INTO t VALUES ('old')")
    assert Path(f"{path}-wal").stat().st_size > 0
    assert compaction.compact(path)
    assert Path(f"{path}-wal").stat().st_size == 0
    assert [tuple(r) for r in bot.execute("SELECT x FROM t")] == [("old",)]
    bot.close()


def test_compact_says_when_a_reader_keeps_the_wal_in_use(tmp_path, monkeypatch):
    monkeypatch.setattr(compaction, "CHECKPOINT_TRIES", 2)
    monkeypatch.setattr(compaction, "CHECKPOINT_PAUSE_S", 0.01)
    monkeypatch.setattr(compaction, "BUSY_TIMEOUT_MS", 50)
    path = tmp_path / "ritmo.db"
    writer = db.connect_sync(path)
    writer.execute("CREATE TABLE t (x TEXT)")
    writer.execute("INSERT INTO t VALUES ('a')")
    reader = db.connect_sync(path)
    reader.execute("BEGIN")
    reader.execute("SELECT * FROM t").fetchall()  # holds a snapshot: the WAL can't be cut
    writer.execute("INSERT INTO t VALUES ('b')")
    assert compaction.compact(path) is False
    reader.execute("COMMIT")
    assert compaction.compact(path) is True
    reader.close()
    writer.close()


def test_every_spelling_in_any_table_gets_through_the_sql_sieve(conn):
    spellings = [
        "ZULÉICA QUIXABEIRA",
        "zuleica  quixabeira",
        '"Zul\\u00e9ica Quixabeira"',
        "tel (11) 98765-4321",
        "ZQ@BEMTEVI.COM.BR",
        "Zuléica\tQuixabeira",
    ]
    with db.transaction(conn):
        for number, text in enumerate(spellings):
            conn.execute("INSERT INTO kv (key, value) VALUES (?, ?)", (f"note:{number}", text))
    forget(conn)
    values = [r[0] for r in conn.execute("SELECT value FROM kv WHERE key GLOB 'note:*'")]
    assert values == ["[x]", "[x]", '"[x]"', "tel ([x]", "[x]", "[x]"]


def test_what_is_written_between_the_survey_and_the_forget_is_erased_too(conn):
    with db.transaction(conn):
        SqliteTx(conn).inbox.accept_many(
            "telegram", [("1", {"text": "Zuléica Quixabeira ligou"})], NOW
        )
    contact = SqliteTx(conn).privacy.find_contacts(EMAIL)[0]
    scrub = scrub_for("[x]", contact, SqliteTx(conn).privacy.surroundings(1))
    found = SqliteTx(conn).erasure.survey(1, scrub)
    with db.transaction(conn):  # the bot carries on meanwhile
        conn.execute('UPDATE inbox SET payload = \'{"text": "Zuléica Quixabeira ligou 2x"}\'')
        SqliteTx(conn).inbox.accept_many(
            "telegram", [("2", {"text": "a Zuléica Quixabeira de novo"})], NOW
        )
    with db.transaction(conn):
        SqliteTx(conn).erasure.forget(1, scrub, found, actor=CLI, now=NOW)
    assert [r[0] for r in conn.execute("SELECT payload FROM inbox ORDER BY id")] == [
        '{"text": "[x] ligou 2x"}',
        '{"text": "a [x] de novo"}',
    ]


def test_someone_else_with_her_name_keeps_it(conn):
    with db.transaction(conn):
        SqliteTx(conn).accounts.create_contact(account_id=2, name=NAME, actor=CLI, now=NOW)
        SqliteTx(conn).people.add_person(
            name=NAME, role="rep", timezone="UTC", locale="pt-BR", actor=CLI, now=NOW
        )
    forget(conn)
    names = [r[0] for r in conn.execute("SELECT name FROM contacts ORDER BY id")]
    assert names == ["[x]", "Joana Quixabeira", "Zuléica Prado", NAME]
    assert conn.execute("SELECT count(*) FROM people WHERE name = ?", (NAME,)).fetchone()[0] == 1


def test_a_without_rowid_table_is_rewritten_by_primary_key_and_keeps_no_byte_of_her(
    conn, tmp_path
):
    """A later migration may add a WITHOUT ROWID table (a keyed cache, say): it has no rowid to
    address a row by, so 'forget' rewrites its rows by primary key instead of refusing."""
    with db.transaction(conn):
        conn.execute("CREATE TABLE recent_names (who TEXT PRIMARY KEY, said TEXT) WITHOUT ROWID")
        conn.executemany(
            "INSERT INTO recent_names (who, said) VALUES (?, ?)",
            [
                (NAME, f"write to {EMAIL}"),
                ("Joana", f"call {PHONE} about Zuléica Quixabeira"),
                ("Carlos", "nothing about anyone"),
            ],
        )
    counts = forget(conn)
    rows = [tuple(r) for r in conn.execute("SELECT who, said FROM recent_names ORDER BY who")]
    assert rows == [
        ("Carlos", "nothing about anyone"),
        ("Joana", "call +[x] about [x]"),
        ("[x]", "write to [x]"),
    ]
    assert counts["recent_names.who"] == 1 and counts["recent_names.said"] == 2
    conn.close()
    assert compaction.compact(tmp_path / "ritmo.db")
    assert leftovers(tmp_path / "ritmo.db", [NAME, EMAIL, PHONE]) == {}
