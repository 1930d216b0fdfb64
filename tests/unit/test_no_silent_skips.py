"""A test that skips because something of this repository is missing reports green on a build
that lost it (the abuse suite once skipped when the route it guards was gone). Skipping is
only for what the machine lacks (a system binary), never for our own modules or routes."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OURS = ("bot", "handlers", "cadence_jobs", "storage", "benchmarks", "tests")


def _is_pytest_call(node: ast.AST, name: str) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == name
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "pytest"
    )


def silent_skips(root: Path) -> list[str]:
    """`file:line` of every importorskip of our own code, and of any skip in tests/abuse."""
    found = []
    for path in sorted((root / "tests").rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if _is_pytest_call(node, "importorskip"):
                assert isinstance(node, ast.Call)
                first = node.args[0] if node.args else None
                name = first.value if isinstance(first, ast.Constant) else ""
                if str(name).split(".")[0] in OURS:
                    found.append(f"{rel}:{node.lineno}")
            elif (  # pytest.skip(...), @pytest.mark.skip and skipif
                rel.startswith("tests/abuse/")
                and isinstance(node, ast.Attribute)
                and node.attr in ("skip", "skipif")
            ):
                found.append(f"{rel}:{node.lineno}")
    return found


def test_no_test_skips_for_want_of_our_own_code() -> None:
    assert silent_skips(ROOT) == []


def test_such_a_skip_is_caught(tmp_path: Path) -> None:
    (tmp_path / "tests" / "abuse").mkdir(parents=True)
    (tmp_path / "tests" / "test_x.py").write_text(
        'import pytest\ntg = pytest.importorskip("benchmarks.fakes.telegram_api")\n'
        'np = pytest.importorskip("numpy")\n'
    )
    (tmp_path / "tests" / "abuse" / "test_y.py").write_text(
        "import pytest\n\ndef test_route():\n    pytest.skip('route gone')\n"
    )
    assert silent_skips(tmp_path) == ["tests/abuse/test_y.py:4", "tests/test_x.py:2"]
