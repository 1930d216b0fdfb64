"""Write `handlers/locale/<lang>/LC_MESSAGES/cli.po` (CLI help and argparse's messages).

The `cli` domain's msgids are English texts, so English needs no file. The script keeps what
each catalogue holds, adds every help text the parser has that the catalogue lacks (empty, so
tests/cli/test_cli_locale.py fails until someone translates it), and can take translations
from a Python file defining `T = {english: (pt_BR, es)}` and
`PLURALS = {(one, many): ((pt forms), (es forms))}`.

    .venv/bin/python scripts/po_cli.py [translations.py]
"""

from __future__ import annotations

import argparse
import runpy
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import po_dump  # noqa: E402
from babel.messages.catalog import Catalog  # noqa: E402
from babel.messages.pofile import read_po, write_po  # noqa: E402

from bot.cli import build_parser  # noqa: E402
from bot.cli_locale import DOMAIN, help_texts  # noqa: E402
from handlers.kernel import i18n  # noqa: E402

TRANSLATED = ("pt-BR", "es")
HEADER = """\
# ritmo's command-line help and argparse's messages in {locale}. Message ids are the English
# texts; %(name)s and %s placeholders must stay as they are."""


def _catalog(locale: str) -> Catalog:
    path = i18n.po_path(locale, DOMAIN)
    if path.exists():
        with path.open("rb") as handle:
            return read_po(handle)
    catalog = po_dump.new_catalog(locale)
    catalog.domain = DOMAIN
    catalog.header_comment = HEADER.format(locale=locale)
    return catalog


def main(argv: list[str] | None = None) -> int:
    """Update the pt-BR and es `cli` catalogues."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("translations", type=Path, nargs="?")
    args = parser.parse_args(argv)
    data = runpy.run_path(str(args.translations)) if args.translations else {}
    texts: dict[str, tuple[str, str]] = data.get("T", {})
    plurals: dict[tuple[str, str], tuple[tuple[str, ...], ...]] = data.get("PLURALS", {})
    found = help_texts(build_parser())
    for column, locale in enumerate(TRANSLATED):
        catalog = _catalog(locale)
        for english in sorted(found | set(texts)):
            if english in texts and catalog.get(english) is not None:
                catalog[english].string = texts[english][column]  # add() keeps the old string
            elif english in texts:
                catalog.add(english, texts[english][column])
            elif catalog.get(english) is None:
                catalog.add(english, "")
        for ids, forms in plurals.items():
            catalog.add(ids, forms[column])
        with i18n.po_path(locale, DOMAIN).open("wb") as handle:
            write_po(handle, catalog, width=99, sort_output=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
