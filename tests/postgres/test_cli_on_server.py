"""The command line with RITMO_DB naming a PostgreSQL server: `ritmo check` says whether it
answers (password never printed), `ritmo restore` says what to use instead, and neither
touches a file called ritmo.db."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from psycopg.conninfo import conninfo_to_dict

from storage import backends
from storage.audit import CLI
from storage.interface import Tx
from storage.seeding import SyntheticSpec
from storage.stages import DEFAULT_STAGES


def _ritmo(tmp_path: Path, url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("RITMO_", "SLACK_", "TELEGRAM_"))
    }
    env.update(RITMO_DB=url, RITMO_LOCALE="en", PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args], capture_output=True, text=True, env=env,
        cwd=tmp_path, timeout=60, encoding="utf-8",
    )  # fmt: skip


def _line(out: str, item: str) -> str:
    return next(line for line in out.splitlines() if f" {item}:" in line)


def test_check_says_the_server_answers_without_writing_a_file(pg_url: str, tmp_path: Path) -> None:
    done = _ritmo(tmp_path, pg_url, "check")
    dbname = conninfo_to_dict(pg_url)["dbname"]
    assert "answers" in _line(done.stdout, "store") and str(dbname) in done.stdout
    assert not (tmp_path / "ritmo.db").exists()


def test_check_says_an_unreachable_server_does_not_answer_and_hides_the_password(
    tmp_path: Path,
) -> None:
    url = "postgresql://ritmo:hunter2-secret@127.0.0.1:1/nowhere"
    done = _ritmo(tmp_path, url, "check")
    assert done.returncode != 0
    assert "does not answer" in _line(done.stdout, "store")
    assert "hunter2-secret" not in done.stdout + done.stderr


def test_restore_on_a_server_names_the_tool_to_use(pg_url: str, tmp_path: Path) -> None:
    backup = tmp_path / "copy.db"
    backup.write_bytes(b"")
    done = _ritmo(tmp_path, pg_url, "restore", str(backup))
    assert done.returncode != 0 and "pg_restore" in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_privacy_forget_on_a_server_leaves_no_byte_of_her_and_names_what_is_out_of_reach(
    pg_url: str, tmp_path: Path
) -> None:
    from tests.postgres.test_erasure_files import EMAIL, NAME, NOW, _files_holding

    def book(tx: Tx) -> None:
        tx.stages.install_stages(DEFAULT_STAGES, CLI)
        tx.seeding.seed_synthetic(
            SyntheticSpec(reps=2, accounts=10, deals=5, interactions=20, enrolments=5), NOW
        )

    store = backends.connect_sync(pg_url)
    try:
        store.write(book)
    finally:
        store.close()
    done = _ritmo(tmp_path, pg_url, "privacy", "forget", "--contact", EMAIL.decode(), "--yes")
    assert done.returncode == 0, done.stderr
    assert "replicas" in done.stdout  # what ritmo cannot rewrite is said, not hidden
    assert _files_holding(pg_url, EMAIL, NAME) == []
