"""The wheel installs and runs in a clean venv outside the repository (issue 18).

It runs deploy/install.sh, the same script the Dockerfile runs, on a copy of the source tree
(building a wheel writes build/ and *.egg-info next to the sources, which must not touch the
checkout). Then the installed `ritmo` is used from a folder outside the repository, so nothing
can be imported from the checkout by accident: a module or data file missing from the wheel
(a migration, a built-in cadence) fails here.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

# One worker runs this module's tests under `-n` (`--dist loadgroup`), so the venv is built once.
pytestmark = pytest.mark.xdist_group("clean_install")
SOURCES = (
    "pyproject.toml",
    "README.md",
    "constraints.txt",
    "bot",
    "handlers",
    "cadence_jobs",
    "storage",
)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding only the built wheel and its pinned dependencies."""
    root = tmp_path_factory.mktemp("clean-install")
    source = root / "src"
    source.mkdir()
    for name in SOURCES:
        origin = REPO / name
        if origin.is_dir():
            shutil.copytree(
                origin, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
            )
        else:
            shutil.copy2(origin, source / name)
    venv = root / "venv"
    env = {**_clean_env(), "PYTHON": sys.executable}
    done = subprocess.run(
        ["sh", str(REPO / "deploy" / "install.sh"), str(source), str(venv)],
        capture_output=True,
        text=True,
        env=env,
        cwd=root,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return venv


def _clean_env() -> dict[str, str]:
    return {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("RITMO_", "SLACK_", "TELEGRAM_", "PYTHON", "VIRTUAL_ENV"))
    }


def _ritmo(venv: Path, workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**_clean_env(), "RITMO_DB": str(workdir / "data" / "ritmo.db"), "RITMO_LOCALE": "en"}
    return subprocess.run(
        [str(venv / "bin" / "ritmo"), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=workdir,
        timeout=60,
    )


def test_the_installed_version_is_the_one_in_pyproject(installed: Path, tmp_path: Path) -> None:
    declared = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    result = _ritmo(installed, tmp_path, "--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"ritmo {declared}"


def test_the_installed_ritmo_creates_a_store_and_answers(installed: Path, tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    init = _ritmo(installed, tmp_path, "init")
    assert init.returncode == 0, init.stderr
    assert "Store ready" in init.stdout
    cadences = json.loads(_ritmo(installed, tmp_path, "cadences", "list", "--json").stdout)
    assert cadences, "the built-in cadences must ship in the wheel"
    added = _ritmo(installed, tmp_path, "users", "add", "Ana Lima", "--role", "rep")
    assert added.returncode == 0, added.stderr
    asked = _ritmo(installed, tmp_path, "ask", "--as", "Ana Lima", "my pipeline", "--json")
    assert asked.returncode == 0, asked.stderr
    assert json.loads(asked.stdout)["intent"] == "pipeline"


def test_the_installed_libraries_are_the_pinned_ones(installed: Path) -> None:
    pins = dict(
        line.split("==")
        for line in (REPO / "constraints.txt").read_text().splitlines()
        if "==" in line and not line.startswith("#")
    )
    frozen = subprocess.run(
        [str(installed / "bin" / "pip"), "freeze", "--exclude-editable"],
        capture_output=True,
        text=True,
        check=True,
        env=_clean_env(),
    )
    lines = frozen.stdout.splitlines()
    assert any(line.startswith("ritmo") for line in lines)  # "ritmo @ file:///…whl"
    got = dict(line.split("==") for line in lines if "==" in line)
    assert got and all(pins.get(name) == version for name, version in got.items())
