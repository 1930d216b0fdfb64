"""The SQLite SQL of storage/stages.py's repository: SqliteStages on one connection.

The records it returns live in storage/stages.py (shared by every backend).
"""

from __future__ import annotations

import sqlite3

from storage import labels
from storage.audit import Actor
from storage.sqlite import labels as _labels_sql
from storage.sqlite.audit import SqliteAudit
from storage.stages import Stage


class SqliteStages:
    """Stages on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def list_stages(self) -> list[Stage]:
        rows = self._c.execute("SELECT * FROM stages ORDER BY position")
        found = _labels_sql.load(self._c)
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

    def install_stages(self, stages: tuple[Stage, ...] | list[Stage], actor: Actor) -> int:
        """Insert or update the given stages (by key); returns how many changed."""
        changed = 0
        existing = {s.key: s for s in self.list_stages()}
        for stage in stages:
            if existing.get(stage.key) == stage:
                continue
            # Positions are unique: park the old holder of this position out of the way first.
            self._c.execute(
                "UPDATE stages SET position = -rowid - 1000 WHERE position = ? AND key != ?",
                (stage.position, stage.key),
            )
            self._c.execute(
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
            _labels_sql.put(self._c, "stage", stage.key, stage.labels())
            SqliteAudit(self._c).record(
                actor,
                "stage",
                stage.key,
                "install",
                before=existing.get(stage.key).__dict__ if stage.key in existing else None,
                after=stage.__dict__,
            )
            changed += 1
        return changed
