"""`ritmo --version` names the installed release (issue 18): what a bug report should quote."""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path

from tests.cli.conftest import Run

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"


def test_version_is_the_package_metadata_and_the_pyproject_version(ritmo: Run) -> None:
    result = ritmo("--version")
    assert result.returncode == 0, result.stderr
    declared = tomllib.loads(PYPROJECT.read_text("utf-8"))["project"]["version"]
    assert result.stdout.strip() == f"ritmo {metadata.version('ritmo')}" == f"ritmo {declared}"
