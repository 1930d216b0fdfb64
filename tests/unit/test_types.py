"""STYLE.md asks for a type checker in the test command: mypy over the four packages, configured
in pyproject.toml ([tool.mypy]), must report nothing; its output is the failure message."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _mypy(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_the_four_packages_type_check() -> None:
    result = _mypy()  # the packages and settings come from pyproject.toml
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_type_error_is_caught(tmp_path: Path) -> None:
    (tmp_path / "pkg").mkdir()
    (tmp_path / "pkg" / "__init__.py").write_text("def f(x: int) -> str:\n    return x\n")
    (tmp_path / "pyproject.toml").write_text('[tool.mypy]\npackages = ["pkg"]\n')
    result = _mypy(cwd=tmp_path)
    assert result.returncode == 1
    assert 'Incompatible return value type (got "int", expected "str")' in result.stdout
