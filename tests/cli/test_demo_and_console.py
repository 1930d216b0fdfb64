"""`ritmo demo` and the console chat driven through stdin."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from tests.cli.conftest import Run, assert_user_mistake


def test_demo_builds_a_believable_team_and_chats_as_a_rep(ritmo: Run, tmp_path: Path) -> None:
    result = ritmo("demo", stdin="ajuda\nsair\n")
    assert result.returncode == 0, result.stderr
    assert "Você é Ana Souza" in result.stdout and "Alguns exemplos" in result.stdout
    with sqlite3.connect(tmp_path / "ritmo-demo.db") as conn:
        count = dict(
            conn.execute(
                "SELECT 'accounts', count(*) FROM accounts UNION ALL SELECT 'deals', count(*) FROM deals"
                " UNION ALL SELECT 'reps', count(*) FROM people WHERE role = 'rep'"
                " UNION ALL SELECT 'en', count(*) FROM people WHERE locale = 'en'"
                " UNION ALL SELECT 'stages', count(DISTINCT stage_key) FROM deals"
                " UNION ALL SELECT 'brl', count(*) FROM deals WHERE currency = 'BRL'"
            ).fetchall()
        )
        # Due by the moment the demo was built (its own clock, kept on each enrolment), so the
        # test does not depend on the hour it runs at.
        due = conn.execute(
            "SELECT count(*) FROM enrolments WHERE due_at <= started_at"
        ).fetchone()[0]
        weeks = conn.execute(
            "SELECT julianday(max(occurred_at)) - julianday(min(occurred_at)) FROM interactions"
        ).fetchone()[0]
    assert count["accounts"] >= 30 and count["deals"] >= 40 and count["brl"] == count["deals"]
    assert 3 <= count["reps"] <= 4 and count["en"] >= 1 and count["stages"] == 5
    assert due >= 3 and weeks >= 14


def test_demo_is_rebuilt_fresh_each_time(ritmo: Run, tmp_path: Path) -> None:
    ritmo("demo", "--no-chat")
    ritmo("demo", "--no-chat")
    with sqlite3.connect(tmp_path / "ritmo-demo.db") as conn:
        assert (
            conn.execute("SELECT count(*) FROM people WHERE name = 'Ana Souza'").fetchone()[0] == 1
        )


def test_demo_in_english_as_emily(ritmo: Run) -> None:
    result = ritmo("demo", "--as", "Emily Carter", stdin="help\nexit\n")
    assert "You are Emily Carter" in result.stdout and "Some examples" in result.stdout


def test_demo_as_an_unknown_person(ritmo: Run) -> None:
    assert_user_mistake(ritmo("demo", "--as", "Nobody Here"), "Nobody Here")


def test_console_unknown_user_is_refused_then_links_and_gets_help(ritmo: Run) -> None:
    ritmo("users", "add", "Diego Ferreira", "--role", "rep", "--locale", "pt-BR")
    code = ritmo("users", "link-code", "Diego Ferreira").stdout.strip().splitlines()[-1]
    out = ritmo(
        "chat",
        "--identity",
        "tablet",
        stdin=f"oi\nmeu pipeline\nlink ERRADO99\n/start {code}\najuda\nblablabla\n",
    ).stdout
    replies = out.split("> ")[1:]
    assert "don't know you yet" in replies[0] and "don't know you yet" in replies[1]
    assert "not valid" in replies[2]
    assert "Pronto, Diego Ferreira" in replies[3]  # from now on, in Diego's own language
    assert "Alguns exemplos" in replies[4]
    assert "Não entendi" in replies[5]


def test_console_chat_ends_cleanly_at_end_of_input(ritmo: Run) -> None:
    ritmo("users", "add", "Ana Souza", "--role", "rep")
    result = ritmo("chat", "--as", "Ana Souza", stdin="help\n")
    assert result.returncode == 0 and "Traceback" not in result.stderr
