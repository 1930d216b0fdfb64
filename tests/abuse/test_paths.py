"""File names with path separators: an export path that can't be used is one sentence, and an
attachment's name never becomes a path on this machine."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot import cli
from storage.audit import CLI
from storage.interface import Tx
from tests.store_views import write_at

EVIL_NAMES = [
    "../../../../tmp/ritmo-evil.sh",
    "..\\..\\windows\\evil.bat",
    "/etc/passwd",
    "a/b/c.jpg",
    "\x00.jpg",
    "CON",
    "..",
]


def _files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


@pytest.fixture
def store_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> Path:
    monkeypatch.setenv("RITMO_DB", str(tmp_path / "ritmo.db"))
    monkeypatch.setenv("RITMO_LOCALE", "en")
    monkeypatch.chdir(tmp_path)
    assert cli.main(["users", "add", "Ana Lima", "--role", "rep"]) == 0
    capsys.readouterr()
    return tmp_path / "ritmo.db"


@pytest.mark.parametrize(
    "out", ["no/such/folder/x.csv", "../../../no-such-root-dir/x.csv", ".", "sub/../../../"]
)
def test_an_export_path_that_cannot_be_used_is_one_sentence(store_path, capsys, out) -> None:
    before = _files(store_path.parent)
    code = cli.main(["export", "interactions", "--out", out])
    err = capsys.readouterr().err
    assert code == 2
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert err.startswith("ritmo: could not use ")
    assert _files(store_path.parent) == before


def test_a_privacy_export_to_a_folder_is_one_sentence(store_path, capsys) -> None:
    def wile(tx: Tx) -> None:
        now = datetime(2026, 1, 1, tzinfo=UTC)
        acme = tx.accounts.create_account(name="Acme", owner_id=None, actor=CLI, now=now)
        tx.accounts.create_contact(
            account_id=acme.id, name="Wile", actor=CLI, now=now, email="w@acme.com"
        )

    write_at(store_path, wile)
    code = cli.main(
        ["privacy", "export", "--contact", "w@acme.com", "--out", str(store_path.parent)]
    )
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("name", EVIL_NAMES)
async def test_an_attachment_name_never_becomes_a_path(core, tmp_path, name) -> None:
    here = Path(os.getcwd())
    before, before_here = _files(tmp_path), _files(here)
    answer = await core.send("111", "", attachment=("document", "BQACAgQAAx0", name))
    assert answer is not None and answer.replies
    assert _files(tmp_path) - before <= {"abuse.db-wal", "abuse.db-shm"}
    assert _files(here) == before_here
    stored = await core.app.store.read(
        lambda tx: [
            tx.interactions.attachment(int(e.entity_id or 0))
            for e in tx.audit.entries("interaction", limit=1_000_000)
            if e.action == "create"
        ]
    )
    assert all(name not in (value or "") for value in stored)
