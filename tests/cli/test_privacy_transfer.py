"""`ritmo privacy export|forget` (LGPD): everything about a contact out, then no trace left."""

import json
import os
import re
import sqlite3
import subprocess
import sys
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage.audit import CLI
from storage.sqlite import db
from storage.sqlite.repositories import SqliteTx
from tests.cli.test_import_transfer import FIXTURES, cli_env, make_store, rows, run_cli
from tests.store_files import leftovers


@pytest.fixture
def store_file(tmp_path: Path) -> Path:
    return make_store(tmp_path)


NAME, EMAIL, PHONE = "Carla Mendes", "carla.mendes@padariasilva.com.br", "+55 11 98888-1000"
NOTES = [
    ("call", "Liguei pra Carla Mendes no 98888-1000; pediu proposta até sexta.", True),
    ("email", f"Mandei a proposta para {EMAIL.upper()}", False),
    ("note", "CARLA  MENDES gostou; o João Pereira ainda decide.", False),
    ("visit", "Visita à padaria, forno novo funcionando.", False),
]


@pytest.fixture
def crm(store_file: Path) -> Path:
    for kind, fixture in (
        ("accounts", "hubspot-companies.csv"),
        ("contacts", "hubspot-contacts.csv"),
    ):
        assert (
            run_cli(
                store_file, "import", kind, str(FIXTURES / fixture), "--preset", "hubspot"
            ).returncode
            == 0
        )
    conn = db.connect_sync(store_file)
    now = datetime.now(UTC)
    (carla,) = conn.execute("SELECT id, account_id FROM contacts WHERE email = ?", (EMAIL,))
    with db.transaction(conn):
        for kind, body, linked in NOTES:
            SqliteTx(conn).interactions.log_interaction(
                person_id=1,
                kind=kind,
                occurred_at=now,
                actor=CLI,
                now=now,
                body=body,
                account_id=carla[1],
                contact_id=carla[0] if linked else None,
            )
    conn.close()
    return store_file


def _fold(text: str) -> str:
    bare = unicodedata.normalize("NFKD", text)
    return "".join(c for c in bare if not unicodedata.combining(c)).casefold()


def traces(store_file: Path) -> list[str]:
    """Every text value, in every column of every table, that mentions Carla in any form."""
    wanted = [_fold(NAME), EMAIL, "98888-1000", "988881000", "5511988881000"]
    found = []
    conn = sqlite3.connect(store_file)
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        columns = [c[1] for c in conn.execute(f"PRAGMA table_info('{table}')")]
        for column in columns:
            for (value,) in conn.execute(f'SELECT "{column}" FROM "{table}"'):
                text = _fold(str(value)) if isinstance(value, str) else ""
                digits = re.sub(r"\D", "", text)
                if any(w in text for w in wanted[:3]) or "988881000" in digits:
                    found.append(f"{table}.{column}: {value}")
    conn.close()
    return found


def test_privacy_export_lists_everything_about_the_contact(crm):
    result = run_cli(crm, "privacy", "export", "--contact", "carla mendes")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["contact"]["email"] == EMAIL and data["contact"]["phone"] == PHONE
    bodies = {i["body"] for i in data["interactions"]}
    assert bodies == {body for _, body, _ in NOTES[:3]}  # linked, or mentioning her
    assert data["audit"][0]["after"]["name"] == NAME


def test_forget_asks_for_confirmation(crm):
    refused = run_cli(crm, "privacy", "forget", "--contact", EMAIL)
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert traces(crm)  # nothing erased


def forget_on_a_terminal(store_file: Path, answer: str) -> subprocess.CompletedProcess:
    """`privacy forget` with a terminal as standard input, typing `answer` at the prompt."""
    primary, secondary = os.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "privacy", "forget", "--contact", NAME],
            stdin=secondary,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=cli_env(store_file, "pt-BR"),
        )
        os.write(primary, answer.encode() + b"\n")
        out, err = process.communicate(timeout=60)
    finally:
        os.close(primary)
        os.close(secondary)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def test_forget_on_a_terminal_erases_only_after_yes(crm):
    declined = forget_on_a_terminal(crm, "não")
    assert (
        "Isso não pode ser desfeito" in declined.stdout and "Nada foi apagado" in declined.stdout
    )
    assert traces(crm)
    confirmed = forget_on_a_terminal(crm, "sim")
    assert confirmed.returncode == 0, confirmed.stderr
    assert traces(crm) == []


def test_forget_leaves_no_trace_anywhere_and_audits_the_erasure(crm):
    assert traces(crm)
    result = run_cli(crm, "privacy", "forget", "--contact", EMAIL.upper(), "--yes")
    assert result.returncode == 0, result.stderr
    assert traces(crm) == []
    bodies = [b for (b,) in rows(crm, "SELECT body FROM interactions ORDER BY id")]
    assert bodies[0] == "Liguei pra [redacted] no [redacted]; pediu proposta até sexta."
    assert "João Pereira" in bodies[2]  # only she is erased
    assert bodies[3] == NOTES[3][1]
    (erasure,) = rows(crm, "SELECT actor, reason FROM audit_log WHERE action = 'forget'")
    assert erasure == ("cli", "LGPD erasure request")
    assert rows(crm, "SELECT count(*) FROM contacts") == [(2,)]  # deals/links keep a stub


def test_unknown_or_ambiguous_contact_is_one_sentence(crm):
    result = run_cli(crm, "privacy", "forget", "--contact", "Ninguém", "--yes")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_forget_leaves_no_byte_of_her_in_the_store_files(crm):
    """The files themselves, read as bytes: the FTS index, freed pages, audit rows included."""
    conn = db.connect_sync(crm)
    with db.transaction(conn):
        SqliteTx(conn).interactions.log_interaction(
            person_id=1,
            kind="note",
            occurred_at=datetime.now(UTC),
            actor=CLI,
            now=datetime.now(UTC),
            body="a Carla pediu o catálogo",
            account_id=1,
        )
    conn.close()
    needles = ["Carla", "Mendes", EMAIL, "98888-1000", "988881000", "Sócia"]
    assert leftovers(crm, needles)
    result = run_cli(crm, "privacy", "forget", "--contact", EMAIL, "--yes")
    assert result.returncode == 0, result.stderr
    assert leftovers(crm, needles) == {}
    assert rows(crm, "SELECT body FROM interactions ORDER BY id")[-1] == (
        "a [redacted] pediu o catálogo",
    )


def test_forget_names_the_backups_ritmo_made_that_still_exist(crm, tmp_path):
    kept, gone = tmp_path / "copia-1.db", tmp_path / "copia-2.db"
    for target in (kept, gone):
        assert run_cli(crm, "backup", str(target)).returncode == 0
    gone.unlink()
    result = run_cli(crm, "privacy", "forget", "--contact", EMAIL, "--yes")
    assert result.returncode == 0, result.stderr
    assert "Backups taken before this erasure still hold the erased data" in result.stdout
    assert str(kept) in result.stdout and str(gone) not in result.stdout
    assert leftovers(kept, [EMAIL]), "and it is true: the copy still has her"


def test_the_copy_a_restore_keeps_is_named_too_and_so_are_the_backups_it_knew(crm, tmp_path):
    backup = tmp_path / "copia.db"
    assert run_cli(crm, "backup", str(backup)).returncode == 0
    assert run_cli(crm, "restore", str(backup), "--force").returncode == 0
    result = run_cli(crm, "privacy", "forget", "--contact", EMAIL, "--yes", locale="pt-BR")
    assert result.returncode == 0, result.stderr
    assert "ainda guardam os dados apagados" in result.stdout
    assert str(backup) in result.stdout
    assert f"{crm.name}.before-restore-" in result.stdout


def test_forget_says_backups_still_hold_her_even_when_ritmo_made_none(crm):
    result = run_cli(crm, "privacy", "forget", "--contact", EMAIL, "--yes", locale="pt-BR")
    assert result.returncode == 0, result.stderr
    assert "o ritmo não conhece nenhuma feita por ele que ainda exista" in result.stdout


def test_privacy_compact_rewrites_the_files(crm):
    result = run_cli(crm, "privacy", "compact")
    assert result.returncode == 0, result.stderr
    assert "nothing erased is left" in result.stdout
