"""Pipeline stages on PostgreSQL (the SQLite twin: storage/sqlite/stages.py)."""

from __future__ import annotations

from typing import Any

import psycopg

from storage import labels
from storage.audit import Actor
from storage.postgres import labels as _labels_sql
from storage.postgres.audit import PgAudit
from storage.stages import Stage


class PgStages:
    """Stages on a PostgreSQL connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._c = conn

    def list_stages(self) -> list[Stage]:
        rows = self._c.execute(
            "SELECT key, position, label_pt, label_en, probability, idle_days FROM stages"
            " ORDER BY position"
        ).fetchall()
        found = _labels_sql.load(self._c)
        return [
            Stage(r[0], r[1], r[2], r[3], r[4], r[5], labels.others(found, "stage", r[0]))
            for r in rows
        ]

    def install_stages(self, stages: tuple[Stage, ...] | list[Stage], actor: Actor) -> int:
        """Insert or update the given stages (by key); returns how many changed."""
        changed = 0
        existing = {s.key: s for s in self.list_stages()}
        for stage in stages:
            if existing.get(stage.key) == stage:
                continue
            # Positions are unique: park the old holder of this position out of the way first,
            # below every position in use (SQLite parks it at -rowid - 1000; PostgreSQL rows
            # have no rowid, and the stages table no id).
            self._c.execute(
                "UPDATE stages SET position = LEAST((SELECT min(position) FROM stages), 0) - 1000"
                " WHERE position = %s AND key != %s",
                (stage.position, stage.key),
            )
            self._c.execute(
                "INSERT INTO stages (key, position, label_pt, label_en, probability, idle_days)"
                " VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (key) DO UPDATE SET"
                " position = excluded.position, label_pt = excluded.label_pt,"
                " label_en = excluded.label_en, probability = excluded.probability,"
                " idle_days = excluded.idle_days",
                (
                    stage.key,
                    stage.position,
                    stage.label_pt,
                    stage.label_en,
                    stage.probability,
                    stage.idle_days,
                ),
            )
            _labels_sql.put(self._c, "stage", stage.key, stage.labels())
            PgAudit(self._c).record(
                actor,
                "stage",
                stage.key,
                "install",
                before=existing.get(stage.key).__dict__ if stage.key in existing else None,
                after=stage.__dict__,
            )
            changed += 1
        return changed
