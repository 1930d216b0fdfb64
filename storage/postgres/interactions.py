"""Interactions on PostgreSQL (the SQLite twin: storage/sqlite/interactions.py).

Same rows, same answers, same order as SQLite. Where SQLite's order comes from an index walk
(rowid order among equal keys) the queries here say so with `, id`; orders people read (names)
compare bytes, as SQLite's BINARY collation does, whatever the database's locale.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from datetime import date, datetime
from typing import Any

import psycopg

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
from storage.postgres import labels as _labels_sql
from storage.postgres.audit import PgAudit
from storage.postgres.books import pg
from storage.postgres.hot import HotCursor
from storage.sqlite.audit import _dump  # backend-neutral: the same JSON bytes in both stores
from storage.timefmt import to_db

FU_COLS = "id, person_id, account_id, deal_id, kind, due_date, due_time, note, state"


def last_touch(book: books.Book | books.OwnerOf, account: str) -> tuple[str, list[Any]]:
    """storage.books.last_touch for PostgreSQL: the latest interaction in the book at an account
    (an SQL expression), NULL when there is none; the same newest-first walk down the
    (account_id, occurred_at) index, stopping at the first in the book."""
    where, params = books.interactions(book, "lt")
    return (
        f"(SELECT lt.occurred_at FROM interactions lt WHERE lt.account_id = {account}"
        f" AND {pg(where)} ORDER BY lt.occurred_at DESC LIMIT 1)",
        params,
    )


def _ranking(account: str, owner: str) -> str:
    """What ranks a due item, from its owner's own book only (as SQLite's `_ranking`): the
    amount and probability of the item's deal (else the owner's biggest open deal at the
    account) and the owner's last touch there. Every condition names outer columns only, so
    the fragment takes no parameters."""
    theirs = books.OwnerOf(owner)
    mine = books.deals(theirs, "x")[0]
    return (
        f" coalesce(d.amount, (SELECT max(x.amount) FROM deals x WHERE x.account_id = {account}"
        f" AND x.status = 'open' AND {mine}), 0), coalesce(d.currency, 'BRL'),"
        " coalesce(s.probability, (SELECT max(s2.probability) FROM deals x JOIN stages s2"
        f" ON s2.key = x.stage_key WHERE x.account_id = {account} AND x.status = 'open'"
        f" AND {mine}), 0), {last_touch(theirs, account)[0]}"
    )


def _next(account: str, person: str, limit: str) -> str:
    """The rep's active steps and open follow-ups at an account, the first `limit` of them
    joined to their cadences (PgInteractions.next_for_account says why it is shaped so); each
    argument an SQL expression. With "%s" for all three it takes the parameters account,
    person, account, person, limit; _LOG_MANY passes the columns of its run's row."""
    return (
        "SELECT i.src, i.id, CASE WHEN i.src = 'step' THEN c.xmin::text || c.ctid::text ELSE i.kind END AS what,"
        " c.name_pt, c.name_en, i.step_index, i.due, c.key,"
        " ARRAY(SELECT l.locale FROM labels l WHERE l.kind = 'cadence' AND l.key = c.key"
        " AND l.locale NOT IN ('pt-BR', 'en') ORDER BY l.locale COLLATE \"C\") AS locales,"
        " ARRAY(SELECT l.label FROM labels l WHERE l.kind = 'cadence' AND l.key = c.key"
        " AND l.locale NOT IN ('pt-BR', 'en') ORDER BY l.locale COLLATE \"C\") AS names"
        " FROM (SELECT * FROM (SELECT 'step' AS src, e.id, e.cadence_key AS kind,"
        " e.step_index, e.due_at AS due FROM enrolments e"
        f" WHERE e.account_id = {account} AND e.owner_id + 0 = {person} AND e.state = 'active'"
        " AND e.due_at IS NOT NULL"
        " UNION ALL SELECT 'follow_up', f.id, f.kind, NULL, f.due_date FROM follow_ups f"
        f" WHERE f.account_id = {account} AND f.person_id = {person} AND f.state = 'open') u"
        ' ORDER BY substr(u.due, 1, 10) COLLATE "C", u.due COLLATE "C", u.src DESC, u.id'
        f" LIMIT {limit}) i"
        " LEFT JOIN cadences c ON i.src = 'step' AND c.key = i.kind"
        ' ORDER BY substr(i.due, 1, 10) COLLATE "C", i.due COLLATE "C", i.src DESC, i.id'
    )


# Parameters: account, person, account, person, limit. Also a subquery of _LOG_NEXT.
_NEXT = _next("%s", "%s", "%s")

# A log at an account in one statement (PgInteractions.log_at_account): the interaction on the
# rep's only open deal there (a scalar subquery: NULL for none or several), its audit row from
# the insert's RETURNING, and -- in _LOG_NEXT -- what is next at the account, each item a row
# that repeats the insert's id (NULL on a redelivery) and deal. The audit row's `after` is
# built around the deal id: `prefix || deal || suffix`, the same bytes as _dump's JSON.
_LOG = (
    "WITH ins AS (INSERT INTO interactions (person_id, account_id, deal_id, contact_id,"
    " kind, body, occurred_at, attachment, source_platform, source_message_id, created_at)"
    " VALUES (%s, %s, (SELECT CASE WHEN count(*) = 1 THEN min(o.id) END FROM (SELECT id"
    " FROM deals WHERE account_id = %s AND owner_id = %s AND status = 'open' LIMIT 2) o),"
    " %s, %s, %s, %s, %s, %s, %s, %s)"
    " ON CONFLICT (source_platform, source_message_id) DO NOTHING RETURNING id, deal_id),"
    " aud AS (INSERT INTO audit_log (at, actor_person_id, actor, entity, entity_id, action,"
    " after) SELECT %s, %s, %s, 'interaction', ins.id::text, 'create',"
    " %s || coalesce(ins.deal_id::text, 'null') || %s FROM ins)"
)
_LOG_ONLY = _LOG + " SELECT id, deal_id FROM ins"
_LOG_NEXT = (
    _LOG + " SELECT ins.id, ins.deal_id, n.* FROM (SELECT 1) one LEFT JOIN ins ON true"
    f" LEFT JOIN ({_NEXT}) n ON true"
    ' ORDER BY substr(n.due, 1, 10) COLLATE "C", n.due COLLATE "C", n.src DESC, n.id'
)


# A run of logs in ONE statement (PgInteractions.log_many): its one parameter is a JSON array
# with a row of 15 values per log, and each log gets what _LOG_NEXT (or _LOG_ONLY) gives it
# alone. Why not psycopg's pipelined executemany: 17-22 parameters dumped and a statement
# queued per log, ~70 us a log on the writer's thread (benchmarks/RESULTS.md, pg24). Why not an
# array per argument with unnest: psycopg dumps a list element by element in Python, a regular
# expression each (no faster than the pipeline, 102 against 103 us a log); json.dumps is C. The ids are drawn from the table's sequence in
# the run's order (`q`, materialized once: nextval is volatile) and inserted explicitly, so the
# RETURNING rows find their log by id, never by the order the server returns them in; the
# inserts (and so the audit rows) go in the run's order. A log whose message is already stored
# (before, or earlier in the same run) inserts nothing: its row here has no id, as a lone
# log's. Logs don't change enrolments or follow-ups, so each log's next items read here are
# those it would read after the earlier logs of its run; `lim` is 0 for a log that asks none.
_LOG_MANY = (
    "WITH q AS MATERIALIZED (SELECT u.*,"
    " nextval(pg_get_serial_sequence('interactions', 'id')) AS new_id,"
    " (SELECT CASE WHEN count(*) = 1 THEN min(o.id) END FROM (SELECT d.id FROM deals d"
    " WHERE d.account_id = u.account_id AND d.owner_id = u.person_id AND d.status = 'open'"
    " LIMIT 2) o) AS deal"
    " FROM (SELECT (r->>0)::bigint AS person_id, (r->>1)::bigint AS account_id,"
    " (r->>2)::bigint AS contact_id, r->>3 AS kind, r->>4 AS body, r->>5 AS occurred_at,"
    " r->>6 AS attachment, r->>7 AS source_platform, r->>8 AS source_message_id, r->>9 AS at,"
    " (r->>10)::bigint AS actor_id, r->>11 AS actor, r->>12 AS head, r->>13 AS tail,"
    " (r->>14)::int AS lim, n FROM jsonb_array_elements(%s::jsonb) WITH ORDINALITY AS j(r, n)"
    " ORDER BY n) u),"
    " ins AS (INSERT INTO interactions (id, person_id, account_id, deal_id, contact_id, kind,"
    " body, occurred_at, attachment, source_platform, source_message_id, created_at)"
    " SELECT q.new_id, q.person_id, q.account_id, q.deal, q.contact_id, q.kind, q.body,"
    " q.occurred_at, q.attachment, q.source_platform, q.source_message_id, q.at FROM q"
    " ORDER BY q.n ON CONFLICT (source_platform, source_message_id) DO NOTHING"
    " RETURNING id, deal_id),"
    " aud AS (INSERT INTO audit_log (at, actor_person_id, actor, entity, entity_id, action,"
    " after) SELECT q.at, q.actor_id, q.actor, 'interaction', ins.id::text, 'create',"
    " q.head || coalesce(ins.deal_id::text, 'null') || q.tail FROM ins"
    " JOIN q ON q.new_id = ins.id ORDER BY q.n)"
    " SELECT q.n, ins.id, ins.deal_id, nx.* FROM q LEFT JOIN ins ON ins.id = q.new_id"
    f" LEFT JOIN LATERAL ({_next('q.account_id', 'q.person_id', 'q.lim')}) nx ON true"
    ' ORDER BY q.n, substr(nx.due, 1, 10) COLLATE "C", nx.due COLLATE "C", nx.src DESC, nx.id'
)

# A cadence's key -> (the row version its channels were read from, each step's channel), one
# per connection (PgInteractions._channels: a row's xmin is unique within one server only). A
# next item names its step's cadence and that row's version (`xmin` with `ctid`: a new pair with
# every edit, even two edits in one transaction, which share an xmin), not the definition: three steps a log carried their cadences' whole definitions,
# 2.2-4.3 KB each in the benchmark's store, ~9 KB a log for the server to read and send and the
# writer's thread to receive and decode (benchmarks/RESULTS.md, pg24). A version not seen yet
# (a new connection, an edited cadence) reads the definitions in one more statement; an entry is
# used only while its version is the row's, so an edited definition is read again.
Channels = dict[str, tuple[str, tuple[str | None, ...]]]


def _steps_channels(definition: str) -> tuple[str | None, ...]:
    """Each step's channel in a cadence's definition (as SQLite's `_step_channel` reads it)."""
    return tuple(step.get("channel") for step in json.loads(definition).get("steps", []))


def _learn(hot: HotCursor, known: Channels, rows: list[Any]) -> None:
    """Read the definitions of the steps' cadences whose version is not the one remembered."""
    if len(known) > 256:  # keys come and go: the cache must not pile up (cleared before the
        known.clear()  # stale ones are picked, so every cadence of these rows is read again)
    stale = {
        key
        for src, _, version, *_, key, _, _ in rows
        if src == "step" and key is not None and (known.get(key) or ("",))[0] != version
    }
    if not stale:
        return
    for key, version, definition in hot.all(
        "SELECT key, xmin::text || ctid::text, definition FROM cadences WHERE key = ANY(%s)",
        (list(stale),),
    ):
        known[key] = (version, _steps_channels(definition))


def _channel(known: Channels, key: str, index: int) -> str | None:
    """Step `index`'s channel in its cadence (as SQLite's `_step_channel`); `_learn` first.
    A cadence edited between the two statements answers with its newer definition."""
    found = known.get(key)
    channels = found[1] if found is not None else ()
    return channels[index] if 0 <= index < len(channels) else None


def _next_items(hot: HotCursor, known: Channels, rows: list[Any]) -> list[NextItem]:
    """NextItems from _NEXT's rows (`hot`: where to read a definition not in `known`)."""
    _learn(hot, known, rows)
    return [
        NextItem(
            "step",
            r[1],
            _channel(known, r[7], r[5]),
            r[3],
            r[4],
            r[5],
            r[6],
            r[7],
            tuple(zip(r[8], r[9], strict=True)),
        )
        if r[0] == "step"
        else NextItem(r[0], r[1], r[2], None, None, None, r[6])
        for r in rows
    ]


@dataclass(frozen=True, slots=True)
class LogCall:
    """The arguments of one `log_at_account` (in its order), and its statement."""

    person_id: int
    account_id: int
    kind: str
    occurred_at: datetime
    actor: Actor
    now: datetime
    body: str = ""
    contact_id: int | None = None
    attachment: str | None = None
    source_platform: str | None = None
    source_message_id: str | None = None
    with_next: bool = False

    def audit_parts(self) -> tuple[str, str, str]:
        """When it occurred (as stored) and its audit row's `after` either side of the deal id
        (the server puts the deal id between them: see _LOG)."""
        occurred = to_db(self.occurred_at)
        after = _dump(
            {
                "person_id": self.person_id,
                "account_id": self.account_id,
                "deal_id": None,
                "kind": self.kind,
                "occurred_at": occurred,
                "source": self.source_message_id,
            }
        )
        assert after is not None
        head, tail = after.split('"deal_id": null', 1)  # ints before it: the key itself
        return occurred, head + '"deal_id": ', tail

    def statement(self) -> tuple[str, tuple[Any, ...]]:
        """The one statement that stores the log (see _LOG) and its parameters."""
        occurred, head, tail = self.audit_parts()
        at = to_db(self.now)
        person, account = self.person_id, self.account_id
        params: tuple[Any, ...] = (
            person, account, account, person, self.contact_id, self.kind, self.body, occurred,
            self.attachment, self.source_platform, self.source_message_id, at, at,
            self.actor.person_id, self.actor.label, head, tail,
        )  # fmt: skip
        if self.with_next:
            return _LOG_NEXT, (*params, account, person, account, person, 3)
        return _LOG_ONLY, params


class PgInteractions:
    """Interactions on a PostgreSQL connection."""

    __slots__ = ("_c", "_hot", "_channels")

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._c = conn
        self._hot = HotCursor(conn)  # log_interaction and next_for_account: every log
        self._channels: Channels = {}  # the steps' channels by cadence (see Channels)

    def attachment(self, interaction_id: int) -> str | None:
        """The file reference kept with an interaction, or None (as SQLite's)."""
        row = self._c.execute(
            "SELECT attachment FROM interactions WHERE id = %s", (interaction_id,)
        ).fetchone()
        return row[0] if row else None

    def get_interaction(self, interaction_id: int) -> Interaction | None:
        row = self._c.execute(
            f"SELECT {_COLS} FROM interactions WHERE id = %s", (interaction_id,)
        ).fetchone()
        return Interaction(*row) if row else None

    def _redelivered(self, source_platform: str | None, source_message_id: str | None) -> Logged:
        """A redelivered message's log: the insert did nothing, so the row first stored."""
        found = self._c.execute(
            f"SELECT {_COLS} FROM interactions"
            " WHERE source_platform = %s AND source_message_id = %s",
            (source_platform, source_message_id),
        ).fetchone()
        assert found is not None  # the conflict that skipped the insert is this row
        return Logged(Interaction(*found), False)

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

        As on SQLite: the insert (a no-op for a redelivered message, which then reads the stored
        one) and its audit row. Another process storing the same message at the same moment
        makes the insert wait for it and then do nothing, so the message is stored once.

        One statement for both rows: the audit row is inserted by a data-modifying CTE from
        the interaction's RETURNING (nothing when the insert did nothing), so a log costs the
        writer one round trip here instead of two (issue 16: the writer thread waits out every
        round trip of every log in its batch). The audit row's JSON is built here, by the same
        encoder as PgAudit.record's, so its bytes are SQLite's.
        """
        occurred = to_db(occurred_at)
        after = _dump(
            {
                "person_id": person_id,
                "account_id": account_id,
                "deal_id": deal_id,
                "kind": kind,
                "occurred_at": occurred,
                "source": source_message_id,
            }
        )
        row = self._hot.one(
            "WITH i AS (INSERT INTO interactions (person_id, account_id, deal_id, contact_id,"
            " kind, outcome, body, occurred_at, latitude, longitude, attachment,"
            " source_platform, source_message_id, created_at)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
            " ON CONFLICT (source_platform, source_message_id) DO NOTHING RETURNING id),"
            " a AS (INSERT INTO audit_log (at, actor_person_id, actor, entity, entity_id,"
            " action, after) SELECT %s, %s, %s, 'interaction', i.id::text, 'create', %s FROM i)"
            " SELECT id FROM i",
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
                to_db(now),
                to_db(now),
                actor.person_id,
                actor.label,
                after,
            ),
        )
        if row is None:
            return self._redelivered(source_platform, source_message_id)
        stored = Interaction(
            row[0],
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
        next there for them: SQLite's twin's three calls in one statement, so one round trip.

        The writer thread waits out every round trip of every log in its batch, and each one
        costs far more than its statement (issue 16: the thread waits for the GIL behind the
        event loop when the answer comes back); three per log held PostgreSQL near 0.3x
        SQLite's logs/s. The deal is a scalar subquery in the insert, the audit row a CTE on
        its RETURNING (log_interaction's), and the next items ride along as rows joined to the
        insert's id. A redelivered message (the insert did nothing) reads the stored row in a
        second statement and gets no next items, as SQLite's does.
        """
        call = LogCall(
            person_id, account_id, kind, occurred_at, actor, now, body, contact_id,
            attachment, source_platform, source_message_id, with_next,
        )  # fmt: skip
        query, params = call.statement()
        return self._answer(call, self._hot.all(query, params))

    def log_many(self, calls: list[LogCall]) -> list[tuple[Logged, list[NextItem]]]:
        """Several logs' `log_at_account`, in order, in ONE statement (_LOG_MANY): the writer's
        batch of plain logs uses it (storage.postgres.log_batch); each answer is the one
        `log_at_account` gives when the same calls run one after another."""
        rows = []
        for c in calls:
            when, head, tail = c.audit_parts()
            actor = c.actor
            rows.append(
                (
                    c.person_id, c.account_id, c.contact_id, c.kind, c.body, when, c.attachment,
                    c.source_platform, c.source_message_id, to_db(c.now), actor.person_id,
                    actor.label, head, tail, 3 if c.with_next else 0,
                )
            )  # fmt: skip
        param = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
        by_log: list[list[Any]] = [[] for _ in calls]
        for row in self._hot.all(_LOG_MANY, (param,)):
            by_log[row[0] - 1].append(row[1:])
        return [self._answer(c, rows) for c, rows in zip(calls, by_log, strict=True)]

    def _answer(self, call: LogCall, rows: list[Any]) -> tuple[Logged, list[NextItem]]:
        """log_at_account's answer from its statement's rows."""
        if not rows or rows[0][0] is None:
            return self._redelivered(call.source_platform, call.source_message_id), []
        stored = Interaction(
            rows[0][0],
            call.person_id,
            call.account_id,
            rows[0][1],
            call.contact_id,
            call.kind,
            None,
            call.body,
            to_db(call.occurred_at),
            call.source_platform,
            call.source_message_id,
        )
        nexts = [r[2:] for r in rows if r[2] is not None] if call.with_next else []
        items = _next_items(self._hot, self._channels, nexts) if nexts else []
        return Logged(stored, True), items

    def recent_for_account(
        self, account_id: int, owner_ids: list[int] | None, limit: int = 5
    ) -> list[Interaction]:
        """The latest interactions at an account that are in this book (storage.books)."""
        where, params = books.interactions(owner_ids)
        rows = self._c.execute(
            f"SELECT {_COLS} FROM interactions i WHERE i.account_id = %s AND {pg(where)}"
            " ORDER BY i.occurred_at DESC, i.id DESC LIMIT %s",
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
        """Add a one-off follow-up; the same source message adds it once.

        One round trip for a new follow-up (the insert returns the row); a repeated source
        message inserts nothing and reads the stored one, even when another process stored it
        a moment ago (SQLite's read-then-insert would raise there).
        """
        values = (
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
        )
        insert = (
            "INSERT INTO follow_ups (person_id, account_id, deal_id, kind, due_date, due_time,"
            " note, source_platform, source_message_id, created_at)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)"
        )
        once = source_platform and source_message_id
        conflict = " ON CONFLICT (source_platform, source_message_id) DO NOTHING" if once else ""
        row = self._c.execute(f"{insert}{conflict} RETURNING {FU_COLS}", values).fetchone()
        if row is None:
            found = self._c.execute(
                f"SELECT {FU_COLS} FROM follow_ups WHERE source_platform = %s"
                " AND source_message_id = %s",
                (source_platform, source_message_id),
            ).fetchone()
            assert found is not None  # the conflict that skipped the insert is this row
            return FollowUp(*found)
        follow_up = FollowUp(*row)
        PgAudit(self._c).record(
            actor, "follow_up", follow_up.id, "create", after=asdict(follow_up), at=now
        )
        return follow_up

    def follow_ups_due(
        self, person_id: int, until: date, account_id: int | None = None
    ) -> list[FollowUp]:
        """Open follow-ups of a person due on or before `until` (or all open ones of an account)."""
        if account_id is not None:
            rows = self._c.execute(
                f"SELECT {FU_COLS} FROM follow_ups WHERE account_id = %s"
                " AND state = 'open' ORDER BY due_date, id",
                (account_id,),
            )
        else:
            rows = self._c.execute(
                f"SELECT {FU_COLS} FROM follow_ups WHERE person_id = %s"
                " AND state = 'open' AND due_date <= %s ORDER BY due_date, id",
                (person_id, until.isoformat()),
            )
        return [FollowUp(*r) for r in rows]

    def last_touch(self, account_id: int, owner_ids: list[int] | None) -> str | None:
        """When this book last touched an account (None: never)."""
        expr, params = last_touch(owner_ids, "%s")
        row = self._c.execute(f"SELECT {expr}", [account_id, *params]).fetchone()
        assert row is not None  # a SELECT without FROM returns one row
        return row[0]

    def touches_by_person(self, person_ids: list[int] | None, since: str) -> dict[int, int]:
        """Interactions logged per person since a UTC timestamp (team activity)."""
        if person_ids is None:
            rows = self._c.execute(
                "SELECT person_id, count(*) FROM interactions WHERE occurred_at >= %s"
                " GROUP BY person_id",
                (since,),
            )
        else:
            rows = self._c.execute(
                "SELECT person_id, count(*) FROM interactions WHERE person_id = ANY(%s)"
                " AND occurred_at >= %s GROUP BY person_id",
                (list(person_ids), since),
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
        """Active cadence steps due before a UTC timestamp, earliest first.

        The step's channel is read from the definition's JSON in SQL, as SQLite does
        (`json_extract`); a step index past the end reads as no channel.
        """
        clause, params = books.enrolments(owner_ids)
        extra = " AND e.account_id = %s" if account_id is not None else ""
        rows = self._c.execute(
            "SELECT 'step', e.id, e.owner_id, p.name, a.id, a.name, ct.name,"
            " (c.definition::jsonb -> 'steps' -> e.step_index::int ->> 'channel'),"
            " c.name_pt, c.name_en, e.step_index, e.due_at,"
            + _ranking("e.account_id", "e.owner_id")
            + ", NULL, e.cadence_key"
            " FROM enrolments e JOIN cadences c ON c.key = e.cadence_key"
            " JOIN accounts a ON a.id = e.account_id JOIN people p ON p.id = e.owner_id"
            " LEFT JOIN contacts ct ON ct.id = e.contact_id"
            " LEFT JOIN deals d ON d.id = e.deal_id AND d.owner_id = e.owner_id"
            " LEFT JOIN stages s ON s.key = d.stage_key"
            f" WHERE e.state = 'active' AND {pg(clause)} AND e.due_at < %s{extra}"
            " ORDER BY e.due_at, e.id LIMIT %s",
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
        extra = " AND f.account_id = %s" if account_id is not None else ""
        rows = self._c.execute(
            "SELECT 'follow_up', f.id, f.person_id, p.name, a.id, a.name, NULL, f.kind, NULL,"
            " NULL, NULL, f.due_date," + _ranking("f.account_id", "f.person_id") + ", f.note"
            " FROM follow_ups f JOIN people p ON p.id = f.person_id"
            " LEFT JOIN accounts a ON a.id = f.account_id"
            " LEFT JOIN deals d ON d.id = f.deal_id AND d.owner_id = f.person_id"
            " LEFT JOIN stages s ON s.key = d.stage_key"
            f" WHERE f.state = 'open' AND {pg(clause)} AND f.due_date <= %s{extra}"
            " ORDER BY f.due_date, f.id LIMIT %s",
            [*params, until.isoformat(), *([account_id] if account_id is not None else []), limit],
        )
        return [DueItem(*r) for r in rows]

    def behind_by_owner(
        self, owner_ids: list[int] | None, step_before: str, follow_up_before: date
    ) -> list[Behind]:
        """Per rep, what is overdue (steps due before a UTC timestamp, follow-ups before a date).

        Sums of counts are numeric in PostgreSQL: cast back to integers. Ties in the amount
        behind are ordered by name, byte by byte as SQLite compares."""
        e_clause, e_params = books.enrolments(owner_ids)
        f_clause, f_params = books.follow_ups(owner_ids)
        rows = self._c.execute(
            "SELECT b.owner_id, p.name, sum(b.steps)::bigint, sum(b.fus)::bigint, min(b.oldest)"
            " FROM (SELECT e.owner_id AS owner_id, count(*) AS steps, 0 AS fus,"
            " substr(min(e.due_at), 1, 10) AS oldest FROM enrolments e"
            f" WHERE e.state = 'active' AND e.due_at < %s AND {pg(e_clause)}"
            " GROUP BY e.owner_id"
            " UNION ALL SELECT f.person_id, 0, count(*), min(f.due_date) FROM follow_ups f"
            f" WHERE f.state = 'open' AND f.due_date < %s AND {pg(f_clause)}"
            " GROUP BY f.person_id) b JOIN people p ON p.id = b.owner_id"
            ' GROUP BY b.owner_id, p.name ORDER BY sum(b.steps) + sum(b.fus) DESC, p.name COLLATE "C"',
            [step_before, *e_params, follow_up_before.isoformat(), *f_params],
        )
        return [Behind(*r) for r in rows]

    def next_for_account(self, person_id: int, account_id: int, limit: int = 3) -> list[NextItem]:
        """The rep's active steps and open follow-ups at an account, earliest first (lean: read on
        the log write path).

        One round trip for all of it: the steps and follow-ups ordered and cut to `limit` in
        the server, then only those steps joined to their cadence (names, and the definition a
        step's channel is read from) and to its names in other locales. Each round trip on the
        write path is one the writer thread waits out for every log in its batch (issue 16:
        the writer is busy all the time when logs queue up), and a cadence's definition is
        2-4 kB: fetched for the first `limit` items only, not for every step at the account.
        The order is SQLite's twin's: by day first (a follow-up's due is a date, a step's a
        timestamp), then the full value, ties steps before follow-ups, then by id; strings
        compare byte by byte as Python's sort does.

        `e.owner_id + 0` keeps the owner's index out of the plan: an account has a handful of
        enrolments, a rep hundreds, yet the planner ANDed both indexes' bitmaps (medium store,
        the busiest rep: 0.076 ms against 0.027 ms through the account's index alone).
        """
        rows = self._hot.all(_NEXT, (account_id, person_id, account_id, person_id, limit))
        return _next_items(self._hot, self._channels, rows)
