"""Add or reword one plain text in every locale's catalogue at once.

.venv/bin/python scripts/po_set.py KEY "pt-BR text" "English text" "Spanish text"
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import po_dump  # noqa: E402

from handlers.kernel import i18n  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    """Write KEY with one text per locale, in i18n.LOCALES order."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 + len(i18n.LOCALES):
        print(__doc__, file=sys.stderr)
        return 2
    key, *texts = args
    versions = dict(zip(i18n.LOCALES, texts, strict=True))
    for locale in i18n.LOCALES:
        catalog = po_dump.read(locale)
        if catalog.get(key) is not None:
            catalog.delete(key)
        po_dump.add(catalog, key, versions[locale], versions["en"] if locale != "en" else None)
        po_dump.write(locale, catalog)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
