"""The SQLite SQL of storage/schedules.py's repository: SqliteSchedules on one connection.

The records it returns live in storage/schedules.py (shared by every backend).
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date, datetime, timedelta

from storage.audit import Actor
from storage.errors import ConstraintError, StoreError
from storage.schedules import PREFERENCE_COLUMNS, Schedule
from storage.sqlite.audit import SqliteAudit
from storage.sqlite.rowids import inserted_id
from storage.timefmt import date_to_db, to_db


class SqliteSchedules:
    """Schedules on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def schedules_of(
        self, person_ids: list[int], since: date | None = None
    ) -> dict[int, Schedule]:
        """Schedules of many people in two queries (the due scan asks for every owner at once)."""
        marks = ",".join("?" * len(person_ids)) or "NULL"
        absences: dict[int, list[tuple[date, date]]] = {}
        for r in self._c.execute(
            f"SELECT person_id, start_date, end_date FROM away_periods WHERE person_id IN ({marks})"
            " AND end_date >= ? ORDER BY start_date",
            [*person_ids, date_to_db(since) if since else "0000-00-00"],
        ):
            absences.setdefault(r[0], []).append(
                (date.fromisoformat(r[1]), date.fromisoformat(r[2]))
            )
        rows = self._c.execute(
            "SELECT id, name, locale, timezone, work_start, work_end, work_days, quiet_start,"
            f" quiet_end, notify_mode, notify_times FROM people WHERE id IN ({marks})",
            person_ids,
        )
        return {r[0]: replace(Schedule(*r), absences=tuple(absences.get(r[0], ()))) for r in rows}

    def schedule_groups(
        self, person_ids: list[int], since: date | None = None
    ) -> list[tuple[Schedule, tuple[int, ...]]]:
        """People grouped by everything that decides when they may be reached, in few rows.

        The due scan places a thousand reps who mostly share a zone and hours; grouping in SQL
        spares it a Schedule per rep. Each group's Schedule is its lowest id's; people away on or
        after `since` are one group each, since their absences are theirs alone.
        """
        marks = ",".join("?" * len(person_ids)) or "NULL"
        since_db = date_to_db(since) if since else "0000-00-00"
        away = [
            r[0]
            for r in self._c.execute(
                f"SELECT DISTINCT person_id FROM away_periods WHERE person_id IN ({marks})"
                " AND end_date >= ?",
                [*person_ids, since_db],
            )
        ]
        rows = self._c.execute(
            "SELECT min(id), name, locale, timezone, work_start, work_end, work_days, quiet_start,"
            " quiet_end, notify_mode, notify_times, group_concat(id) FROM people p"
            f" WHERE id IN ({marks}) AND NOT EXISTS (SELECT 1 FROM away_periods a"
            "  WHERE a.person_id = p.id AND a.end_date >= ?)"
            " GROUP BY timezone, work_start, work_end, work_days, quiet_start, quiet_end,"
            " notify_mode, notify_times",
            [*person_ids, since_db],
        ).fetchall()
        groups = [(Schedule(*r[:11]), tuple(map(int, r[11].split(",")))) for r in rows]
        groups += [(schedule, (pid,)) for pid, schedule in self.schedules_of(away, since).items()]
        return groups

    def schedule_of(self, person_id: int, since: date | None = None) -> Schedule:
        row = self._c.execute(
            "SELECT id, name, locale, timezone, work_start, work_end, work_days, quiet_start,"
            " quiet_end, notify_mode, notify_times FROM people WHERE id = ?",
            (person_id,),
        ).fetchone()
        if row is None:
            raise StoreError(f"no person with id {person_id}")
        return replace(Schedule(*row), absences=tuple(self.away_periods(person_id, since)))

    def set_preferences(
        self, actor: Actor, person_id: int, changes: dict[str, str | None], now: datetime
    ) -> Schedule:
        """Change what a person owns about being reached: working hours (`work_start`,
        `work_end`, `work_days`), quiet hours (`quiet_start`, `quiet_end`, None for none) and
        notifications (`notify_mode`, `notify_times`); only the keys given change, audited."""
        unknown = set(changes) - set(PREFERENCE_COLUMNS)
        if unknown:
            raise StoreError(f"not a person's preference: {sorted(unknown)}")
        before = self.schedule_of(person_id)
        if changes:
            columns = ", ".join(f"{c} = ?" for c in changes)
            self._c.execute(
                f"UPDATE people SET {columns} WHERE id = ?", [*changes.values(), person_id]
            )
        SqliteAudit(self._c).record(
            actor,
            "person",
            person_id,
            "set_preferences",
            before={c: getattr(before, c) for c in changes},
            after=dict(changes),
            at=now,
        )
        return self.schedule_of(person_id)

    def add_away(self, actor: Actor, person_id: int, start: date, end: date, now: datetime) -> int:
        """Record an absence (holiday, leave); both dates are included."""
        if end < start:
            raise ConstraintError(f"the absence ends ({end}) before it starts ({start})")
        cur = self._c.execute(
            "INSERT INTO away_periods (person_id, start_date, end_date, created_at) VALUES (?, ?, ?, ?)",
            (person_id, date_to_db(start), date_to_db(end), to_db(now)),
        )
        SqliteAudit(self._c).record(
            actor,
            "person",
            person_id,
            "away",
            after={"start": start.isoformat(), "end": end.isoformat()},
            at=now,
        )
        return inserted_id(cur)

    def away_periods(self, person_id: int, since: date | None = None) -> list[tuple[date, date]]:
        rows = self._c.execute(
            "SELECT start_date, end_date FROM away_periods WHERE person_id = ? AND end_date >= ?"
            " ORDER BY start_date",
            (person_id, date_to_db(since) if since else "0000-00-00"),
        )
        return [(date.fromisoformat(r[0]), date.fromisoformat(r[1])) for r in rows]

    def end_away(
        self, actor: Actor, person_id: int, today: date, now: datetime
    ) -> tuple[date, date] | None:
        """End the absence the person is in today: it now ends yesterday (one that began today
        is removed). Returns the absence as it was, or None when they are not away today."""
        row = self._c.execute(
            "SELECT id, start_date, end_date FROM away_periods WHERE person_id = ?"
            " AND start_date <= ? AND end_date >= ? ORDER BY start_date DESC LIMIT 1",
            (person_id, date_to_db(today), date_to_db(today)),
        ).fetchone()
        if row is None:
            return None
        start, end = date.fromisoformat(row[1]), date.fromisoformat(row[2])
        if start >= today:
            self._c.execute("DELETE FROM away_periods WHERE id = ?", (row[0],))
        else:
            self._c.execute(
                "UPDATE away_periods SET end_date = ? WHERE id = ?",
                (date_to_db(today - timedelta(days=1)), row[0]),
            )
        SqliteAudit(self._c).record(
            actor,
            "person",
            person_id,
            "back",
            before={"start": start.isoformat(), "end": end.isoformat()},
            after={"back_on": today.isoformat()},
            at=now,
        )
        return start, end
