"""STYLE.md asks for `ruff format` and a clean `ruff check`; the test command enforces both, so
an unformatted or lint-failing file fails CI instead of waiting for someone to notice."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _ruff(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_the_tree_is_formatted() -> None:
    result = _ruff("format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_tree_passes_ruff_check() -> None:
    result = _ruff("check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_unformatted_file_is_caught(tmp_path: Path) -> None:
    (tmp_path / "messy.py").write_text("x = {  'a':1 }\n")
    (tmp_path / "pyproject.toml").write_text("[tool.ruff]\nline-length = 99\n")
    assert _ruff("format", "--check", ".", cwd=tmp_path).returncode == 1
