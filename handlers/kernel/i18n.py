"""The string catalogue: one gettext `.po` file per locale, read once, looked up by stable key.

Every user-facing sentence lives in `handlers/locale/<lang>/LC_MESSAGES/ritmo.po`, where a
translator's tool (Poedit, Weblate, Babel) can open it. Message ids are the keys the code has
always used (`log.done`), so a reworded sentence never changes code and a key never changes
meaning. A count goes through `tn()`, which picks the plural form the locale's `Plural-Forms`
header asks for ("1 registro", "2 registros").

The `.po` files are parsed with Babel on first use of each locale rather than compiled to
`.mo`. Measured (564 entries): `read_po` takes ~23 ms a locale, loading a compiled `.mo` ~4 ms;
a process reads one or two locales once, and `import bot.cli` alone takes ~2 s, so the ~20 ms
saved would not pay for a build step (editable installs skip it) that could leave a stale
binary beside its source.

`register()` still accepts the old `{key: {"pt-BR": …, "en": …}}` dicts (tests and branches
written before the catalogues use it); a registered text is used only where the `.po` files
have no entry for the key.
"""

from __future__ import annotations

import gettext
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

LOCALES = ("pt-BR", "en", "es")
DEFAULT_LOCALE = "pt-BR"
DOMAIN = "ritmo"
# The catalogues are package data of `handlers` (handlers/locale/<lang>/LC_MESSAGES).
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
# Folder names follow gettext's convention (underscore, region upper-case).
FOLDERS = {"pt-BR": "pt_BR", "en": "en", "es": "es"}
# Locales that `register()` demands: the dicts predate Spanish.
_REGISTER_LOCALES = ("pt-BR", "en")


@dataclass
class Messages:
    """One locale's catalogue: plain texts, plural texts, and the rule choosing a form."""

    texts: dict[str, str] = field(default_factory=dict)
    plurals: dict[str, tuple[str, ...]] = field(default_factory=dict)
    plural: Callable[[int], int] = lambda n: int(n != 1)
    num_plurals: int = 2
    plural_forms: str = "nplurals=2; plural=(n != 1);"


_loaded: dict[str, Messages] = {}
_load_lock = threading.Lock()
_registered: dict[str, dict[str, str]] = {}


def po_path(locale: str, domain: str = DOMAIN) -> Path:
    """Where `locale`'s catalogue of `domain` lives (a supported locale code, e.g. 'pt-BR')."""
    return LOCALE_DIR / FOLDERS[locale] / "LC_MESSAGES" / f"{domain}.po"


def read_catalogue(path: Path) -> Messages:
    """Parse one `.po` file; fuzzy entries are left out, as `msgfmt` leaves them out."""
    from babel.messages.pofile import read_po  # Babel's parser is only needed here.

    with path.open("rb") as handle:
        catalog = read_po(handle)
    messages = Messages(
        plural=gettext.c2py(catalog.plural_expr),
        num_plurals=catalog.num_plurals,
        plural_forms=catalog.plural_forms,
    )
    for message in catalog:
        if not message.id or message.fuzzy:
            continue
        # Babel types a message's id and string as "str or a sequence of them": a plural
        # entry holds sequences, a singular one strings.
        msgid, string = message.id, message.string
        if message.pluralizable and isinstance(msgid, tuple | list):
            messages.plurals[msgid[0]] = tuple(string or ())
        elif isinstance(msgid, str) and isinstance(string, str) and string:
            messages.texts[msgid] = string
    return messages


def messages(locale: str) -> Messages:
    """`locale`'s catalogue, parsed on first use and kept for the life of the process."""
    found = _loaded.get(locale)
    if found is not None:
        return found
    with _load_lock:
        if locale not in _loaded:
            path = po_path(locale)
            _loaded[locale] = read_catalogue(path) if path.exists() else Messages()
        return _loaded[locale]


def register(texts: Mapping[str, Mapping[str, str]]) -> None:
    """Add fallback texts for keys the `.po` files do not have (tests, older branches).

    Raises:
        ValueError: a key lacks pt-BR or English, or is already registered with other text.
    """
    for key, versions in texts.items():
        missing = [loc for loc in _REGISTER_LOCALES if not versions.get(loc)]
        if missing:
            raise ValueError(f"text {key!r} has no {', '.join(missing)} version")
        if key in _registered and _registered[key] != dict(versions):
            raise ValueError(f"text {key!r} registered twice with different wording")
        _registered[key] = dict(versions)


def normalize_locale(value: str | None, default: str = DEFAULT_LOCALE) -> str:
    """Map a platform language hint ('pt', 'pt_BR', 'en-US', 'es-419', …) onto a locale."""
    if not value:
        return default
    low = value.strip().lower().replace("_", "-")
    if low.startswith("pt"):
        return "pt-BR"
    if low.startswith("en"):
        return "en"
    if low.startswith("es"):
        return "es"
    return default


# (locale, key) -> the catalogue's text for it, once found: every reply looks up three or four
# keys, each through two catalogues and their locks' fast path. A loaded catalogue never
# changes, so an entry never goes stale; a registered fallback is not kept (register() adds).
_found: dict[tuple[str, str], str] = {}


def _template(locale: str, key: str) -> str:
    text = _found.get((locale, key))
    if text is not None:
        return text
    for loc in (locale, DEFAULT_LOCALE):
        text = messages(loc).texts.get(key) if loc in FOLDERS else None
        if text:
            _found[locale, key] = text
            return text
    versions = _registered.get(key)
    if versions is None:
        raise KeyError(f"no text registered for {key!r}")
    return versions.get(locale) or versions[DEFAULT_LOCALE]


def t(locale: str, key: str, **params: object) -> str:
    """The text for `key` in `locale` (falling back to pt-BR), with `params` formatted in."""
    template = _template(locale, key)
    return template.format(**params) if params else template


def tn(locale: str, key: str, n: int, **params: object) -> str:
    """The plural form of `key` that `n` takes in `locale`; `n` is also passed as `count`.

    Raises:
        KeyError: no locale has a plural entry for `key`.
    """
    for loc in (locale, DEFAULT_LOCALE):
        if loc not in FOLDERS:
            continue
        catalogue = messages(loc)
        forms = catalogue.plurals.get(key)
        if forms:
            index = catalogue.plural(abs(n))
            template = forms[min(index, len(forms) - 1)]
            if template:
                return template.format(**{"count": n, **params})
    raise KeyError(f"no plural text for {key!r}")


def keys() -> list[str]:
    """Every key in the default locale's catalogue or registered (plain texts only)."""
    return sorted(set(messages(DEFAULT_LOCALE).texts) | set(_registered))


def plural_keys() -> list[str]:
    """Every key that has plural forms in the default locale's catalogue."""
    return sorted(messages(DEFAULT_LOCALE).plurals)


def versions(key: str) -> dict[str, str]:
    """Every locale's version of one plain text key."""
    return {loc: _template(loc, key) for loc in LOCALES}


def registered() -> dict[str, dict[str, str]]:
    """The texts still registered from code (the `.po` files should hold them all)."""
    return {key: dict(v) for key, v in _registered.items()}
