"""A big import never stalls a running bot silently: while `ritmo run` uses the store, an
import past the limit is refused with one sentence and writes nothing; a small one goes on.
A restore, which replaces the file itself, is refused whatever its size."""

from __future__ import annotations

from pathlib import Path

from bot.commands.transfer import RUNNING_IMPORT_MAX_ROWS
from bot.runlock import RunLock, holder
from tests.cli.conftest import assert_user_mistake
from tests.cli.test_import_transfer import count, make_store, run_cli


def _accounts(path: Path, count: int) -> Path:
    lines = ["name;city"] + [f"Conta {n:06d};Recife" for n in range(count)]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def test_a_big_import_is_refused_while_the_bot_runs_and_applied_after(tmp_path: Path) -> None:
    store_file = make_store(tmp_path)
    big = _accounts(tmp_path / "big.csv", RUNNING_IMPORT_MAX_ROWS + 1)
    bot = RunLock(store_file)  # what `ritmo run` holds for its whole life
    assert bot.acquire()
    try:
        result = run_cli(store_file, "import", "accounts", str(big))
        assert result.returncode == 2
        assert_user_mistake(result, "is using this store", "stop the bot")
        assert count(store_file, "accounts") == 0

        small = _accounts(tmp_path / "small.csv", 3)
        assert run_cli(store_file, "import", "accounts", str(small)).returncode == 0
        assert count(store_file, "accounts") == 3
    finally:
        bot.release()

    assert holder(store_file) is None  # stopped (or killed: the OS drops the lock)
    result = run_cli(store_file, "import", "accounts", str(big))
    assert result.returncode == 0, result.stderr
    # The three small-file accounts are the big file's first three: merged, not duplicated.
    assert count(store_file, "accounts") == RUNNING_IMPORT_MAX_ROWS + 1


def test_a_restore_under_a_running_bot_is_refused(tmp_path: Path) -> None:
    store_file = make_store(tmp_path)
    copy = tmp_path / "copy.db"
    assert run_cli(store_file, "backup", str(copy)).returncode == 0
    bot = RunLock(store_file)
    assert bot.acquire()
    try:
        result = run_cli(store_file, "restore", str(copy), "--force")
        assert result.returncode == 2
        assert_user_mistake(result, "is using", "stop the bot before restoring")
        assert not list(tmp_path.glob("ritmo.db.before-restore-*"))
    finally:
        bot.release()
    assert run_cli(store_file, "restore", str(copy), "--force").returncode == 0
