"""A custom cadence file never replaces a built-in one by accident (issue 13 item 14b): init,
run and preview refuse it in one sentence; `replaces_builtin = true` makes it deliberate, and
the preview says so."""

from pathlib import Path

import pytest

from tests.cli.conftest import Run, assert_user_mistake

NURTURE = """key = "nurture"
name = {{ pt-BR = "Nutrição da casa", en = "Our nurture" }}
{flag}
[[steps]]
wait = 0
channel = "call"
action = {{ pt-BR = "Ligar", en = "Call" }}
"""


def _env(tmp_path: Path, flag: str = "", key: str = "nurture") -> dict[str, str]:
    folder = tmp_path / "cadences"
    folder.mkdir(exist_ok=True)
    (folder / "nossa.toml").write_text(
        NURTURE.format(flag=flag).replace('key = "nurture"', f'key = "{key}"'), "utf-8"
    )
    cfg = tmp_path / "ritmo.toml"
    cfg.write_text(f'cadence_folder = "{folder}"\n', "utf-8")
    return {"RITMO_CONFIG": str(cfg), "RITMO_HTTP_PORT": "18996"}


@pytest.mark.parametrize(
    "command",
    [
        ("init",),
        ("run",),
        ("cadences", "preview", "nurture", "--start", "2027-03-01"),
    ],
)
def test_a_custom_file_with_a_builtin_key_is_refused(
    ritmo: Run, tmp_path: Path, command: tuple[str, ...]
) -> None:
    result = ritmo(*command, extra_env=_env(tmp_path))
    assert_user_mistake(
        result,
        "nossa.toml",
        "'nurture' is the key of a cadence that ships with ritmo",
        "replaces_builtin = true",
    )
    assert result.returncode == 2


def test_replacing_on_purpose_works_and_the_preview_says_so(ritmo: Run, tmp_path: Path) -> None:
    env = _env(tmp_path, flag="replaces_builtin = true")
    assert ritmo("init", extra_env=env).returncode == 0
    result = ritmo("cadences", "preview", "nurture", "--start", "2027-03-01", extra_env=env)
    assert result.returncode == 0, result.stderr
    assert "Our nurture (nurture)" in result.stdout
    assert (
        f"This cadence from {tmp_path / 'cadences' / 'nossa.toml'} replaces the one that "
        "ships with ritmo"
    ) in result.stdout


def test_the_flag_with_nothing_to_replace_is_refused(ritmo: Run, tmp_path: Path) -> None:
    result = ritmo("init", extra_env=_env(tmp_path, "replaces_builtin = true", key="visita"))
    assert_user_mistake(
        result, "nossa.toml", "no cadence that ships with ritmo has the key 'visita'"
    )
