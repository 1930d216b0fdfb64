"""README's Configuration tables and the settings the code accepts are the same set.

Like datasette's test_docs.py: a setting added to bot/config.py without a README row, or a row
left behind after a setting is gone, fails here instead of surprising an operator.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot import config, config_checks

README = Path(__file__).resolve().parents[2] / "README.md"
# The dotted names the tests compare: `stalled_days`, `holidays.country`, `teams.*.target`.
_TOML_CELL = re.compile(r"`(?:\[\[?(?P<table>[^\]]+)\]\]?\s+)?(?P<key>[a-z_]+)`")


def _section(text: str, title: str) -> str:
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else len(text)]


def _tables(section: str) -> dict[str, list[str]]:
    """First cells of every Markdown table in `section`, keyed by the header's first cell."""
    tables: dict[str, list[str]] = {}
    rows: list[str] | None = None
    for line in section.splitlines():
        if not line.startswith("|"):
            rows = None
            continue
        first = line.split("|")[1].strip()
        if rows is None:
            rows = tables.setdefault(first, [])
        elif not first.startswith("---"):
            rows.append(first)
    return tables


def _configuration() -> dict[str, list[str]]:
    return _tables(_section(README.read_text("utf-8"), "Configuration"))


def documented_variables(cells: list[str]) -> set[str]:
    return {name for cell in cells for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", cell)}


def documented_keys(cells: list[str]) -> set[str]:
    out = set()
    for cell in cells:
        for m in _TOML_CELL.finditer(cell):
            table = re.sub(r'\."[^"]*"', ".*", m["table"]) if m["table"] else None
            out.add(f"{table}.{m['key']}" if table else m["key"])
    return out


def accepted_variables() -> set[str]:
    return set(config._env_names())  # the core variables and every channel's section


def accepted_keys() -> set[str]:
    """Every key ritmo.toml may hold, as the checks that refuse unknown ones know them."""
    nested = {f"{table}.{key}" for table, keys in config_checks.TABLE_KEYS.items() for key in keys}
    return set(config._TOML_KEYS) | nested


def test_every_environment_variable_is_in_the_readme_and_every_row_is_real() -> None:
    documented = documented_variables(_configuration()["variable"])
    assert accepted_variables() - documented == set(), "undocumented: add a README row"
    assert documented - accepted_variables() == set(), "documented but not read by bot/config.py"


def test_every_ritmo_toml_key_is_in_the_readme_and_every_row_is_real() -> None:
    documented = documented_keys(_configuration()["key"])
    assert accepted_keys() - documented == set(), "undocumented: add a README row"
    assert documented - accepted_keys() == set(), "documented but refused by the key check"


def test_every_table_ritmo_toml_accepts_has_its_keys_known() -> None:
    # A table listed as allowed but missing from TABLE_KEYS would slip past the docs test.
    tables = {name.split(".")[0] for name in config_checks.TABLE_KEYS}
    assert tables == set(config_checks.TOP_TABLES)


@pytest.mark.parametrize(
    ("cell", "keys"),
    [
        ("`timezone`, `locale`", {"timezone", "locale"}),
        ("`[holidays] country`", {"holidays.country"}),
        ('`[teams."NAME"] target`', {"teams.*.target"}),
        ("`[[stages]] idle_days`", {"stages.idle_days"}),
    ],
)
def test_the_readme_cells_are_read_as_meant(cell: str, keys: set[str]) -> None:
    assert documented_keys([cell]) == keys


def test_an_undocumented_setting_would_fail() -> None:
    readme_without = [c for c in _configuration()["key"] if "stalled_days" not in c]
    assert "stalled_days" in accepted_keys() - documented_keys(readme_without)
