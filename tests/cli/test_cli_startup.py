"""`ritmo` starts fast: only the module of the command being run is imported.

`ritmo --version` once took seconds because bot/cli.py imported every command, the app, the
chat SDKs and the scheduler before reading its arguments.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot import cli
from tests.cli.conftest import Run

HEAVY = ("bot.app", "telegram", "slack_bolt", "apscheduler", "aiohttp")


def _loaded_after(tmp_path: Path, *argv: str) -> set[str]:
    """The modules `ritmo ARGV` has imported when it exits, from a fresh interpreter."""
    code = (
        "import json, sys\n"
        "from bot import cli\n"
        "try:\n"
        f"    cli.main({list(argv)!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "sys.__stderr__.write(json.dumps(sorted(sys.modules)))\n"
    )
    env = {"RITMO_DB": str(tmp_path / "ritmo.db"), "RITMO_LOCALE": "en", "PATH": "/usr/bin"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    return set(json.loads(done.stderr.splitlines()[-1]))


@pytest.mark.parametrize("argv", [("--version",), ("--help",)])
def test_version_and_help_import_no_command_and_no_sdk(tmp_path: Path, argv: tuple[str]) -> None:
    loaded = _loaded_after(tmp_path, *argv)
    assert {m for m in loaded if m.startswith("bot.commands.")} == set()
    assert {m for m in loaded if m.split(".")[0] in HEAVY or m in HEAVY} == set()


def test_a_command_imports_its_own_module_and_no_other_command(tmp_path: Path) -> None:
    loaded = _loaded_after(tmp_path, "init")
    commands = {m for m in loaded if m.startswith("bot.commands.")}
    assert "bot.commands.basics" in commands
    assert not commands & {"bot.commands.transfer", "bot.commands.seed", "bot.commands.privacy"}


@pytest.mark.parametrize(
    "argv", [("users", "add", "--help"), ("users", "add", "X", "--role", "boss"), ("init", "-h")]
)
def test_a_command_s_help_or_usage_mistake_loads_no_app(tmp_path: Path, argv: tuple[str]) -> None:
    # The app (aiohttp, the scheduler, every handler) is imported only by a command that opens
    # it: a command's --help and a usage mistake answer in under half the time without it.
    loaded = _loaded_after(tmp_path, *argv)
    assert "bot.commands." + {"users": "users", "init": "basics"}[argv[0]] in loaded
    assert {m for m in loaded if m.split(".")[0] in HEAVY or m in HEAVY} == set()


def test_help_lists_every_command_with_its_line(ritmo: Run) -> None:
    result = ritmo("--help")
    assert result.returncode == 0, result.stderr
    for name, _group, text in cli.COMMANDS:
        assert name in result.stdout
        assert text.split()[0] in result.stdout


def test_a_command_s_own_help_still_shows_its_actions(ritmo: Run) -> None:
    result = ritmo("users", "--help")
    assert result.returncode == 0, result.stderr
    for action in ("add", "list", "link-code", "set", "away"):
        assert action in result.stdout


def test_an_unknown_command_is_one_sentence_and_exit_2(ritmo: Run) -> None:
    result = ritmo("userz", "list")
    assert result.returncode == 2
    assert "invalid choice: 'userz'" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_light_table_is_what_each_module_registers() -> None:
    # The table names each command and its help without importing its module; the modules
    # are the truth, so the two must not drift apart.
    sub = cli.build_parser()._subparsers._group_actions[0]  # type: ignore[union-attr]
    registered = [(a.dest, a.help) for a in sub._choices_actions]
    assert registered == [(name, text) for name, _group, text in cli.COMMANDS]
    for group in {g for _name, g, _text in cli.COMMANDS}:
        alone = argparse.ArgumentParser().add_subparsers()
        cli.command_module(group).register(alone)
        assert list(alone.choices) == [n for n, g, _text in cli.COMMANDS if g == group]


def test_check_without_tokens_imports_no_chat_sdk(tmp_path: Path) -> None:
    # `ritmo check` asks a platform only when its token is set; its SDK is imported then.
    loaded = _loaded_after(tmp_path, "check")
    assert "bot.commands.check" in loaded
    assert {m.split(".")[0] for m in loaded} & {"telegram", "slack_bolt", "slack_sdk"} == set()
