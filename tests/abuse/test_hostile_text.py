"""SQL-looking and control-character text through `ritmo ask`: understood or refused as text,
stored verbatim when stored at all, never executed, and the store stays intact."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from bot import cli

HOSTILE = [
    "'; DROP TABLE interactions; --",
    "status Acme' UNION SELECT name, email FROM people --",
    "Robert'); DELETE FROM deals; --",
    "%' OR '1'='1",
    "pipeline\x00; VACUUM",
    "log call Acme: \x1b[31mred\x1b[0m \x07\x08 bell",
    "log note Acme: \u202egnissecorp\u202c \u200b\u200d zero-width",
    "\r\n\t\x0b\x0c",
    "ligação com a Acme: ' OR 1=1; DROP TABLE deals; --",
    "{{7*7}} ${jndi:ldap://x} <script>alert(1)</script>",
]


@pytest.fixture
def store_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> Path:
    path = tmp_path / "ritmo.db"
    monkeypatch.setenv("RITMO_DB", str(path))
    monkeypatch.setenv("RITMO_LOCALE", "en")
    assert cli.main(["users", "add", "Ana Lima", "--role", "rep"]) == 0
    conn = sqlite3.connect(path)
    with conn:
        rep = conn.execute("SELECT id FROM people").fetchone()[0]
        conn.execute(
            "INSERT INTO accounts (name, name_folded, owner_id, created_at, updated_at)"
            " VALUES ('Acme', 'acme', ?, '2026-01-01T00:00:00+00:00',"
            " '2026-01-01T00:00:00+00:00')",
            (rep,),
        )
    conn.close()
    capsys.readouterr()
    return path


def _tables(path: Path) -> tuple[list[str], str, int, int]:
    conn = sqlite3.connect(path)
    try:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master ORDER BY name")]
        check = conn.execute("PRAGMA integrity_check").fetchone()[0]
        people = conn.execute("SELECT count(*) FROM people").fetchone()[0]
        accounts = conn.execute("SELECT count(*) FROM accounts").fetchone()[0]
        return names, check, people, accounts
    finally:
        conn.close()


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_only_ever_text(store_path: Path, capsys, text: str) -> None:
    before = _tables(store_path)
    code = cli.main(["ask", "--as", "Ana Lima", text, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Traceback" not in err
    answer = json.loads(out)
    assert answer["intent"] and isinstance(answer["text"], str)
    names, check, people, accounts = _tables(store_path)
    assert (names, check, people, accounts) == before
    conn = sqlite3.connect(store_path)
    bodies = [r[0] for r in conn.execute("SELECT body FROM interactions")]
    conn.close()
    # If it was logged, what was stored is what was said (after the "log call Acme:" part).
    for body in bodies:
        assert body and body in text


def test_a_logged_injection_is_stored_verbatim(store_path: Path, capsys) -> None:
    payload = "CFO said '); DROP TABLE deals; -- and laughed"
    assert cli.main(["ask", "--as", "Ana Lima", f"log call Acme: {payload}", "--json"]) == 0
    conn = sqlite3.connect(store_path)
    assert [r[0] for r in conn.execute("SELECT body FROM interactions")] == [payload]
    assert conn.execute("SELECT count(*) FROM deals").fetchone()[0] == 0  # table still there
    conn.close()
