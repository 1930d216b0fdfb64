"""Schedules on PostgreSQL (the SQLite twin: storage/sqlite/schedules.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

import psycopg

from storage.audit import Actor
from storage.errors import ConstraintError, StoreError
from storage.postgres.audit import PgAudit
from storage.schedules import PREFERENCE_COLUMNS, Schedule
from storage.timefmt import date_to_db, to_db

_PEOPLE_COLS = (
    "id, name, locale, timezone, work_start, work_end, work_days, quiet_start, quiet_end,"
    " notify_mode, notify_times"
)
# What decides when a person may be reached: SQLite returns its groups sorted by these (its
# GROUP BY sorts), NULLs first and text byte by byte; the same order here.
_GROUP_KEY = (
    "timezone, work_start, work_end, work_days, quiet_start, quiet_end, notify_mode, notify_times"
)
_GROUP_ORDER = ", ".join(f'{c.strip()} COLLATE "C" NULLS FIRST' for c in _GROUP_KEY.split(","))
_NO_DAY = "0000-00-00"  # earlier than any date: "since" not given means every absence


class PgSchedules:
    """Schedules on a PostgreSQL connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._c = conn

    def schedules_of(
        self, person_ids: list[int], since: date | None = None
    ) -> dict[int, Schedule]:
        """Schedules of many people in two queries (the due scan asks for every owner at once)."""
        ids = list(person_ids)
        absences: dict[int, list[tuple[date, date]]] = {}
        for r in self._c.execute(
            "SELECT person_id, start_date, end_date FROM away_periods WHERE person_id = ANY(%s)"
            " AND end_date >= %s ORDER BY start_date, id",
            (ids, date_to_db(since) if since else _NO_DAY),
        ):
            absences.setdefault(r[0], []).append(
                (date.fromisoformat(r[1]), date.fromisoformat(r[2]))
            )
        rows = self._c.execute(
            f"SELECT {_PEOPLE_COLS} FROM people WHERE id = ANY(%s) ORDER BY id", (ids,)
        )
        return {r[0]: replace(Schedule(*r), absences=tuple(absences.get(r[0], ()))) for r in rows}

    def schedule_groups(
        self, person_ids: list[int], since: date | None = None
    ) -> list[tuple[Schedule, tuple[int, ...]]]:
        """People grouped by everything that decides when they may be reached, in few rows.

        As SQLite's: each group's Schedule is its lowest id's (SQLite's bare columns beside
        min(id) come from that row; here the first of each aggregate ordered by id); people
        away on or after `since` are one group each. Ids in a group ascend.
        """
        ids = list(person_ids)
        since_db = date_to_db(since) if since else _NO_DAY
        away = [
            r[0]
            for r in self._c.execute(
                "SELECT DISTINCT person_id FROM away_periods WHERE person_id = ANY(%s)"
                " AND end_date >= %s",
                (ids, since_db),
            )
        ]
        rows = self._c.execute(
            "SELECT min(id), (array_agg(name ORDER BY id))[1], (array_agg(locale ORDER BY id))[1],"
            f" {_GROUP_KEY}, array_agg(id ORDER BY id) FROM people p"
            " WHERE id = ANY(%s) AND NOT EXISTS (SELECT 1 FROM away_periods a"
            "  WHERE a.person_id = p.id AND a.end_date >= %s)"
            f" GROUP BY {_GROUP_KEY} ORDER BY {_GROUP_ORDER}",
            (ids, since_db),
        ).fetchall()
        groups = [(Schedule(*r[:11]), tuple(r[11])) for r in rows]
        groups += [(schedule, (pid,)) for pid, schedule in self.schedules_of(away, since).items()]
        return groups

    def schedule_of(self, person_id: int, since: date | None = None) -> Schedule:
        row = self._c.execute(
            f"SELECT {_PEOPLE_COLS} FROM people WHERE id = %s", (person_id,)
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
            columns = ", ".join(f"{c} = %s" for c in changes)  # names checked just above
            self._c.execute(
                f"UPDATE people SET {columns} WHERE id = %s", [*changes.values(), person_id]
            )
        PgAudit(self._c).record(
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
        row = self._c.execute(
            "INSERT INTO away_periods (person_id, start_date, end_date, created_at)"
            " VALUES (%s, %s, %s, %s) RETURNING id",
            (person_id, date_to_db(start), date_to_db(end), to_db(now)),
        ).fetchone()
        assert row is not None  # RETURNING of a successful insert
        PgAudit(self._c).record(
            actor,
            "person",
            person_id,
            "away",
            after={"start": start.isoformat(), "end": end.isoformat()},
            at=now,
        )
        return int(row[0])

    def away_periods(self, person_id: int, since: date | None = None) -> list[tuple[date, date]]:
        rows = self._c.execute(
            "SELECT start_date, end_date FROM away_periods WHERE person_id = %s"
            " AND end_date >= %s ORDER BY start_date, id",
            (person_id, date_to_db(since) if since else _NO_DAY),
        )
        return [(date.fromisoformat(r[0]), date.fromisoformat(r[1])) for r in rows]

    def end_away(
        self, actor: Actor, person_id: int, today: date, now: datetime
    ) -> tuple[date, date] | None:
        """End the absence the person is in today: it now ends yesterday (one that began today
        is removed). Returns the absence as it was, or None when they are not away today."""
        row = self._c.execute(
            "SELECT id, start_date, end_date FROM away_periods WHERE person_id = %s"
            " AND start_date <= %s AND end_date >= %s ORDER BY start_date DESC, id DESC LIMIT 1",
            (person_id, date_to_db(today), date_to_db(today)),
        ).fetchone()
        if row is None:
            return None
        start, end = date.fromisoformat(row[1]), date.fromisoformat(row[2])
        if start >= today:
            self._c.execute("DELETE FROM away_periods WHERE id = %s", (row[0],))
        else:
            self._c.execute(
                "UPDATE away_periods SET end_date = %s WHERE id = %s",
                (date_to_db(today - timedelta(days=1)), row[0]),
            )
        PgAudit(self._c).record(
            actor,
            "person",
            person_id,
            "back",
            before={"start": start.isoformat(), "end": end.isoformat()},
            after={"back_on": today.isoformat()},
            at=now,
        )
        return start, end
