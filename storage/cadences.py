"""The cadences table: definitions installed from TOML (built-in and custom), stored as JSON.

Storage knows a cadence only as the plain data of its file (cadence_jobs.definitions builds and
validates it); keeping the JSON here means enrolments keep working from the store alone.

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/cadences.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from storage import labels


@dataclass(frozen=True)
class StoredCadence:
    key: str
    name_pt: str
    name_en: str
    kind: str
    definition: dict[str, Any]
    source: str | None
    updated_at: str

    def name(self, locale: str) -> str:
        """The name in `locale` from the definition's name table (any locale the file gave),
        by the rule of storage.labels.cadence_name: else English, else the key."""
        table = self.definition.get("name")
        names = {"pt-BR": self.name_pt, "en": self.name_en}
        if isinstance(table, dict):
            names.update({k: v for k, v in table.items() if isinstance(v, str) and v})
        return labels.cadence_name(locale, names, self.key)
