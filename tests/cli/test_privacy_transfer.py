"""`ritmo privacy export|forget` (LGPD): everything about a contact out, then no trace left.

The store is written and read through the storage interface (tests/store_views.py), the
commands' output, or, for "no trace in any table", storage.move's reader of every table and
column (the one `ritmo store move` copies with, on either backend). Only
test_forget_leaves_no_byte_of_her_in_the_store_files looks at the SQLite files themselves.
"""

import json
import os
import re
import subprocess
import sys
import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage import move
from storage.audit import CLI
from storage.interface import Tx
from tests.cli.conftest import own_copy
from tests.cli.test_import_transfer import FIXTURES, cli_env, count, make_store, records, run_cli
from tests.store_files import leftovers
from tests.store_views import read_at, write_at

NAME, EMAIL, PHONE = "Carla Mendes", "carla.mendes@padariasilva.com.br", "+55 11 98888-1000"
NOTES = [
    ("call", "Liguei pra Carla Mendes no 98888-1000; pediu proposta até sexta.", True),
    ("email", f"Mandei a proposta para {EMAIL.upper()}", False),
    ("note", "CARLA  MENDES gostou; o João Pereira ainda decide.", False),
    ("visit", "Visita à padaria, forno novo funcionando.", False),
]


@pytest.fixture(scope="module")
def crm_made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The CRM imported and Carla's interactions logged, once per module: two `ritmo import`
    runs take seconds, copying the folder's files takes milliseconds (see `crm`)."""
    store_file = make_store(tmp_path_factory.mktemp("crm"))
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
    now = datetime.now(UTC)

    def log(tx: Tx) -> None:
        (carla,) = tx.privacy.find_contacts(EMAIL)
        for kind, body, linked in NOTES:
            tx.interactions.log_interaction(
                person_id=1,
                kind=kind,
                occurred_at=now,
                actor=CLI,
                now=now,
                body=body,
                account_id=carla["account_id"],
                contact_id=carla["id"] if linked else None,
            )

    write_at(store_file, log)
    return store_file


@pytest.fixture
def crm(crm_made: Path, tmp_path: Path) -> Path:
    """A store of this test's own, in its tmp_path, as `crm_made` left it (every file of it)."""
    return own_copy(crm_made, tmp_path)


def _fold(text: str) -> str:
    bare = unicodedata.normalize("NFKD", text)
    return "".join(c for c in bare if not unicodedata.combining(c)).casefold()


def traces(store_file: Path) -> list[str]:
    """Every text value, in every column of every table, that mentions Carla in any form.

    Tables as `ritmo store move` reads them on either backend: the data, not the name-search
    indexes derived from it (SQLite's *_words FTS tables); those are searched for her in the
    files' bytes by test_forget_leaves_no_byte_of_her_in_the_store_files.
    """
    wanted = [_fold(NAME), EMAIL, "98888-1000", "988881000", "5511988881000"]
    found = []
    side = move.open_side(move.parse_location(str(store_file)), must_exist=True)
    try:
        for name, table in side.schema.tables.items():
            columns = table.column_names
            for row in side.rows(name, columns):
                for column, value in zip(columns, row, strict=True):
                    text = _fold(str(value)) if isinstance(value, str) else ""
                    digits = re.sub(r"\D", "", text)
                    if any(w in text for w in wanted[:3]) or "988881000" in digits:
                        found.append(f"{name}.{column}: {value}")
    finally:
        side.close()
    return found


def bodies(store_file: Path) -> list[str]:
    """Every interaction's text, as `ritmo export interactions` lists them (oldest first)."""
    return [i["body"] for i in records(store_file, "interactions")]


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
    texts = bodies(crm)
    assert texts[0] == "Liguei pra [redacted] no [redacted]; pediu proposta até sexta."
    assert "João Pereira" in texts[2]  # only she is erased
    assert texts[3] == NOTES[3][1]
    audit = read_at(crm, lambda tx: tx.audit.entries(limit=1_000_000))
    (erasure,) = [(e.actor, e.reason) for e in audit if e.action == "forget"]
    assert erasure == ("cli", "LGPD erasure request")
    assert count(crm, "contacts") == 2  # deals/links keep a stub


def test_unknown_or_ambiguous_contact_is_one_sentence(crm):
    result = run_cli(crm, "privacy", "forget", "--contact", "Ninguém", "--yes")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_forget_leaves_no_byte_of_her_in_the_store_files(crm):
    """The files themselves, read as bytes: the FTS index, freed pages, audit rows included.

    About the SQLite files by nature (what a disk image would show), so it reads their bytes.
    """
    write_at(
        crm,
        lambda tx: tx.interactions.log_interaction(
            person_id=1,
            kind="note",
            occurred_at=datetime.now(UTC),
            actor=CLI,
            now=datetime.now(UTC),
            body="a Carla pediu o catálogo",
            account_id=1,
        ),
    )
    needles = ["Carla", "Mendes", EMAIL, "98888-1000", "988881000", "Sócia"]
    assert leftovers(crm, needles)
    result = run_cli(crm, "privacy", "forget", "--contact", EMAIL, "--yes")
    assert result.returncode == 0, result.stderr
    assert leftovers(crm, needles) == {}
    assert bodies(crm)[-1] == "a [redacted] pediu o catálogo"


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
