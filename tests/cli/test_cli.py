"""The command line as an admin uses it, including each user-mistake path."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from storage.interface import Tx
from tests.cli.conftest import Run, assert_user_mistake
from tests.store_views import read_at


def test_init_creates_a_migrated_store_with_the_default_stages(ritmo: Run, tmp_path: Path) -> None:
    result = ritmo("init")
    assert result.returncode == 0, result.stderr
    stages = read_at(tmp_path / "ritmo.db", lambda tx: [s.key for s in tx.stages.list_stages()])
    assert stages == ["prospecting", "qualification", "proposal", "negotiation", "commit"]
    assert ritmo("init").returncode == 0  # idempotent


def test_users_add_prints_the_code_alone_on_its_last_line(ritmo: Run) -> None:
    result = ritmo(
        "users",
        "add",
        "Carla Mendes",
        "--role",
        "manager",
        "--team",
        "Sudeste",
        "--tz",
        "America/Manaus",
        "--locale",
        "pt-BR",
        "--email",
        "carla@x.com",
    )
    assert result.returncode == 0, result.stderr
    code = result.stdout.strip().splitlines()[-1]
    assert len(code) == 8 and code.isalnum() and code.isupper()
    listed = json.loads(ritmo("users", "list", "--json").stdout)
    assert listed == [
        {
            "name": "Carla Mendes",
            "role": "manager",
            "team": "Sudeste",
            "manages": ["Sudeste"],
            "timezone": "America/Manaus",
            "locale": "pt-BR",
            "email": "carla@x.com",
            "linked": [],
        }
    ]


def test_link_code_gives_a_fresh_code_that_works_in_the_console(ritmo: Run) -> None:
    ritmo("users", "add", "Bruno Lima", "--role", "rep")
    code = ritmo("users", "link-code", "bruno lima").stdout.strip().splitlines()[-1]
    chat = ritmo("chat", "--identity", "phone-1", stdin=f"link {code}\nhelp\n")
    assert "All set, Bruno Lima" in chat.stdout or "Pronto, Bruno Lima" in chat.stdout
    assert ritmo("users", "list", "--json").stdout.count('"console"') == 1


def test_unknown_person(ritmo: Run) -> None:
    ritmo("init")
    assert_user_mistake(ritmo("users", "link-code", "Nobody"), "Nobody", "users list")
    assert_user_mistake(ritmo("ask", "--as", "Nobody", "help"), "Nobody")
    assert_user_mistake(ritmo("chat", "--as", "Nobody"), "Nobody")


def test_duplicate_person(ritmo: Run) -> None:
    ritmo("users", "add", "Ana Souza", "--role", "rep")
    assert_user_mistake(ritmo("users", "add", "ANA SOUZA", "--role", "rep"), "already exists")


def test_bad_options(ritmo: Run) -> None:
    assert_user_mistake(ritmo("users", "add", "X", "--role", "boss"), "--role")
    assert_user_mistake(
        ritmo("users", "add", "X", "--role", "rep", "--tz", "Mars/Base"), "Mars/Base"
    )
    assert_user_mistake(ritmo("users", "add", "X", "--role", "rep", "--locale", "fr"), "pt-BR")
    assert_user_mistake(ritmo("nonsense"), "nonsense")
    assert_user_mistake(ritmo("seed"), "--synthetic")


def test_bad_environment_is_one_sentence_naming_the_variable(ritmo: Run) -> None:
    assert_user_mistake(
        ritmo("init", extra_env={"RITMO_TIMEZONE": "Nowhere/City"}), "RITMO_TIMEZONE"
    )


def test_missing_store_is_not_silently_created(ritmo: Run, tmp_path: Path) -> None:
    assert_user_mistake(ritmo("users", "list"), "ritmo init")
    assert not (tmp_path / "ritmo.db").exists()


def test_a_store_newer_than_the_code(ritmo: Run, tmp_path: Path) -> None:
    ritmo("init")
    with sqlite3.connect(tmp_path / "ritmo.db") as conn:
        conn.execute("PRAGMA user_version=9999")
    assert_user_mistake(ritmo("users", "list"), "upgrade ritmo")
    assert_user_mistake(
        ritmo("users", "list", extra_env={"RITMO_LOCALE": "pt-BR"}), "atualize o ritmo", "9999"
    )


def test_store_problems_are_said_in_the_persons_language(ritmo: Run, tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere" / "ritmo.db")
    assert_user_mistake(
        ritmo("run", extra_env={"RITMO_DB": missing, "RITMO_LOCALE": "pt-BR"}),
        "a pasta",
        "não existe",
    )
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    assert_user_mistake(
        ritmo("users", "list", extra_env={"RITMO_DB": str(junk)}), "is not a ritmo store"
    )


def test_errors_speak_portuguese_when_the_locale_is_pt_br(ritmo: Run) -> None:
    ritmo("init")
    result = ritmo("users", "link-code", "Ninguém", extra_env={"RITMO_LOCALE": "pt-BR"})
    assert_user_mistake(result, "Não há ninguém chamado")


def test_backup_copies_and_refuses_to_overwrite(ritmo: Run, tmp_path: Path) -> None:
    ritmo("users", "add", "Ana Souza", "--role", "rep")
    assert ritmo("backup", "copy.db").returncode == 0
    copied = read_at(tmp_path / "copy.db", lambda tx: [p.name for p in tx.people.list_people()])
    assert copied == ["Ana Souza"]
    assert_user_mistake(ritmo("backup", "copy.db"), "already exists")
    assert_user_mistake(ritmo("backup", "no/such/dir/copy.db"), "does not exist")


def test_seed_synthetic_is_deterministic(ritmo: Run, tmp_path: Path) -> None:
    args = (
        "seed",
        "--synthetic",
        "--reps",
        "3",
        "--accounts",
        "20",
        "--deals",
        "30",
        "--interactions",
        "200",
        "--enrolments",
        "25",
        "--seed",
        "9",
        "--json",
    )
    first = json.loads(ritmo(*args).stdout)
    assert first["rows"] == first["people"] + 20 + first["contacts"] + 30 + 200 + 25
    sample_a = read_at(tmp_path / "ritmo.db", _sample)
    (tmp_path / "ritmo.db").unlink()
    ritmo(*args)
    sample_b = read_at(tmp_path / "ritmo.db", _sample)
    assert sample_a == sample_b
    enrolled = read_at(
        tmp_path / "ritmo.db",
        lambda tx: sum(len(tx.enrolments.open_for_owner(p.id)) for p in tx.people.list_people()),
    )
    assert enrolled == 25


def _sample(tx: Tx) -> list[tuple]:
    """Who logged what kind of touch at which account, in the export's order (20 rows)."""
    rows = tx.transfer.export_rows("interactions")
    return [(r["person"], r["account"], r["kind"]) for r, _ in zip(rows, range(20), strict=False)]


def test_ask_json_has_the_documented_keys(ritmo: Run) -> None:
    ritmo("users", "add", "Ana Souza", "--role", "rep", "--locale", "pt-BR")
    out = json.loads(ritmo("ask", "--as", "Ana Souza", "ajuda", "--json").stdout)
    assert {"intent", "entities", "text", "data"} <= set(out)
    assert out["intent"] == "help" and "Alguns exemplos" in out["text"]


def test_help_works_on_every_command(ritmo: Run) -> None:
    for args in (
        ["--help"],
        ["users", "--help"],
        ["users", "add", "--help"],
        ["demo", "--help"],
        ["seed", "--help"],
        ["chat", "--help"],
        ["ask", "--help"],
        ["backup", "--help"],
        ["run", "--help"],
        ["init", "--help"],
    ):
        result = ritmo(*args)
        assert result.returncode == 0 and "usage:" in result.stdout, args


def test_run_without_any_platform_says_what_to_set(ritmo: Run) -> None:
    assert_user_mistake(ritmo("run", extra_env={"RITMO_HTTP_PORT": "18999"}), "TELEGRAM_BOT_TOKEN")


def test_a_reader_that_stops_early_gets_no_traceback(ritmo: Run, tmp_path: Path) -> None:
    """`ritmo users list --json | head -1`, `ritmo cadences preview … | head`."""
    import subprocess
    import sys

    ritmo("users", "add", "Ana Souza", "--role", "rep")
    strip = ("RITMO_", "SLACK_", "TELEGRAM_")
    env = {k: v for k, v in os.environ.items() if not k.startswith(strip)}
    env.update(RITMO_DB=str(tmp_path / "ritmo.db"), RITMO_LOCALE="en")
    for args in (
        ("users", "list", "--json"),
        ("cadences", "preview", "exploratory", "--start", "2026-12-01"),
    ):
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
            cwd=tmp_path,
            text=True,
        )
        proc.stdout.close()  # like `head` that has read enough: every write now fails
        err = proc.stderr.read()
        assert proc.wait(timeout=60) == 0 and "Traceback" not in err and "Broken" not in err, err


def test_a_new_link_code_says_the_unused_earlier_one_stopped_working(ritmo: Run) -> None:
    first = ritmo("users", "add", "Bruno Lima", "--role", "rep").stdout.splitlines()[-1]
    again = ritmo("users", "link-code", "Bruno Lima").stdout
    assert "no longer works" in again and "not used yet" in again
    out = ritmo("chat", "--identity", "tablet", stdin=f"/start {first}\n").stdout
    assert "not valid" in out  # it really stopped working
    code = again.splitlines()[-1]
    ritmo("chat", "--identity", "tablet", stdin=f"/start {code}\n")
    assert "no longer works" not in ritmo("users", "link-code", "Bruno Lima").stdout
