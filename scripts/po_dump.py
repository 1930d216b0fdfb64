"""Write `handlers/locale/<lang>/LC_MESSAGES/ritmo.po` from the texts the code registers.

A one-time bridge from the `register({...})` dicts to gettext catalogues, kept so a branch
written before the catalogues can fold its new keys in: it imports every module of the four
packages (which registers their texts) and writes each locale's `.po`, keeping entries the
file already has (a translator's wording wins over the dict) and adding the missing ones.

    .venv/bin/python scripts/po_dump.py            # pt-BR and en from the dicts
    .venv/bin/python scripts/po_dump.py --check    # exit 1 if a registered key is missing
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from handlers.kernel import i18n  # noqa: E402

# Two forms: counts are always written in digits, so CLDR's extra "many" form (1 milhão *de*
# registros) never applies. pt-BR takes the plural for zero ("0 negócios"), as Brazilian
# screens write it, rather than CLDR's "0 negócio".
PLURAL_FORMS = {
    "pt-BR": "nplurals=2; plural=(n != 1);",
    "en": "nplurals=2; plural=(n != 1);",
    "es": "nplurals=2; plural=(n != 1);",
}
HEADER = """\
# ritmo's texts in {locale}. Message ids are stable keys; `#. en:` shows the English text.
# Placeholders in braces ({{name}}) must stay as they are; plural entries need every form."""
_STAMP = datetime(2026, 12, 6, tzinfo=UTC)


def import_everything() -> None:
    """Import every module of the four packages so each registers its texts."""
    for name in ("bot", "handlers", "cadence_jobs", "storage"):
        package = importlib.import_module(name)
        for info in pkgutil.walk_packages(package.__path__, f"{name}."):
            if info.name.startswith("storage.postgres"):
                continue  # needs psycopg (an optional extra) and holds no texts
            importlib.import_module(info.name)


def new_catalog(locale: str) -> Catalog:
    """An empty catalogue for `locale` with fixed dates (so regenerating makes no diff)."""
    catalog = Catalog(
        locale=i18n.FOLDERS[locale],
        domain=i18n.DOMAIN,
        project="ritmo",
        version="0.1.0",
        creation_date=_STAMP,
        revision_date=_STAMP,
        fuzzy=False,
        language_team=f"ritmo {locale}",
        last_translator="ritmo",
    )
    catalog.mime_headers = [("Plural-Forms", PLURAL_FORMS[locale])]
    catalog.header_comment = HEADER.format(locale=locale)
    return catalog


def read(locale: str) -> Catalog:
    """The locale's current catalogue, or a new one."""
    path = i18n.po_path(locale)
    if not path.exists():
        return new_catalog(locale)
    with path.open("rb") as handle:
        return read_po(handle)


def add(catalog: Catalog, key: str, text: str | tuple[str, ...], english: str | None) -> None:
    """Add one entry; plural texts (tuples) get `msgid_plural` equal to the key."""
    # No python-brace-format flag: Babel derives it from the msgid, and ours are keys.
    comments = [f"en: {english}"] if english else []
    msgid: str | tuple[str, str] = key if isinstance(text, str) else (key, key)
    catalog.add(msgid, text, auto_comments=comments)


def write(locale: str, catalog: Catalog) -> None:
    """Write the catalogue sorted by key, wrapped at 99 columns like the code."""
    path = i18n.po_path(locale)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=99, sort_output=True, omit_header=False)


def main(argv: list[str] | None = None) -> int:
    """Fold registered texts into the pt-BR and en catalogues (or check they are there)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    import_everything()
    registered = i18n.registered()
    missing = 0
    for locale in ("pt-BR", "en"):
        catalog = read(locale)
        for key, versions in sorted(registered.items()):
            if catalog.get(key) is not None:
                continue
            missing += 1
            english = versions["en"] if locale != "en" else None
            add(catalog, key, versions[locale], english)
        if not args.check:
            write(locale, catalog)
    if args.check and missing:
        print(f"{missing} registered text(s) missing from the catalogues", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
