"""Turn catalogue entries into plural entries (and rewrite or drop others) in every locale.

Takes a Python file defining `P = {key: {locale: (one, other)}}` (each locale's forms, in its
Plural-Forms order), optionally `TEXT = {key: {locale: text}}` for plain texts whose wording
changes with them, and `REMOVE = [key, …]` for keys the plural entries replace.

    .venv/bin/python scripts/po_plurals.py changes.py
"""

from __future__ import annotations

import argparse
import runpy
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import po_dump  # noqa: E402

from handlers.kernel import i18n  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Apply the changes to the pt-BR, en and es catalogues."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("changes", type=Path)
    args = parser.parse_args(argv)
    data = runpy.run_path(str(args.changes))
    plurals: dict[str, dict[str, tuple[str, ...]]] = data["P"]
    texts: dict[str, dict[str, str]] = data.get("TEXT", {})
    for locale in i18n.LOCALES:
        catalog = po_dump.read(locale)
        english = po_dump.read("en") if locale != "en" else None
        for key in [*plurals, *data.get("REMOVE", [])]:
            if catalog.get(key) is not None:
                catalog.delete(key)
        for key, forms in plurals.items():
            shown = " | ".join(plurals[key]["en"]) if english is not None else None
            po_dump.add(catalog, key, tuple(forms[locale]), shown)
        for key, versions in texts.items():
            catalog.delete(key)
            po_dump.add(catalog, key, versions[locale], versions["en"] if english else None)
        po_dump.write(locale, catalog)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
