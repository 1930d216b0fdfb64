"""The layout's promises, checked on the source: dependencies point one way, SQL stays in storage.

Package order (DESIGN.md, issue 15): bot -> handlers -> cadence_jobs -> storage. A module may
import its own package or any package to its right, never one to its left; so there is no
package-level cycle, and no circle of module imports either. No chat SDK outside bot/channels,
no SQL text or `sqlite3` import outside storage/, and benchmarks/ never imports tests/.

Each rule is a function of a source tree, so the negative checks at the bottom can show that
it fails on a tree that breaks it.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ORDER = ("bot", "handlers", "cadence_jobs", "storage")  # each may import only to its right
SDKS = ("telegram", "slack_bolt", "slack_sdk")
SQL = re.compile(
    r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|CREATE\s+TABLE)\b", re.S
)

# Above storage/, transaction bodies take a storage.interface.Tx, never a connection (issue 15
# item 2): nothing there imports sqlite3. Kept as an allow-list that may only shrink.
SQLITE_ALLOWED: set[str] = set()


# --- reading imports -------------------------------------------------------------------------


def _module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node except those under `if TYPE_CHECKING:` (no import happens at run time)."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            stack.extend(node.orelse)
            continue
        yield node
        stack.extend(ast.iter_child_nodes(node))


def _imported(root: Path, path: Path, *, runtime_only: bool = False) -> set[str]:
    """Dotted names a file imports; `from pkg import mod` yields `pkg.mod` when mod is a module."""
    tree = ast.parse(path.read_text("utf-8"))
    nodes = _runtime_nodes(tree) if runtime_only else ast.walk(tree)
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            base = root.joinpath(*node.module.split("."))
            submodules = {
                f"{node.module}.{alias.name}"
                for alias in node.names
                if (base / f"{alias.name}.py").exists() or (base / alias.name).is_dir()
            }
            # `from pkg import mod` needs mod, not pkg's own names: the edge goes to mod.
            names.update(submodules or {node.module})
    return names


def _files(root: Path, package: str) -> list[Path]:
    return sorted(p for p in (root / package).rglob("*.py") if "__pycache__" not in p.parts)


# --- the rules -------------------------------------------------------------------------------


def upward_imports(root: Path) -> set[tuple[str, str]]:
    """(file, package) for every import of a package to the file's left in ORDER."""
    found = set()
    for rank, package in enumerate(ORDER):
        higher = set(ORDER[:rank])
        for path in _files(root, package):
            for name in _imported(root, path):
                top = name.split(".")[0]
                if top in higher:
                    found.add((str(path.relative_to(root)), top))
    return found


def package_cycles(edges: set[tuple[str, str]]) -> list[tuple[str, str]]:
    """Pairs of packages that import each other (directly), given (from, to) package edges."""
    return sorted((a, b) for a, b in edges if a < b and (b, a) in edges)


def package_edges(root: Path) -> set[tuple[str, str]]:
    edges = set()
    for package in ORDER:
        for path in _files(root, package):
            for name in _imported(root, path):
                top = name.split(".")[0]
                if top in ORDER and top != package:
                    edges.add((package, top))
    return edges


def module_circles(root: Path) -> list[list[str]]:
    """Strongly connected groups (>1 module) in the run-time import graph of ORDER's packages."""
    modules = {
        _module_name(root, path): path for package in ORDER for path in _files(root, package)
    }
    graph = {
        name: sorted(
            n for n in _imported(root, path, runtime_only=True) if n in modules and n != name
        )
        for name, path in modules.items()
    }
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's algorithm
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                item = stack.pop()
                on_stack.discard(item)
                group.append(item)
                if item == node:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for name in sorted(graph):
        if name not in index:
            visit(name)
    return circles


def sdk_imports(root: Path) -> list[str]:
    return [
        str(p.relative_to(root))
        for package in ("handlers", "cadence_jobs", "storage")
        for p in _files(root, package)
        if {n.split(".")[0] for n in _imported(root, p)} & set(SDKS)
    ]


def sql_outside_storage(root: Path) -> list[str]:
    """Files above storage/ that hold SQL text in a string literal."""
    offenders = []
    for package in ("bot", "handlers", "cadence_jobs"):
        for path in _files(root, package):
            strings = (
                node.value
                for node in ast.walk(ast.parse(path.read_text("utf-8")))
                if isinstance(node, ast.Constant) and isinstance(node.value, str)
            )
            if any(SQL.search(s) for s in strings):
                offenders.append(str(path.relative_to(root)))
    return offenders


def sqlite_outside_storage(root: Path) -> set[str]:
    return {
        str(p.relative_to(root))
        for package in ("bot", "handlers", "cadence_jobs")
        for p in _files(root, package)
        if "sqlite3" in {n.split(".")[0] for n in _imported(root, p)}
    }


# What a channel may use of the rest of ritmo: its own contract and the shared inbox path, the
# settings and errors, the message model and catalogue (handlers.kernel), its send limits and
# the store. Never the composition root (`bot.app`, an import circle), the CLI, or a capability:
# a channel translates, it decides nothing about the business.
CHANNEL_MAY_IMPORT = (
    "bot.channels",
    "bot.config",
    "bot.errors",
    "bot.inbox",
    "bot.logs",
    "handlers.kernel",
    "cadence_jobs.ratelimit",
    "storage",
)


def channel_imports_outside_contract(root: Path) -> set[tuple[str, str]]:
    """(file, module) for each import of ritmo by a channel beyond CHANNEL_MAY_IMPORT."""
    found = set()
    for path in _files(root, "bot/channels"):
        for name in _imported(root, path):
            if name.split(".")[0] not in ORDER:
                continue  # the standard library and the platform's SDK
            if not any(name == ok or name.startswith(ok + ".") for ok in CHANNEL_MAY_IMPORT):
                found.add((str(path.relative_to(root)), name))
    return found


def benchmarks_importing_tests(root: Path) -> list[str]:
    return [
        str(p.relative_to(root))
        for p in _files(root, "benchmarks")
        if "tests" in {n.split(".")[0] for n in _imported(root, p)}
    ]


# --- on this repository ----------------------------------------------------------------------


def test_no_package_imports_one_to_its_left() -> None:
    """No exceptions: the engine's words and buttons come through cadence_jobs.presenter, which
    handlers implements, so cadence_jobs needs nothing from handlers (issue 15 item 1)."""
    assert upward_imports(ROOT) == set()


def test_no_package_level_cycle() -> None:
    assert package_cycles(package_edges(ROOT)) == []


def test_no_circle_of_module_imports() -> None:
    assert module_circles(ROOT) == []


def test_no_chat_sdk_outside_channels() -> None:
    assert sdk_imports(ROOT) == []


def test_sql_stays_in_storage() -> None:
    assert sql_outside_storage(ROOT) == []


def test_sqlite3_stays_in_storage() -> None:
    assert sqlite_outside_storage(ROOT) - SQLITE_ALLOWED == set()


def test_the_sqlite3_allow_list_only_shrinks() -> None:
    assert SQLITE_ALLOWED - sqlite_outside_storage(ROOT) == set()


def test_benchmarks_do_not_import_tests() -> None:
    assert benchmarks_importing_tests(ROOT) == []


def test_channels_import_neither_the_app_nor_a_capability() -> None:
    assert channel_imports_outside_contract(ROOT) == set()


# --- each rule fails on a tree that breaks it ------------------------------------------------


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for package in (*ORDER, "benchmarks", "tests"):
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("")
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    return tmp_path


def test_an_upward_import_is_caught(tmp_path: Path) -> None:
    root = _tree(
        tmp_path, {"storage/db.py": "from handlers import core\n", "handlers/core.py": ""}
    )
    assert upward_imports(root) == {("storage/db.py", "handlers")}


def test_a_package_cycle_is_caught(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "storage/db.py": "import cadence_jobs.jobs\n",
            "cadence_jobs/jobs.py": "import storage.db\n",
        },
    )
    assert package_cycles(package_edges(root)) == [("cadence_jobs", "storage")]


def test_a_module_circle_is_caught_but_not_a_type_checking_one(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "handlers/a.py": "from handlers import b\n",
            "handlers/b.py": "from handlers.c import x\n",
            "handlers/c.py": "import handlers.a\nx = 1\n",
            "handlers/d.py": "from handlers import a\n",
            "handlers/e.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import handlers.d\n",
        },
    )
    assert module_circles(root) == [["handlers.a", "handlers.b", "handlers.c"]]


def test_an_sdk_import_is_caught(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"handlers/x.py": "from slack_sdk import WebClient\n"})
    assert sdk_imports(root) == ["handlers/x.py"]


def test_sql_text_outside_storage_is_caught(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "bot/x.py": 'Q = "SELECT id FROM people"\n',
            "bot/y.py": '"""Select a person from the list; update the deal, then delete from memory."""\n',
        },
    )
    assert sql_outside_storage(root) == ["bot/x.py"]


def test_a_sqlite3_import_outside_storage_is_caught(tmp_path: Path) -> None:
    root = _tree(
        tmp_path, {"cadence_jobs/x.py": "import sqlite3\n", "storage/y.py": "import sqlite3\n"}
    )
    assert sqlite_outside_storage(root) == {"cadence_jobs/x.py"}


def test_a_channel_importing_the_app_or_a_capability_is_caught(tmp_path: Path) -> None:
    root = _tree(tmp_path, {})
    files = {
        "bot/app.py": "class App: ...\n",
        "bot/channels/__init__.py": "",
        "bot/channels/base.py": "",
        "bot/channels/fake/__init__.py": "",
        "bot/channels/fake/adapter.py": "from bot.app import App\nfrom bot.channels import base\n",
        "bot/channels/fake/rules.py": "import handlers.conversation.log\nimport telegram\n",
    }
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    assert channel_imports_outside_contract(root) == {
        ("bot/channels/fake/adapter.py", "bot.app"),
        ("bot/channels/fake/rules.py", "handlers.conversation.log"),
    }


def test_benchmarks_importing_tests_is_caught(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"benchmarks/x.py": "from tests.fakes import telegram_api\n"})
    assert benchmarks_importing_tests(root) == ["benchmarks/x.py"]


@pytest.mark.parametrize("package", ["handlers", "cadence_jobs", "storage"])
def test_inner_packages_do_not_import_the_application_layer(package: str) -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in _files(ROOT, package)
        if "bot" in {n.split(".")[0] for n in _imported(ROOT, p)}
    ]
    assert offenders == []
