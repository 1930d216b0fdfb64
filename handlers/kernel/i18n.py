"""The pt-BR/English string catalogue: every user-facing sentence lives here or in a module's TEXTS.

Each capability module registers its own texts (`register({...})`) so catalogues stay next to
the code that uses them, and registration refuses a key that lacks either language: a missing
translation is caught at import time, not by a user.
"""

from __future__ import annotations

from collections.abc import Mapping

LOCALES = ("pt-BR", "en")
DEFAULT_LOCALE = "pt-BR"

_catalog: dict[str, dict[str, str]] = {}


def register(texts: Mapping[str, Mapping[str, str]]) -> None:
    """Add texts to the catalogue.

    Raises:
        ValueError: a key lacks one of the locales, or is already registered with other text.
    """
    for key, versions in texts.items():
        missing = [loc for loc in LOCALES if not versions.get(loc)]
        if missing:
            raise ValueError(f"text {key!r} has no {', '.join(missing)} version")
        if key in _catalog and _catalog[key] != dict(versions):
            raise ValueError(f"text {key!r} registered twice with different wording")
        _catalog[key] = dict(versions)


def normalize_locale(value: str | None, default: str = DEFAULT_LOCALE) -> str:
    """Map a platform language hint ('pt', 'pt_BR', 'en-US', …) onto a supported locale."""
    if not value:
        return default
    low = value.strip().lower().replace("_", "-")
    if low.startswith("pt"):
        return "pt-BR"
    if low.startswith("en"):
        return "en"
    return default


def t(locale: str, key: str, **params: object) -> str:
    """The text for `key` in `locale` (falling back to pt-BR), with `params` formatted in."""
    versions = _catalog.get(key)
    if versions is None:
        raise KeyError(f"no text registered for {key!r}")
    template = versions.get(locale) or versions[DEFAULT_LOCALE]
    return template.format(**params) if params else template


def keys() -> list[str]:
    """Every registered key (tests check both languages exist and format alike)."""
    return sorted(_catalog)


def versions(key: str) -> dict[str, str]:
    """Both language versions of one key."""
    return dict(_catalog[key])
