"""SQL-looking and control-character text through `ritmo ask`: understood or refused as text,
stored verbatim when stored at all, never executed, and the store stays intact."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

import pytest

from bot import cli
from storage import backends
from storage.audit import CLI
from storage.interface import SyncStore, Tx

T = TypeVar("T")
START = datetime(2026, 1, 1, tzinfo=UTC)
EXPORTS = ("accounts", "contacts", "deals", "interactions")

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

    def acme(tx: Tx) -> None:
        [rep] = tx.people.list_people()
        tx.accounts.create_account(name="Acme", owner_id=rep.id, actor=CLI, now=START)

    _on(path, lambda store: store.write(acme))
    capsys.readouterr()
    return path


def _on(path: Path, use: Callable[[SyncStore], T]) -> T:
    store = backends.connect_sync(path)
    try:
        return use(store)
    finally:
        store.close()


def _intact(tx: Tx) -> dict[str, int]:
    """Everyone, every account, and every record `ritmo export` can write: a dropped or
    emptied table shows here (its export fails or shrinks)."""
    kept = {kind: sum(1 for _ in tx.transfer.export_rows(kind)) for kind in EXPORTS}
    return {**kept, "people": len(tx.people.list_people())}


def _tables(path: Path) -> dict[str, int]:
    return _on(path, lambda store: store.read(_intact))


def _bodies(path: Path) -> list[str]:
    return _on(
        path,
        lambda store: store.read(
            lambda tx: [r["body"] for r in tx.transfer.export_rows("interactions")]
        ),
    )


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_is_only_ever_text(store_path: Path, capsys, text: str) -> None:
    before = _tables(store_path)
    code = cli.main(["ask", "--as", "Ana Lima", text, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "Traceback" not in err
    answer = json.loads(out)
    assert answer["intent"] and isinstance(answer["text"], str)
    after = _tables(store_path)
    logged = after.pop("interactions") - before["interactions"]
    assert after == {k: v for k, v in before.items() if k != "interactions"} and logged <= 1
    # If it was logged, what was stored is what was said (after the "log call Acme:" part).
    for body in _bodies(store_path):
        assert body and body in text


def test_a_logged_injection_is_stored_verbatim(store_path: Path, capsys) -> None:
    payload = "CFO said '); DROP TABLE deals; -- and laughed"
    assert cli.main(["ask", "--as", "Ana Lima", f"log call Acme: {payload}", "--json"]) == 0
    assert _bodies(store_path) == [payload]
    assert _tables(store_path)["deals"] == 0  # and deals can still be read: the table is there
