"""Pipeline stages: ordered, labelled in both languages, each with a win probability."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from storage import audit, labels
from storage.audit import Actor
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


def list_stages(conn: sqlite3.Connection) -> list[Stage]:
    rows = conn.execute("SELECT * FROM stages ORDER BY position")
    found = labels.load(conn)
    return [
        Stage(
            r["key"],
            r["position"],
            r["label_pt"],
            r["label_en"],
            r["probability"],
            r["idle_days"],
            labels.others(found, "stage", r["key"]),
        )
        for r in rows
    ]


def install_stages(
    conn: sqlite3.Connection, stages: tuple[Stage, ...] | list[Stage], actor: Actor
) -> int:
    """Insert or update the given stages (by key); returns how many changed."""
    changed = 0
    existing = {s.key: s for s in list_stages(conn)}
    for stage in stages:
        if existing.get(stage.key) == stage:
            continue
        # Positions are unique: park the old holder of this position out of the way first.
        conn.execute(
            "UPDATE stages SET position = -rowid - 1000 WHERE position = ? AND key != ?",
            (stage.position, stage.key),
        )
        conn.execute(
            "INSERT INTO stages (key, position, label_pt, label_en, probability, idle_days)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET position = excluded.position,"
            " label_pt = excluded.label_pt, label_en = excluded.label_en,"
            " probability = excluded.probability, idle_days = excluded.idle_days",
            (
                stage.key,
                stage.position,
                stage.label_pt,
                stage.label_en,
                stage.probability,
                stage.idle_days,
            ),
        )
        labels.put(conn, "stage", stage.key, stage.labels())
        audit.record(
            conn,
            actor,
            "stage",
            stage.key,
            "install",
            before=existing.get(stage.key).__dict__ if stage.key in existing else None,
            after=stage.__dict__,
        )
        changed += 1
    return changed


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
