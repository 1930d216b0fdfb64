"""`ritmo demo` and the console chat driven through stdin."""

from __future__ import annotations

from pathlib import Path

from storage.interface import Tx
from storage.timefmt import from_db
from tests.cli.conftest import Run, assert_user_mistake
from tests.store_views import read_at


def test_demo_builds_a_believable_team_and_chats_as_a_rep(ritmo: Run, tmp_path: Path) -> None:
    result = ritmo("demo", stdin="ajuda\nsair\n")
    assert result.returncode == 0, result.stderr
    assert "Você é Ana Souza" in result.stdout and "Alguns exemplos" in result.stdout
    count, due, weeks = read_at(tmp_path / "ritmo-demo.db", _demo)
    assert count["accounts"] >= 30 and count["deals"] >= 40 and count["brl"] == count["deals"]
    assert 3 <= count["reps"] <= 4 and count["en"] >= 1 and count["stages"] == 5
    assert due >= 3 and weeks >= 14


def _demo(tx: Tx) -> tuple[dict[str, int], int, float]:
    """What the demo store holds, read through the repositories and the export."""
    people = tx.people.list_people()
    deals = list(tx.transfer.export_rows("deals"))
    count = {
        "accounts": len(tx.accounts.list_accounts()),
        "deals": len(deals),
        "reps": sum(p.role == "rep" for p in people),
        "en": sum(p.locale == "en" for p in people),
        "stages": len({d["stage"] for d in deals}),
        "brl": sum(d["currency"] == "BRL" for d in deals),
    }
    # Due by the moment the demo was built (its own clock, kept on each enrolment), so the
    # test does not depend on the hour it runs at.
    enrolments = [e for p in people for e in tx.enrolments.open_for_owner(p.id)]
    due = sum(e.due_at is not None and e.due_at <= e.started_at for e in enrolments)
    logged = [from_db(r["occurred_at"]) for r in tx.transfer.export_rows("interactions")]
    weeks = (max(logged) - min(logged)).total_seconds() / 86400 if logged else 0.0
    return count, due, weeks


def test_demo_is_rebuilt_fresh_each_time(ritmo: Run, tmp_path: Path) -> None:
    ritmo("demo", "--no-chat")
    ritmo("demo", "--no-chat")
    people = read_at(tmp_path / "ritmo-demo.db", lambda tx: tx.people.list_people())
    assert [p.name for p in people].count("Ana Souza") == 1


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
