"""Write a new locale's `.po` from a `{key: text}` mapping, in the English catalogue's order.

Used once per new language: a translator (or a draft) supplies the texts as a Python file
defining `ES = {...}` (any name ending the file's namespace works via --name); every English
key must be present, and each entry carries the English text as a comment for review.

    .venv/bin/python scripts/po_add_locale.py es drafts/*.py
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
    """Build `<locale>`'s catalogue from mapping files; exit 1 naming missing keys."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("locale", choices=i18n.LOCALES)
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--name", default="ES")
    args = parser.parse_args(argv)
    texts: dict[str, str | tuple[str, ...]] = {}
    for path in args.files:
        texts.update(runpy.run_path(str(path))[args.name])
    english = po_dump.read("en")
    catalog = po_dump.new_catalog(args.locale)
    missing = []
    for message in english:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        if key not in texts:
            missing.append(key)
            continue
        shown = message.string if isinstance(message.string, str) else message.string[-1]
        po_dump.add(catalog, key, texts[key], shown)
    if missing:
        print("missing: " + ", ".join(missing), file=sys.stderr)
        return 1
    po_dump.write(args.locale, catalog)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
