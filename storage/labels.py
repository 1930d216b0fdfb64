"""Display names of stages and cadences per locale: one row per (kind, key, locale).

A third language is rows here (written from ritmo.toml's stage labels and the cadence files'
name tables), never a new column. The pt-BR/en copies in stages.label_pt/label_en and
cadences.name_pt/name_en stay for the queries that already read them.

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/labels.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

KINDS = ("stage", "cadence")


@dataclass(frozen=True)
class Labels:
    """Every stage and cadence name, by kind and key, then locale."""

    by_key: Mapping[tuple[str, str], Mapping[str, str]] = field(
        default_factory=lambda: MappingProxyType({})
    )

    def get(self, kind: str, key: str, locale: str) -> str | None:
        """The name of `key` in `locale`, or None when that locale has none."""
        return self.by_key.get((kind, key), {}).get(locale)


def of_rows(rows: Iterable[tuple[str, str, str, str]]) -> Labels:
    """Labels from (kind, key, locale, label) rows, as every backend's loaders read them."""
    found: dict[tuple[str, str], dict[str, str]] = {}
    for kind, key, locale, label in rows:
        found.setdefault((kind, key), {})[locale] = label
    return Labels(MappingProxyType({k: MappingProxyType(v) for k, v in found.items()}))


def pick(locale: str, label_pt: str, label_en: str, others: tuple[tuple[str, str], ...]) -> str:
    """A stage's name for a reader in `locale`: English, else that locale's row, else pt-BR."""
    if locale == "en":
        return label_en
    return dict(others).get(locale) or label_pt


def cadence_name(locale: str, names: Mapping[str, str | None], key: str) -> str:
    """A cadence's name for a reader in `locale`: that locale's name, else the English one,
    else the cadence's key. English rather than pt-BR because a reader whose language the
    cadence file does not name (a Spanish seller, a custom cadence with pt-BR and en only) is
    likelier to read English; the key is the last resort of a name-less row."""
    return names.get(locale) or names.get("en") or key


def others(found: Labels, kind: str, key: str) -> tuple[tuple[str, str], ...]:
    """`key`'s labels in locales beyond pt-BR and English, as sorted (locale, label) pairs."""
    return tuple(
        (locale, text)
        for locale, text in sorted(found.by_key.get((kind, key), {}).items())
        if locale not in ("pt-BR", "en")
    )
