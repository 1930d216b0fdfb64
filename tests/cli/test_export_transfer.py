"""`ritmo export` (round trip through import), `ritmo backup` under load and `ritmo restore`.

The store is read and written through the storage interface (tests/store_views.py) or the
commands' own output; only the backup's integrity is SQLite's own check, because `ritmo backup`
copies a SQLite file and the copy must be a sound one (storage.inspection, as `ritmo check`).
"""

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage import inspection
from storage.audit import CLI
from storage.interface import Tx
from tests.cli.conftest import own_copy
from tests.cli.test_import_transfer import FIXTURES, count, make_store, records, run_cli
from tests.store_views import read_at, write_at


@pytest.fixture
def store_file(tmp_path: Path) -> Path:
    return make_store(tmp_path)


WRITER = """
import sys
from datetime import UTC, datetime
from storage import backends
from storage.audit import CLI
store = backends.connect_sync(sys.argv[1])
for i in range(100000):
    store.write(lambda tx: tx.accounts.create_account(
        name=f"Loja {i}", owner_id=None, actor=CLI, now=datetime.now(UTC)))
    print(i, flush=True)
"""


@pytest.fixture(scope="module")
def everything(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the accounts, contacts and deals imported, once per module: three
    `ritmo import` runs take seconds, copying the folder's files milliseconds (`loaded`)."""
    store_file = make_store(tmp_path_factory.mktemp("everything"))
    for kind, fixture in (
        ("accounts", "generic-accounts-latin1.csv"),
        ("contacts", "hubspot-contacts.csv"),
        ("deals", "generic-deals-br.csv"),
    ):
        preset = ["--preset", "hubspot"] if fixture.startswith("hubspot") else []
        assert (
            run_cli(store_file, "import", kind, str(FIXTURES / fixture), *preset).returncode == 0
        )
    return store_file


@pytest.fixture
def loaded(everything: Path, tmp_path: Path) -> Path:
    """A store of this test's own, in its tmp_path, as `everything` left it (every file of it)."""
    return own_copy(everything, tmp_path)


def test_export_then_import_changes_nothing(loaded, tmp_path):
    store_file = loaded
    audit_before = count(store_file, "audit")
    for kind in ("accounts", "contacts", "deals"):
        exported = tmp_path / f"{kind}.csv"
        assert run_cli(store_file, "export", kind, "--out", str(exported)).returncode == 0
        result = run_cli(store_file, "import", kind, str(exported))
        assert result.returncode == 0, result.stderr
        assert " 0 created, 0 updated," in result.stdout and "0 rejected" in result.stdout
        again = run_cli(store_file, "export", kind).stdout
        assert again == exported.read_text(encoding="utf-8-sig")
    assert count(store_file, "audit") == audit_before


def test_jsonl_export_to_stdout_reads_back(loaded, tmp_path):
    store_file = loaded
    result = run_cli(store_file, "export", "deals", "--format", "jsonl")
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert {d["title"] for d in lines} >= {"Fornos a lenha", "Retrofit linha 2"}
    fornos = next(d for d in lines if d["title"] == "Fornos a lenha")
    assert (fornos["amount"], fornos["stage"], fornos["owner"]) == (
        1234.56,
        "proposal",
        "Ana Souza",
    )
    exported = tmp_path / "deals.jsonl"
    exported.write_text(result.stdout, encoding="utf-8")
    assert "0 created, 0 updated" in run_cli(store_file, "import", "deals", str(exported)).stdout


def test_backup_while_writing_contains_every_committed_row(store_file, tmp_path):
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(store_file)], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None
    try:
        committed = -1
        while committed < 200:  # let it get going
            committed = int(writer.stdout.readline())
        backup = tmp_path / "copy.db"
        result = run_cli(store_file, "backup", str(backup))
        assert result.returncode == 0, result.stderr
    finally:
        writer.kill()
        writer.wait()
    assert inspection.inspect(backup).integrity == "ok"
    names = {a.name for a in read_at(backup, lambda tx: tx.accounts.list_accounts())}
    assert {f"Loja {i}" for i in range(committed + 1)} <= names


def test_restore_refuses_to_overwrite_without_force(loaded, tmp_path):
    store_file = loaded
    backup = tmp_path / "copy.db"
    assert run_cli(store_file, "backup", str(backup)).returncode == 0
    run_cli(store_file, "privacy", "forget", "--contact", "Carla Mendes", "--yes")
    refused = run_cli(store_file, "restore", str(backup))
    assert refused.returncode == 2 and "--force" in refused.stderr
    assert [c["name"] for c in records(store_file, "contacts")].count("Carla Mendes") == 0
    restored = run_cli(store_file, "restore", str(backup), "--force")
    assert restored.returncode == 0, restored.stderr
    assert [c["name"] for c in records(store_file, "contacts")].count("Carla Mendes") == 1
    kept = [p for p in tmp_path.iterdir() if ".before-restore-" in p.name]
    assert len(kept) == 1  # the replaced store_file is kept, not lost


def test_restore_into_a_new_path_and_refuse_a_non_backup(tmp_path, store_file):
    backup = tmp_path / "copy.db"
    assert run_cli(store_file, "backup", str(backup)).returncode == 0
    fresh = tmp_path / "fresh.db"
    assert run_cli(fresh, "restore", str(backup)).returncode == 0
    assert count(fresh, "people") == 2
    junk = tmp_path / "notes.txt"
    junk.write_text("not a database")
    result = run_cli(tmp_path / "other.db", "restore", str(junk))
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_interactions_export_names_people_and_accounts(loaded):
    store_file = loaded
    now = datetime(2026, 11, 20, 14, 30, tzinfo=UTC)

    def log(tx: Tx) -> None:
        padaria = next(a for a in tx.accounts.list_accounts() if a.name.startswith("Padaria"))
        tx.interactions.log_interaction(
            person_id=1,
            kind="visit",
            occurred_at=now,
            actor=CLI,
            now=now,
            body="Visitei, pediram orçamento, ligar sexta",
            account_id=padaria.id,
        )

    write_at(store_file, log)
    result = run_cli(store_file, "export", "interactions")
    assert result.returncode == 0, result.stderr
    header, line = result.stdout.splitlines()
    assert header == "occurred_at,kind,person,account,deal,contact,outcome,body,latitude,longitude"
    assert line == (
        "2026-11-20T14:30:00+00:00,visit,Ana Souza,Padaria Silva Ltda,,,,"
        '"Visitei, pediram orçamento, ligar sexta",,'
    )
