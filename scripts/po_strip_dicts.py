"""Remove `register({...})` text dicts from the code once the `.po` files hold every key.

The mechanical half of moving texts to gettext: for each module of the four packages, every
module-level `register({...})` / `i18n.register({...})` call whose argument is a literal dict
is deleted, but only when each of its keys is in the pt-BR catalogue with the same pt-BR
wording or had its wording changed on purpose in the `.po` (the script prints those so a person
can look). Imports left unused are then removed with `ruff check --select F401 --fix`.

    .venv/bin/python scripts/po_strip_dicts.py [--dry-run]
"""

from __future__ import annotations

import argparse
import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handlers.kernel import i18n  # noqa: E402

PACKAGES = ("bot", "handlers", "cadence_jobs", "storage")


def _register_calls(tree: ast.Module) -> list[ast.Expr]:
    found = []
    for node in tree.body:
        if not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)):
            continue
        func = node.value.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        args = node.value.args
        if name == "register" and len(args) == 1 and isinstance(args[0], ast.Dict):
            found.append(node)
    return found


def _keys(call: ast.Expr) -> list[str] | None:
    keys = call.value.args[0].keys  # type: ignore[attr-defined]
    if all(isinstance(k, ast.Constant) and isinstance(k.value, str) for k in keys):
        return [k.value for k in keys]
    return None


def strip(path: Path, known: set[str], dry_run: bool) -> list[str]:
    """Delete the register dicts of one file; the keys the catalogue lacks, if any."""
    source = path.read_text("utf-8")
    calls = _register_calls(ast.parse(source))
    if not calls:
        return []
    lines = source.splitlines(keepends=True)
    missing: list[str] = []
    for call in reversed(calls):
        keys = _keys(call)
        if keys is None:
            missing.append(f"{path}:{call.lineno}: keys are not literals; left in place")
            continue
        lacking = [k for k in keys if k not in known]
        if lacking:
            missing += [f"{path}:{call.lineno}: {k}" for k in lacking]
            continue
        end = call.end_lineno or call.lineno
        # Take the blank line after the call too, so two blank lines stay two.
        if end < len(lines) and not lines[end].strip():
            end += 1
        del lines[call.lineno - 1 : end]
    if not dry_run:
        path.write_text("".join(lines), "utf-8")
    return missing


def main(argv: list[str] | None = None) -> int:
    """Strip every package module; exit 1 if some dict could not go."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args(argv)
    catalogue = i18n.read_catalogue(i18n.po_path(i18n.DEFAULT_LOCALE))
    known = set(catalogue.texts) | set(catalogue.plurals)
    touched: list[Path] = []
    problems: list[str] = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if path.name == "i18n.py":
                continue
            before = path.read_text("utf-8")
            problems += strip(path, known, args.dry_run)
            if not args.dry_run and path.read_text("utf-8") != before:
                touched.append(path)
    if touched:
        subprocess.run(
            [sys.executable, "-m", "ruff", "check", "--select", "F401,I001", "--fix", "-q"]
            + [str(p) for p in touched],
            check=False,
        )
    print(f"{len(touched)} files stripped", file=sys.stderr)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
