"""`ritmo inbox`: what an operator sees of quarantined messages, and retrying or dropping them."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from storage import backends, inbox
from storage.interface import Tx
from tests.cli.conftest import Run, assert_user_mistake
from tests.store_views import read_at, write_at

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
POISON = {"update_id": 7, "message": {"from": {"first_name": "Mallory"}, "text": "oi \ud800"}}


@pytest.fixture
def quarantined(tmp_path: Path) -> Path:
    """A store with a message quarantined as it came (#1), one whose handling failed every
    attempt (#2), and one handled normally (#3)."""
    db = tmp_path / "ritmo.db"
    events = [("7", POISON), ("8", {"update_id": 8}), ("9", {"update_id": 9})]

    def journal(tx: Tx) -> None:
        tx.inbox.accept_many("telegram", events, NOW)
        ids = {i.event_id: i.id for i in tx.inbox.pending("telegram")}
        assert ids == {"8": 2, "9": 3}  # the poison was journaled first, as it came
        for _ in range(inbox.MAX_ATTEMPTS):
            tx.inbox.mark_attempt_failed(ids["8"], "handling: KeyError: 'date'", NOW)
        tx.inbox.mark_done(ids["9"], NOW)

    write_at(db, journal)
    return db


def _states(db: Path) -> dict[str, object]:
    """Quarantined and waiting rows as (id, attempts), and how many were handled."""

    def read(tx: Tx) -> dict[str, object]:
        return {
            "failed": [(f.id, f.attempts) for f in tx.inbox.failed()],
            "pending": [(i.id, i.attempts) for i in tx.inbox.pending("telegram")],
            "done": tx.inbox.count("telegram", "done"),
        }

    return read_at(db, read)


def test_failed_lists_what_was_quarantined_and_says_what_to_do(ritmo: Run, quarantined) -> None:
    result = ritmo("inbox", "failed")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("#1 telegram event 7 · received 2026-11-23 12:00:00+00:00")
    assert "0 attempts · journal: UnicodeEncodeError" in lines[0]
    assert lines[1].endswith("3 attempts · handling: KeyError: 'date'")
    assert "ritmo inbox retry ID" in lines[2] and len(lines) == 3

    portuguese = ritmo("inbox", "failed", extra_env={"RITMO_LOCALE": "pt-BR"})
    assert "#2 telegram evento 8 · recebido" in portuguese.stdout
    assert "3 tentativas" in portuguese.stdout and "devolva à fila" in portuguese.stdout

    rows = json.loads(ritmo("inbox", "failed", "--json").stdout)
    assert [(r["id"], r["event_id"], r["attempts"]) for r in rows] == [(1, "7", 0), (2, "8", 3)]


def test_show_prints_the_message_as_it_came(ritmo: Run, quarantined) -> None:
    result = ritmo("inbox", "show", "1")
    assert result.returncode == 0, result.stderr
    assert '"text": "oi \\ud800"' in result.stdout and "Mallory" in result.stdout
    assert_user_mistake(ritmo("inbox", "show", "99"), "#99", "ritmo inbox failed")


def test_retry_puts_a_message_back_in_line_and_drop_deletes(ritmo: Run, quarantined) -> None:
    result = ritmo("inbox", "retry", "2")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1 message is back in line")
    assert (2, 0) in _states(quarantined)["pending"]

    dropped = ritmo("inbox", "drop", "--all", extra_env={"RITMO_LOCALE": "pt-BR"})
    assert dropped.stdout.strip() == "1 mensagem apagada."
    assert _states(quarantined) == {"failed": [], "pending": [(2, 0)], "done": 1}

    entries = read_at(quarantined, lambda tx: tx.audit.entries("inbox"))
    audit = [(e.entity_id, e.action, e.actor) for e in reversed(entries)]
    assert audit == [("2", "retry", "cli"), ("1", "drop", "cli")]


def test_retry_and_drop_refuse_what_is_not_quarantined(ritmo: Run, quarantined) -> None:
    assert_user_mistake(ritmo("inbox", "retry", "1", "3"), "#3", "nothing was changed")
    assert_user_mistake(ritmo("inbox", "drop"), "--all")
    assert_user_mistake(ritmo("inbox", "drop", "1", "--all"), "--all")
    assert _states(quarantined) == {"failed": [(1, 0), (2, 3)], "pending": [], "done": 1}


def test_nothing_quarantined_is_said_plainly(ritmo: Run, tmp_path: Path) -> None:
    backends.connect_sync(tmp_path / "ritmo.db").close()
    assert ritmo("inbox", "failed").stdout.strip() == "No message is quarantined."
    assert json.loads(ritmo("inbox", "failed", "--json").stdout) == []
