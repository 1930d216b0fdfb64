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
from storage.sqlite import db
from storage.sqlite.repositories import SqliteTx

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
    conn = db.connect_sync(path)
    now = datetime.now(UTC)
    with db.transaction(conn):
        SqliteTx(conn).stages.install_stages(stages.DEFAULT_STAGES, CLI)
        for name in ("Ana Souza", "Bruno Lima"):
            SqliteTx(conn).people.add_person(
                name=name,
                role="rep",
                timezone="America/Sao_Paulo",
                locale="pt-BR",
                actor=CLI,
                now=now,
            )
    conn.close()
    return path


@pytest.fixture
def store_file(tmp_path: Path) -> Path:
    return make_store(tmp_path)


def rows(store_file: Path, sql: str) -> list[tuple]:
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
    names = {name for (name,) in rows(store_file, "SELECT name FROM accounts")}
    assert names == {
        "Padaria Silva Ltda",
        "Metalúrgica São Jorge S/A",
        "Café Açaí & Cia",
        "Distribuidora Irmãos Araújo Ltda",
    }
    # A later duplicate fills in what the first row left blank.
    assert rows(store_file, "SELECT website FROM accounts WHERE name LIKE 'Distribuidora%'") == [
        ("irmaosaraujo.com.br",)
    ]
    assert rows(store_file, "SELECT count(*) FROM audit_log WHERE entity = 'account'") == [(4,)]


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
    assert rows(store_file, "SELECT count(*) FROM deals") == [(4,)]
    assert rows(store_file, "SELECT count(*) FROM stages") == [(5,)]  # nothing invented
    assert rows(store_file, "SELECT count(*) FROM people") == [(2,)]
    assert rows(
        store_file, "SELECT amount, close_date FROM deals WHERE title = 'Fornos a lenha'"
    ) == [(1234.56, "2026-12-31")]


def test_strict_writes_nothing_when_a_row_is_bad(store_file):
    result = run_cli(
        store_file, "import", "deals", str(FIXTURES / "generic-deals-br.csv"), "--strict"
    )
    assert result.returncode == 1
    assert "nothing was written" in result.stdout
    assert rows(store_file, "SELECT count(*) FROM deals") == [(0,)]
    assert rows(store_file, "SELECT count(*) FROM accounts") == [(0,)]


def test_dry_run_changes_nothing(store_file):
    before = rows(store_file, "SELECT count(*) FROM audit_log")
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
    assert rows(store_file, "SELECT count(*) FROM deals") == [(0,)]
    assert rows(store_file, "SELECT count(*) FROM audit_log") == before


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
