"""`ritmo import` end to end: subprocess CLI on a temporary store_file (RITMO_DB)."""

import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage import stages
from storage.audit import CLI
from storage.interface import Tx
from tests.store_views import read_at, write_at

FIXTURES = Path(__file__).parents[1] / "fixtures" / "crm"


def cli_env(store_file: Path, locale: str = "en") -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "TELEGRAM_", "RITMO_"))
    }
    env.update(RITMO_DB=str(store_file), RITMO_LOCALE=locale, PYTHONIOENCODING="utf-8")
    return env


def run_cli(store_file: Path, *args: str, locale: str = "en", stdin: str | None = None):
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        capture_output=True,
        text=True,
        env=cli_env(store_file, locale),
        input=stdin,
        timeout=60,
        encoding="utf-8",
    )


def make_store(tmp_path: Path) -> Path:
    """A migrated store_file with the default stages and two reps."""
    path = tmp_path / "ritmo.db"
    now = datetime.now(UTC)

    def seed(tx: Tx) -> None:
        tx.stages.install_stages(stages.DEFAULT_STAGES, CLI)
        for name in ("Ana Souza", "Bruno Lima"):
            tx.people.add_person(
                name=name,
                role="rep",
                timezone="America/Sao_Paulo",
                locale="pt-BR",
                actor=CLI,
                now=now,
            )

    write_at(path, seed)
    return path


@pytest.fixture
def store_file(tmp_path: Path) -> Path:
    return make_store(tmp_path)


def records(store_file: Path, kind: str) -> list[dict]:
    """Every record of `kind` as `ritmo export` writes it (accounts, contacts, deals, interactions)."""
    return read_at(store_file, lambda tx: list(tx.transfer.export_rows(kind)))


def count(store_file: Path, what: str) -> int:
    """How many records of an export kind, people, stages or audit rows the store holds."""
    counters = {
        "people": lambda tx: len(tx.people.list_people()),
        "stages": lambda tx: len(tx.stages.list_stages()),
        "audit": lambda tx: len(tx.audit.entries(limit=1_000_000)),
    }
    if what in counters:
        return read_at(store_file, counters[what])
    return len(records(store_file, what))


def rows(store_file: Path, sql: str) -> list[tuple]:
    """SQLite only: what no repository reads (the LGPD tests' interaction bodies by id)."""
    conn = sqlite3.connect(store_file)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_generic_latin1_semicolon_accounts_merge_duplicates(store_file):
    result = run_cli(
        store_file, "import", "accounts", str(FIXTURES / "generic-accounts-latin1.csv")
    )
    assert result.returncode == 0, result.stderr
    assert "4 created" in result.stdout and "3 merged" in result.stdout
    assert (
        'line 4: "PADARIA SILVA - ME" attached to the existing account "Padaria Silva Ltda"'
        in result.stdout
    )
    assert "line 8: coordinate out of range" in result.stdout
    names = {a["name"] for a in records(store_file, "accounts")}
    assert names == {
        "Padaria Silva Ltda",
        "Metalúrgica São Jorge S/A",
        "Café Açaí & Cia",
        "Distribuidora Irmãos Araújo Ltda",
    }
    # A later duplicate fills in what the first row left blank.
    assert [
        a["website"]
        for a in records(store_file, "accounts")
        if a["name"].startswith("Distribuidora")
    ] == ["irmaosaraujo.com.br"]
    created = read_at(store_file, lambda tx: tx.audit.entries("account"))
    assert len(created) == 4


def test_bad_rows_are_rejected_and_the_rest_applied(store_file):
    result = run_cli(
        store_file, "import", "deals", str(FIXTURES / "generic-deals-br.csv"), locale="pt-BR"
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "4 criados" in out and "5 rejeitados" in out
    assert 'linha 6: etapa desconhecida "Demonstração"' in out
    assert 'linha 7: responsável desconhecido "Marcos Dias"' in out
    assert "linha 8:" in out and "linha 9:" in out and "linha 10:" in out
    assert count(store_file, "deals") == 4
    assert count(store_file, "stages") == 5  # nothing invented
    assert count(store_file, "people") == 2
    fornos = [d for d in records(store_file, "deals") if d["title"] == "Fornos a lenha"]
    assert [(d["amount"], d["close_date"]) for d in fornos] == [(1234.56, "2026-12-31")]


def test_strict_writes_nothing_when_a_row_is_bad(store_file):
    result = run_cli(
        store_file, "import", "deals", str(FIXTURES / "generic-deals-br.csv"), "--strict"
    )
    assert result.returncode == 1
    assert "nothing was written" in result.stdout
    assert count(store_file, "deals") == 0
    assert count(store_file, "accounts") == 0


def test_dry_run_changes_nothing(store_file):
    before = count(store_file, "audit")
    result = run_cli(
        store_file,
        "import",
        "deals",
        str(FIXTURES / "hubspot-deals.csv"),
        "--preset",
        "hubspot",
        "--dry-run",
    )
    assert result.returncode == 0, result.stderr
    assert "4 created" in result.stdout and "Dry run" in result.stdout
    assert count(store_file, "deals") == 0
    assert count(store_file, "audit") == before


@pytest.mark.parametrize(
    ("kind", "fixture", "preset", "table", "count"),
    [
        ("accounts", "hubspot-companies.csv", "hubspot", "accounts", 3),
        ("contacts", "pipedrive-people.csv", "pipedrive", "contacts", 2),
        ("deals", "pipedrive-deals.csv", "pipedrive", "deals", 3),
        ("deals", "rdstation-deals.csv", "rdstation", "deals", 3),
    ],
)
def test_each_crm_preset(store_file, kind, fixture, preset, table, count):
    result = run_cli(store_file, "import", kind, str(FIXTURES / fixture), "--preset", preset)
    assert result.returncode == 0, result.stderr
    assert rows(store_file, f"SELECT count(*) FROM {table}") == [(count,)]


def test_second_crm_file_attaches_to_companies_of_the_first(store_file):
    run_cli(
        store_file,
        "import",
        "accounts",
        str(FIXTURES / "hubspot-companies.csv"),
        "--preset",
        "hubspot",
    )
    result = run_cli(
        store_file,
        "import",
        "contacts",
        str(FIXTURES / "hubspot-contacts.csv"),
        "--preset",
        "hubspot",
    )
    assert '"Metalurgica Sao Jorge" attached to the existing account' in result.stdout
    assert rows(store_file, "SELECT count(*) FROM accounts") == [(3,)]
    assert rows(
        store_file,
        "SELECT a.name FROM contacts c JOIN accounts a ON a.id = c.account_id"
        " WHERE c.name = 'João Pereira'",
    ) == [("Metalúrgica São Jorge S.A.",)]


def test_crm_file_without_preset_is_one_sentence_naming_the_preset(store_file):
    result = run_cli(store_file, "import", "deals", str(FIXTURES / "hubspot-deals.csv"))
    assert result.returncode == 2
    assert "--preset hubspot" in result.stderr and "Traceback" not in result.stderr


def test_reimport_updates_changed_deals_and_journals_the_stage_move(store_file, tmp_path):
    first = tmp_path / "v1.csv"
    first.write_text(
        "conta;titulo;etapa;valor;responsavel\n"
        "Padaria Silva;Fornos;Proposta;1.000,00;Ana Souza\n"
        "Padaria Silva;Balcão;Proposta;500,00;Ana Souza\n",
        encoding="utf-8",
    )
    assert run_cli(store_file, "import", "deals", str(first)).returncode == 0
    second = tmp_path / "v2.csv"
    second.write_text(
        "conta;titulo;etapa;valor;responsavel\n"
        "PADARIA SILVA LTDA;fornos;Negociação;1.500,00;Ana Souza\n"
        "Padaria Silva;Balcão;Proposta;500,00;Ana Souza\n",
        encoding="utf-8",
    )
    result = run_cli(store_file, "import", "deals", str(second))
    assert "0 created, 1 updated, 1 unchanged" in result.stdout
    assert rows(store_file, "SELECT stage_key, amount FROM deals WHERE title = 'Fornos'") == [
        ("negotiation", 1500.0)
    ]
    assert rows(
        store_file, "SELECT from_stage, to_stage FROM deal_changes WHERE from_stage IS NOT NULL"
    ) == [("proposal", "negotiation")]
    ((before, after),) = rows(
        store_file, "SELECT before, after FROM audit_log WHERE action = 'import_update'"
    )
    assert '"amount": 1000.0' in before and '"amount": 1500.0' in after
