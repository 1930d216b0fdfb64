"""`ritmo users set`: the settings a person owns, with one sentence for each bad value."""

from __future__ import annotations

from pathlib import Path

from storage.interface import Tx
from tests.cli.conftest import Run, assert_user_mistake
from tests.store_views import read_at


def _row(tmp_path: Path) -> tuple:
    def read(tx: Tx) -> tuple:
        person = tx.people.find_person("Ana Souza")
        assert person is not None
        s = tx.schedules.schedule_of(person.id)
        return (
            s.work_start,
            s.work_end,
            s.quiet_start,
            s.quiet_end,
            s.notify_mode,
            s.notify_times,
        )

    return read_at(tmp_path / "ritmo.db", read)


def test_users_set_changes_hours_quiet_time_notifications_and_chat(
    ritmo: Run, tmp_path: Path
) -> None:
    ritmo("users", "add", "Ana Souza", "--role", "rep")
    ritmo("chat", "--as", "Ana Souza", stdin="sair\n")  # links a console identity
    result = ritmo(
        "users",
        "set",
        "ana souza",
        "--hours",
        "08:00-17:00",
        "--quiet",
        "12:00-13:00",
        "--notify",
        "batched@15:00,10:00",
        "--prefer",
        "console",
    )
    assert result.returncode == 0, result.stderr
    assert "08:00–17:00" in result.stdout and "batched@10:00,15:00" in result.stdout
    assert _row(tmp_path) == ("08:00", "17:00", "12:00", "13:00", "batched", "10:00,15:00")
    ritmo("users", "set", "Ana Souza", "--quiet", "off", "--notify", "each")
    assert _row(tmp_path)[2:] == (None, None, "each", None)


def test_users_set_refuses_bad_values_in_one_sentence_and_writes_nothing(
    ritmo: Run, tmp_path: Path
) -> None:
    ritmo("users", "add", "Ana Souza", "--role", "rep")
    before = _row(tmp_path)
    assert_user_mistake(ritmo("users", "set", "Ana Souza", "--hours", "17:00-08:00"), "--hours")
    assert_user_mistake(ritmo("users", "set", "Ana Souza", "--hours", "8h-25:00"), "08:00-17:00")
    assert_user_mistake(ritmo("users", "set", "Ana Souza", "--quiet", "almoço"), "--quiet")
    assert_user_mistake(
        ritmo("users", "set", "Ana Souza", "--notify", "batched@10"), "batched@10:00,15:00"
    )
    assert_user_mistake(ritmo("users", "set", "Ana Souza", "--prefer", "fax"), "--prefer")
    assert_user_mistake(
        ritmo("users", "set", "Ana Souza", "--hours", "08:00-17:00", "--prefer", "telegram"),
        "telegram",
    )
    assert_user_mistake(ritmo("users", "set", "Ana Souza"), "--hours")
    assert_user_mistake(ritmo("users", "set", "Nobody", "--hours", "08:00-17:00"), "Nobody")
    assert _row(tmp_path) == before
    for bad in (("--hours", "17:00-08:00"), ("--notify", "sometimes")):
        assert ritmo("users", "set", "Ana Souza", *bad).returncode == 2
