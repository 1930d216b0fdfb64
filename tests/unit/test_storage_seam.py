"""The storage seam: above storage/, the store is reached only through storage.interface.

No module of bot/, handlers/ or cadence_jobs/ imports a database driver or the SQLite
backend's own modules, or takes a database connection: transaction bodies take a `Tx`
(storage/repositories.py), and the backend is chosen in one place (storage.backends), which
is what lets PostgreSQL stand beside SQLite with no change above storage/.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("bot", "handlers", "cadence_jobs")
DRIVERS = {"sqlite3", "aiosqlite", "psycopg", "psycopg_pool", "asyncpg"}
BACKEND_MODULES = {"storage.sqlite", "storage.postgres"}


def _sources() -> list[Path]:
    return sorted(p for package in PACKAGES for p in (ROOT / package).rglob("*.py"))


def _imported(tree: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize("path", _sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_driver_backend_module_or_connection_above_storage(path: Path) -> None:
    tree = ast.parse(path.read_text("utf-8"))
    imported = _imported(tree)
    assert not {name.split(".")[0] for name in imported} & DRIVERS
    assert not {
        n for n in imported if any(n == m or n.startswith(m + ".") for m in BACKEND_MODULES)
    }
    params = [
        arg.arg
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        for arg in (*node.args.posonlyargs, *node.args.args, *node.args.kwonlyargs)
        if arg.arg == "conn" or "Connection" in ast.unparse(arg.annotation or ast.Constant(None))
    ]
    assert params == []
