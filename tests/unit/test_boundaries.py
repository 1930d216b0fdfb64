"""No chat SDK outside bot/channels: handlers, jobs and storage stay platform-free."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SDKS = ("telegram", "slack_bolt", "slack_sdk")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", ["handlers", "cadence_jobs", "storage"])
def test_no_chat_sdk_is_imported(package: str) -> None:
    offenders = [
        str(p.relative_to(ROOT)) for p in (ROOT / package).rglob("*.py") if _imports(p) & set(SDKS)
    ]
    assert offenders == []


@pytest.mark.parametrize("package", ["handlers", "cadence_jobs", "storage"])
def test_inner_packages_do_not_import_the_application_layer(package: str) -> None:
    offenders = [
        str(p.relative_to(ROOT)) for p in (ROOT / package).rglob("*.py") if "bot" in _imports(p)
    ]
    assert offenders == []


def test_sql_stays_in_storage() -> None:
    offenders = []
    for package in ("handlers", "cadence_jobs", "bot"):
        for path in (ROOT / package).rglob("*.py"):
            text = path.read_text("utf-8")
            if any(word in text for word in ("SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM")):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
