"""The deploy kit says what the tested install does (issue 18).

No container runtime runs in the test suite, so the image itself is not built here; what is
checked is that the recipe cannot drift from what tests/packaging/test_clean_install.py proves:
it copies the same sources and runs the same deploy/install.sh, and keeps the rules the README
gives (non-root, the chart's font, data in a volume, 0.0.0.0, /healthz, `ritmo check` first).
"""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from handlers.reports.chart import FONT_NAMES
from tests.packaging.test_clean_install import SOURCES

REPO = Path(__file__).resolve().parents[2]
DOCKERFILE = (REPO / "Dockerfile").read_text("utf-8")


def _instructions(name: str) -> list[str]:
    """The arguments of every `name` instruction, continuation lines joined."""
    joined = re.sub(r"\\\n\s*", " ", DOCKERFILE)
    return [
        line.split(None, 1)[1] for line in joined.splitlines() if line.split(None, 1)[:1] == [name]
    ]


def test_the_image_installs_what_the_clean_venv_test_installs() -> None:
    copied = {
        name
        for arg in _instructions("COPY")
        if not arg.startswith("--from")
        for name in arg.split()[:-1]
    }  # the last word is where it goes
    assert set(SOURCES) <= copied
    assert "sh deploy/install.sh /src /opt/ritmo" in _instructions("RUN")


def test_the_image_runs_ritmo_as_a_user_with_data_in_a_volume() -> None:
    assert _instructions("USER") == ["ritmo"]
    assert _instructions("ENTRYPOINT") == ['["ritmo"]'] and _instructions("CMD") == ['["run"]']
    env = " ".join(_instructions("ENV"))
    assert "RITMO_DB=/data/ritmo.db" in env and "RITMO_HTTP_HOST=0.0.0.0" in env
    assert _instructions("VOLUME") == ['["/data"]']
    assert "/healthz" in _instructions("HEALTHCHECK")[0]


def test_the_image_has_the_font_the_chart_looks_for_first() -> None:
    assert FONT_NAMES[0] == "DejaVuSans.ttf"
    assert "fonts-dejavu-core" in " ".join(_instructions("RUN"))


def test_compose_keeps_the_store_in_a_volume_and_listens_on_all_interfaces() -> None:
    compose = (REPO / "compose.yaml").read_text("utf-8")
    assert "- ritmo-data:/data" in compose
    assert "RITMO_HTTP_HOST: 0.0.0.0" in compose
    assert "RITMO_DB: /data/ritmo.db" in compose


def test_the_unit_checks_before_it_runs_and_does_not_restart_on_a_bad_setting() -> None:
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str  # type: ignore[assignment,method-assign]
    unit.read(REPO / "deploy" / "ritmo.service")
    service = unit["Service"]
    assert service["ExecStartPre"] == "/opt/ritmo/bin/ritmo check"
    assert service["ExecStart"] == "/opt/ritmo/bin/ritmo run"
    assert service["User"] == "ritmo" and service["KillSignal"] == "SIGTERM"
    assert service["RestartPreventExitStatus"] == "2"  # what `ritmo check` exits with then


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_systemd_finds_nothing_wrong_with_the_unit_but_the_missing_install(tmp_path: Path) -> None:
    result = subprocess.run(
        ["systemd-analyze", "verify", str(REPO / "deploy" / "ritmo.service")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
    )
    complaints = {line for line in (result.stdout + result.stderr).splitlines() if line}
    assert complaints <= {
        "ritmo.service: Command /opt/ritmo/bin/ritmo is not executable: No such file or directory"
    }
