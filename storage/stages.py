"""Pipeline stages: ordered, labelled in both languages, each with a win probability.

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/stages.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage import labels
from storage.text import fold


@dataclass(frozen=True)
class Stage:
    key: str
    position: int
    label_pt: str
    label_en: str
    probability: float
    idle_days: int | None = None
    # Labels in locales beyond pt-BR and English ((locale, label) pairs, e.g. ("es", …)):
    # a language is data, kept one row per locale in the labels table.
    others: tuple[tuple[str, str], ...] = ()

    def label(self, locale: str) -> str:
        return labels.pick(locale, self.label_pt, self.label_en, self.others)

    def labels(self) -> dict[str, str]:
        """Every locale's label."""
        return {"pt-BR": self.label_pt, "en": self.label_en, **dict(self.others)}


DEFAULT_STAGES = (
    Stage("prospecting", 1, "Prospecção", "Prospecting", 0.10, 21, (("es", "Prospección"),)),
    Stage(
        "qualification", 2, "Qualificação", "Qualification", 0.20, 21, (("es", "Calificación"),)
    ),
    Stage("proposal", 3, "Proposta", "Proposal", 0.50, 14, (("es", "Propuesta"),)),
    Stage("negotiation", 4, "Negociação", "Negotiation", 0.70, 14, (("es", "Negociación"),)),
    Stage("commit", 5, "Fechamento", "Commit", 0.90, 7, (("es", "Cierre"),)),
)


def resolve_stage(stages: list[Stage], text: str) -> Stage | None:
    """A stage by key or either label, ignoring case and accents."""
    wanted = fold(text).replace(" ", "_")
    for stage in stages:
        names = {
            stage.key,
            fold(stage.label_pt).replace(" ", "_"),
            fold(stage.label_en).replace(" ", "_"),
        }
        if wanted in names:
            return stage
    return None
