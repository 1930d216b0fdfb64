"""The SQLite SQL of storage/interactions.py's repository: SqliteInteractions on one connection.

The records it returns live in storage/interactions.py (shared by every backend).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, replace
from datetime import date, datetime
from json.encoder import encode_basestring as _json_str

from storage import books, labels
from storage.audit import Actor
from storage.interactions import (
    _COLS,
    Behind,
    DueItem,
    FollowUp,
    Interaction,
    Logged,
    NextItem,
)
from storage.sqlite import audit
from storage.sqlite import labels as _labels_sql
from storage.sqlite.audit import SqliteAudit
from storage.sqlite.rowids import inserted_id
from storage.timefmt import to_db

_FU_COLS = "id, person_id, account_id, deal_id, kind, due_date, due_time, note, state"


def _ranking(account: str, owner: str) -> str:
    """What ranks a due item, from its owner's own book only: the amount and probability of
    the item's deal (else the owner's biggest open deal at the account) and the owner's last
    touch there. Another rep's bigger deal on a shared account never leaks into "why"."""
    theirs = books.OwnerOf(owner)
    mine = books.deals(theirs, "x")[0]
    return (
        f" coalesce(d.amount, (SELECT max(x.amount) FROM deals x WHERE x.account_id = {account}"
        f" AND x.status = 'open' AND {mine}), 0), coalesce(d.currency, 'BRL'),"
        " coalesce(s.probability, (SELECT max(s2.probability) FROM deals x JOIN stages s2"
        f" ON s2.key = x.stage_key WHERE x.account_id = {account} AND x.status = 'open'"
        f" AND {mine}), 0), {books.last_touch(theirs, account)[0]}"
    )


# A cadence definition's text -> each step's channel. Reading a step's channel out of the JSON
# in SQL parsed the whole definition once per enrolment on every log; keyed by the text itself,
# an edited definition can never be answered from an old entry.
_CHANNELS: dict[str, tuple[str | None, ...]] = {}


def _step_channel(definition: str, index: int) -> str | None:
    channels = _CHANNELS.get(definition)
    if channels is None:
        channels = tuple(step.get("channel") for step in json.loads(definition).get("steps", []))
        if len(_CHANNELS) > 256:  # definitions edited over and over must not pile up
            _CHANNELS.clear()
        _CHANNELS[definition] = channels
    return channels[index] if 0 <= index < len(channels) else None


class SqliteInteractions:
    """Interactions on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def get_interaction(self, interaction_id: int) -> Interaction | None:
        row = self._c.execute(
            f"SELECT {_COLS} FROM interactions WHERE id = ?", (interaction_id,)
        ).fetchone()
        return Interaction(*row) if row else None

    def attachment(self, interaction_id: int) -> str | None:
        """The file reference kept with an interaction, or None; read on its own: nothing on the
        hot paths needs it."""
        row = self._c.execute(
            "SELECT attachment FROM interactions WHERE id = ?", (interaction_id,)
        ).fetchone()
        return row[0] if row else None

    def log_interaction(
        self,
        *,
        person_id: int,
        kind: str,
        occurred_at: datetime,
        actor: Actor,
        now: datetime,
        body: str = "",
        account_id: int | None = None,
        deal_id: int | None = None,
        contact_id: int | None = None,
        outcome: str | None = None,
        latitude: float | None = None,
        longitude: float | None = None,
        attachment: str | None = None,
        source_platform: str | None = None,
        source_message_id: str | None = None,
    ) -> Logged:
        """Store an interaction; the same (platform, message id) is stored only once.

        The hot write path of the whole product (every rep logging at once), so it costs two
        statements: the insert, which the unique source key turns into a no-op for a redelivered
        message, and its audit row.
        """
        occurred = to_db(occurred_at)
        created = occurred if now is occurred_at else to_db(now)  # a log "now" is often both
        cur = self._c.execute(
            "INSERT INTO interactions (person_id, account_id, deal_id, contact_id, kind, outcome, body,"
            " occurred_at, latitude, longitude, attachment, source_platform, source_message_id,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (source_platform, source_message_id) DO NOTHING",
            (
                person_id,
                account_id,
                deal_id,
                contact_id,
                kind,
                outcome,
                body,
                occurred,
                latitude,
                longitude,
                attachment,
                source_platform,
                source_message_id,
                created,
            ),
        )
        if not cur.rowcount:
            row = self._c.execute(
                f"SELECT {_COLS} FROM interactions WHERE source_platform = ? AND source_message_id = ?",
                (source_platform, source_message_id),
            ).fetchone()
            return Logged(Interaction(*row), False)
        stored = Interaction(
            inserted_id(cur),
            person_id,
            account_id,
            deal_id,
            contact_id,
            kind,
            outcome,
            body,
            occurred,
            source_platform,
            source_message_id,
        )
        # The audit row's `after` written out here: the same text as SqliteAudit.record's JSON
        # of {"person_id", "account_id", "deal_id", "kind", "occurred_at", "source"} (tested
        # against it), at a third of the encoder's cost on the hottest write. `kind` passed the
        # table's CHECK and `occurred` is timefmt's text: neither has anything to escape.
        account = "null" if account_id is None else int.__repr__(account_id)
        deal = "null" if deal_id is None else int.__repr__(deal_id)
        source = "null" if source_message_id is None else _json_str(source_message_id)
        # audit.insert's statement executed here, not through it: a call and a tuple less.
        self._c.execute(
            audit.INSERT,
            (
                created,
                actor.person_id,
                actor.label,
                "interaction",
                str(stored.id),
                "create",
                None,
                f'{{"person_id": {int.__repr__(person_id)}, "account_id": {account}, "deal_id":'
                f' {deal}, "kind": "{kind}", "occurred_at": "{occurred}", "source": {source}}}',
                None,
            ),
        )
        return Logged(stored, True)

    def log_at_account(
        self,
        *,
        person_id: int,
        account_id: int,
        kind: str,
        occurred_at: datetime,
        actor: Actor,
        now: datetime,
        body: str = "",
        contact_id: int | None = None,
        attachment: str | None = None,
        source_platform: str | None = None,
        source_message_id: str | None = None,
        with_next: bool = False,
    ) -> tuple[Logged, list[NextItem]]:
        """A rep's log at an account, on their only open deal there, and (`with_next`) what is
        next there for them. Plain calls here: SQLite has no round trips to save (the
        PostgreSQL twin does it all in one statement)."""
        only = self._c.execute(
            "SELECT id FROM deals WHERE account_id = ? AND owner_id = ? AND status = 'open' LIMIT 2",
            (account_id, person_id),
        ).fetchall()
        logged = self.log_interaction(
            person_id=person_id,
            kind=kind,
            occurred_at=occurred_at,
            actor=actor,
            now=now,
            body=body,
            account_id=account_id,
            deal_id=only[0][0] if len(only) == 1 else None,
            contact_id=contact_id,
            attachment=attachment,
            source_platform=source_platform,
            source_message_id=source_message_id,
        )
        if not (with_next and logged.created):
            return logged, []
        return logged, self.next_for_account(person_id, account_id)

    def recent_for_account(
        self, account_id: int, owner_ids: list[int] | None, limit: int = 5
    ) -> list[Interaction]:
        """The latest interactions at an account that are in this book (storage.books)."""
        where, params = books.interactions(owner_ids)
        rows = self._c.execute(
            f"SELECT {_COLS} FROM interactions i WHERE i.account_id = ? AND {where}"
            " ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?",
            (account_id, *params, limit),
        )
        return [Interaction(*r) for r in rows]

    def add_follow_up(
        self,
        *,
        person_id: int,
        kind: str,
        due: date,
        actor: Actor,
        now: datetime,
        account_id: int | None = None,
        deal_id: int | None = None,
        due_time: str | None = None,
        note: str = "",
        source_platform: str | None = None,
        source_message_id: str | None = None,
    ) -> FollowUp:
        """Add a one-off follow-up; the same source message adds it once."""
        if source_platform and source_message_id:
            row = self._c.execute(
                f"SELECT {_FU_COLS} FROM follow_ups WHERE source_platform = ?"
                " AND source_message_id = ?",
                (source_platform, source_message_id),
            ).fetchone()
            if row:
                return FollowUp(*row)
        cur = self._c.execute(
            "INSERT INTO follow_ups (person_id, account_id, deal_id, kind, due_date, due_time, note,"
            " source_platform, source_message_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                person_id,
                account_id,
                deal_id,
                kind,
                due.isoformat(),
                due_time,
                note,
                source_platform,
                source_message_id,
                to_db(now),
            ),
        )
        row = self._c.execute(
            f"SELECT {_FU_COLS} FROM follow_ups WHERE id = ?", (inserted_id(cur),)
        ).fetchone()
        follow_up = FollowUp(*row)
        SqliteAudit(self._c).record(
            actor, "follow_up", follow_up.id, "create", after=asdict(follow_up), at=now
        )
        return follow_up

    def follow_ups_due(
        self, person_id: int, until: date, account_id: int | None = None
    ) -> list[FollowUp]:
        """Open follow-ups of a person due on or before `until` (or all open ones of an account)."""
        if account_id is not None:
            rows = self._c.execute(
                f"SELECT {_FU_COLS} FROM follow_ups WHERE account_id = ?"
                " AND state = 'open' ORDER BY due_date",
                (account_id,),
            )
        else:
            rows = self._c.execute(
                f"SELECT {_FU_COLS} FROM follow_ups WHERE person_id = ?"
                " AND state = 'open' AND due_date <= ? ORDER BY due_date",
                (person_id, until.isoformat()),
            )
        return [FollowUp(*r) for r in rows]

    def last_touch(self, account_id: int, owner_ids: list[int] | None) -> str | None:
        """When this book last touched an account (None: never)."""
        expr, params = books.last_touch(owner_ids, "?")
        return self._c.execute(f"SELECT {expr}", [account_id, *params]).fetchone()[0]

    def touches_by_person(self, person_ids: list[int] | None, since: str) -> dict[int, int]:
        """Interactions logged per person since a UTC timestamp (team activity)."""
        if person_ids is None:
            rows = self._c.execute(
                "SELECT person_id, count(*) FROM interactions WHERE occurred_at >= ?"
                " GROUP BY person_id",
                (since,),
            )
        else:
            marks = ",".join("?" * len(person_ids)) or "NULL"
            rows = self._c.execute(
                f"SELECT person_id, count(*) FROM interactions WHERE person_id IN"
                f" ({marks}) AND occurred_at >= ? GROUP BY person_id",
                [*person_ids, since],
            )
        return {r[0]: r[1] for r in rows}

    def due_steps(
        self,
        owner_ids: list[int] | None,
        before: str,
        *,
        account_id: int | None = None,
        limit: int = 200,
    ) -> list[DueItem]:
        """Active cadence steps due before a UTC timestamp, earliest first."""
        clause, params = books.enrolments(owner_ids)
        extra = " AND e.account_id = ?" if account_id is not None else ""
        rows = self._c.execute(
            "SELECT 'step', e.id, e.owner_id, p.name, a.id, a.name, ct.name,"
            " json_extract(c.definition, '$.steps[' || e.step_index || '].channel'),"
            " c.name_pt, c.name_en, e.step_index, e.due_at,"
            + _ranking("e.account_id", "e.owner_id")
            + ", NULL, e.cadence_key"
            " FROM enrolments e JOIN cadences c ON c.key = e.cadence_key"
            " JOIN accounts a ON a.id = e.account_id JOIN people p ON p.id = e.owner_id"
            " LEFT JOIN contacts ct ON ct.id = e.contact_id"
            " LEFT JOIN deals d ON d.id = e.deal_id AND d.owner_id = e.owner_id"
            " LEFT JOIN stages s ON s.key = d.stage_key"
            f" WHERE e.state = 'active' AND {clause} AND e.due_at < ?{extra}"
            " ORDER BY e.due_at LIMIT ?",
            [*params, before, *([account_id] if account_id is not None else []), limit],
        ).fetchall()
        found = _labels_sql.load_cadences(self._c, (r[-1] for r in rows if r[-1]))
        return [
            replace(item, cadence_others=labels.others(found, "cadence", item.cadence_key or ""))
            for item in (DueItem(*r) for r in rows)
        ]

    def due_follow_ups(
        self,
        owner_ids: list[int] | None,
        until: date,
        *,
        account_id: int | None = None,
        limit: int = 200,
    ) -> list[DueItem]:
        """Open follow-ups due on or before `until`, earliest first."""
        clause, params = books.follow_ups(owner_ids)
        extra = " AND f.account_id = ?" if account_id is not None else ""
        rows = self._c.execute(
            "SELECT 'follow_up', f.id, f.person_id, p.name, a.id, a.name, NULL, f.kind, NULL, NULL,"
            " NULL, f.due_date," + _ranking("f.account_id", "f.person_id") + ", f.note"
            " FROM follow_ups f JOIN people p ON p.id = f.person_id"
            " LEFT JOIN accounts a ON a.id = f.account_id"
            " LEFT JOIN deals d ON d.id = f.deal_id AND d.owner_id = f.person_id"
            " LEFT JOIN stages s ON s.key = d.stage_key"
            f" WHERE f.state = 'open' AND {clause} AND f.due_date <= ?{extra}"
            " ORDER BY f.due_date LIMIT ?",
            [*params, until.isoformat(), *([account_id] if account_id is not None else []), limit],
        )
        return [DueItem(*r) for r in rows]

    def behind_by_owner(
        self, owner_ids: list[int] | None, step_before: str, follow_up_before: date
    ) -> list[Behind]:
        """Per rep, what is overdue (steps due before a UTC timestamp, follow-ups before a date)."""
        e_clause, e_params = books.enrolments(owner_ids)
        f_clause, f_params = books.follow_ups(owner_ids)
        rows = self._c.execute(
            "SELECT owner_id, p.name, sum(steps), sum(fus), min(oldest) FROM ("
            " SELECT e.owner_id AS owner_id, count(*) AS steps, 0 AS fus,"
            " substr(min(e.due_at), 1, 10) AS oldest FROM enrolments e"
            f" WHERE e.state = 'active' AND e.due_at < ? AND {e_clause} GROUP BY e.owner_id"
            " UNION ALL SELECT f.person_id, 0, count(*), min(f.due_date) FROM follow_ups f"
            f" WHERE f.state = 'open' AND f.due_date < ? AND {f_clause} GROUP BY f.person_id"
            ") JOIN people p ON p.id = owner_id GROUP BY owner_id ORDER BY sum(steps) + sum(fus) DESC, p.name",
            [step_before, *e_params, follow_up_before.isoformat(), *f_params],
        )
        return [Behind(*r) for r in rows]

    def next_for_account(self, person_id: int, account_id: int, limit: int = 3) -> list[NextItem]:
        """The rep's active steps and open follow-ups at an account, earliest first (lean: read on
        the log write path).

        Two indexed lookups in one UNION ALL statement, sorted here rather than by SQLite: an
        account has a handful of each, and an ORDER BY's co-routine and sorter cost twice the
        lookups themselves on every log. The cadences (names, and the definition a step's
        channel is read from) are read after the merge, once per cadence among the first
        `limit` items: joined to every step, each step's row carried its cadence's whole JSON
        definition (2-4 kB), which made the steps' lookup 41 us instead of 12 (5 steps).
        Four statements became two (lookups in one, cadences with their labels in one):
        43 -> 27 us for an account with three steps (best of 7, the medium store).
        """
        rows = self._c.execute(
            "SELECT 'step', e.id, e.cadence_key, NULL, NULL, e.step_index, e.due_at"
            " FROM enrolments e WHERE e.account_id = ? AND e.owner_id = ? AND e.state = 'active'"
            " AND e.due_at IS NOT NULL UNION ALL"
            " SELECT 'follow_up', f.id, f.kind, NULL, NULL, NULL, f.due_date FROM follow_ups f"
            " WHERE f.account_id = ? AND f.person_id = ? AND f.state = 'open'",
            (account_id, person_id, account_id, person_id),
        ).fetchall()
        # By day first (a follow-up's due is a date, a step's a timestamp), then the full value;
        # both kinds of row carry it at [6].
        first = sorted(rows, key=lambda r: (r[6][:10], r[6]))[:limit]
        keys = sorted({r[2] for r in first if r[0] == "step"})
        if not keys:
            return [NextItem(*r) for r in first]
        marks = ", ".join("?" * len(keys))
        # Each cadence with its names in locales beyond pt-BR and English, in one statement
        # (one row per such name, or one with NULLs): the labels read on their own, and the
        # Labels record built of them, cost a statement and ~4 us more on every log.
        cadences: dict[str, tuple[str, str, str, list[tuple[str, str]]]] = {}
        for key, definition, name_pt, name_en, locale, label in self._c.execute(
            "SELECT c.key, c.definition, c.name_pt, c.name_en, l.locale, l.label"
            " FROM cadences c LEFT JOIN labels l ON l.kind = 'cadence' AND l.key = c.key"
            f" AND l.locale NOT IN ('pt-BR', 'en') WHERE c.key IN ({marks})",
            keys,
        ):
            cadence = cadences.get(key)
            if cadence is None:
                cadence = cadences[key] = (definition, name_pt, name_en, [])
            if locale is not None:
                cadence[3].append((locale, label))
        items = []
        for r in first:
            if r[0] != "step":
                items.append(NextItem(*r))
                continue
            definition, name_pt, name_en, others = cadences[r[2]]
            items.append(
                NextItem(
                    "step",
                    r[1],
                    _step_channel(definition, r[5]),
                    name_pt,
                    name_en,
                    r[5],
                    r[6],
                    r[2],
                    tuple(sorted(others)),  # as labels.others gives them
                )
            )
        return items
