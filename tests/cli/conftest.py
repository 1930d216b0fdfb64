"""Run the real `ritmo` command in a subprocess against a temporary store."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

Run = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def ritmo(tmp_path: Path) -> Run:
    return runner(tmp_path)


def runner(folder: Path) -> Run:
    """`ritmo` in `folder`, on the store `folder/ritmo.db`, in English unless told otherwise (for
    a module-scoped fixture; tests take the `ritmo` fixture)."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("RITMO_", "SLACK_", "TELEGRAM_"))
    }
    env.update(RITMO_DB=str(folder / "ritmo.db"), RITMO_LOCALE="en", PYTHONUNBUFFERED="1")

    def run(
        *args: str,
        stdin: str | None = None,
        extra_env: dict[str, str] | None = None,
        timeout: float = 60,
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "bot.cli", *args],
            input=stdin,
            capture_output=True,
            text=True,
            env={**env, **(extra_env or {})},
            cwd=folder,
            timeout=timeout,
        )

    return run


def assert_user_mistake(result: subprocess.CompletedProcess[str], *words: str) -> None:
    """One plain sentence on stderr, a non-zero exit, no traceback."""
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0]


def own_copy(built: Path, folder: Path) -> Path:
    """A test's own copy of a store a module-scoped fixture built once (every file of it: the
    database, its WAL and anything beside it), so tests share the build but never the data."""
    for made in built.parent.iterdir():
        shutil.copy2(made, folder / made.name)
    return folder / built.name
