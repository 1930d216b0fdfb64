"""Synthetic datasets on PostgreSQL (the SQLite twin: storage/sqlite/seeding.py).

The same rows, value for value, for the same spec and seed: the same multiplicative hashes
of (row, seed) stand in for a random generator, computed by the server over
`generate_series` (SQLite counts with a recursive CTE), so a million interactions are one
statement, not a million round trips. People, teams and accounts come from Python (their
names are made there) and go in with COPY.

Ids are chosen as SQLite chooses them (max(id) + 1 …) and the identity sequences are moved
past them afterwards, so later inserts that take a default id never collide with seeded rows.
"""

from __future__ import annotations

import contextlib
import json
import math
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any

import psycopg

from storage.audit import Actor
from storage.seeding import (
    BODIES,
    BUSINESS,
    FIRST,
    KINDS,
    LAST,
    PLACE,
    SEGMENTS,
    STAGES,
    SUFFIX,
    SeedCounts,
    SyntheticSpec,
)
from storage.text import fold, name_key
from storage.timefmt import to_db

Conn = psycopg.Connection[Any]

# A moment (seconds since the epoch, a bigint expression) as storage.timefmt.to_db writes it.
_ISO = "to_char(to_timestamp({}) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"+00:00\"')"

# Loads at least this big drop the table's plain indexes and foreign keys, and add them back
# once afterwards.
_REBUILD_MIN_ROWS = 10_000


def _quote(text: str) -> str:
    """A SQL string literal (`%` doubled: the statement also carries parameters)."""
    return "'" + text.replace("'", "''").replace("%", "%%") + "'"


@contextlib.contextmanager
def _bulk(conn: Conn, table: str, rows: int) -> Iterator[None]:
    """For a big bulk load, drop the table's plain secondary indexes and its foreign keys, and
    build them again after: CREATE INDEX sorts once where row-by-row inserts touch index pages
    at random, and adding a foreign key back checks every row with one join where the load
    would run one lookup per row and key (measured: 200k interactions took 15 s with them).

    Never an index behind a constraint (primary key, UNIQUE), whose check every row needs.
    DDL is transactional: a failed seed rolls the drop back. The drop holds the table's
    ACCESS EXCLUSIVE lock until the seed commits (seeding is a bootstrap, not live traffic).
    """
    if rows < _REBUILD_MIN_ROWS:
        yield
        return
    indexes = conn.execute(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i"
        " JOIN pg_class c ON c.relname = i.indexname AND c.relnamespace = current_schema()::regnamespace"
        " JOIN pg_index x ON x.indexrelid = c.oid"
        " WHERE i.schemaname = current_schema() AND i.tablename = %s AND NOT x.indisunique"
        " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid)",
        (table,),
    ).fetchall()
    keys = conn.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
        (table,),
    ).fetchall()
    for name, _sql in indexes:
        conn.execute(f'DROP INDEX "{name}"')
    for name, _sql in keys:
        conn.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
    try:
        yield
    finally:
        for _name, sql in indexes:
            conn.execute(sql)
        for name, sql in keys:
            conn.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {sql}')


# The triggers that count changes to visible names: one UPDATE of the counter per inserting
# statement since migration 0024, and the seeder inserts in many statements (executemany).
_VERSION_TRIGGERS = {
    "accounts": "book_version_account_insert",
    "contacts": "book_version_contact_insert",
    "deals": "book_version_deal_insert",
}


@contextlib.contextmanager
def version_counted_once(conn: Conn, table: str, rows: int) -> Iterator[None]:
    """Insert into `table` with its book_version insert trigger off, then add `rows` to the
    version in one UPDATE: the same number the trigger would have reached (SQLite fires it
    per row). Holds the table's ACCESS EXCLUSIVE lock until commit: only for seeding, where
    nobody else is using the store; an import is one COPY per table, counted by the trigger."""
    trigger = _VERSION_TRIGGERS[table]
    conn.execute(f'ALTER TABLE "{table}" DISABLE TRIGGER "{trigger}"')
    try:
        yield
    finally:
        conn.execute(f'ALTER TABLE "{table}" ENABLE TRIGGER "{trigger}"')
    conn.execute("UPDATE book_version SET version = version + %s WHERE id = 1", (rows,))


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


class _Books:
    """Which reps own which accounts: rep `owner` has the contiguous account range
    [first_account, first_account + accounts) (see storage/sqlite/seeding.py)."""

    __slots__ = ("owner", "first_account", "accounts")

    def __init__(self, owner: int, first_account: int, accounts: int) -> None:
        self.owner, self.first_account, self.accounts = owner, first_account, accounts


def _books(rep_ids: list[int], n_accounts: int, base_account: int, seed: int) -> list[_Books]:
    """Accounts split into min(reps, accounts) near-equal ranges; the seed rotates which rep
    owns which range (the same split as SQLite's)."""
    groups = min(len(rep_ids), n_accounts)
    books = []
    for g in range(groups):
        first = _ceil_div(g * n_accounts, groups)
        end = _ceil_div((g + 1) * n_accounts, groups)
        owner = rep_ids[(g * len(rep_ids) // groups + seed) % len(rep_ids)]
        books.append(_Books(owner, base_account + 1 + first, end - first))
    return books


def _values(items: Sequence[str]) -> str:
    """A VALUES list (index, text) for constants joined by the SQL generators."""
    return ", ".join(f"({i}, {_quote(item)})" for i, item in enumerate(items))


def _case(expr: str, items: Sequence[str]) -> str:
    """`CASE expr WHEN 0 THEN 'a' …`: picks a constant per row without a join."""
    whens = " ".join(f"WHEN {i} THEN {_quote(v)}" for i, v in enumerate(items))
    return f"CASE {expr} {whens} END"


def _ensure_cadence(conn: Conn, now: datetime) -> list[str]:
    keys = [r[0] for r in conn.execute('SELECT key FROM cadences ORDER BY key COLLATE "C"')]
    if keys:
        return keys
    definition = {
        "key": "synthetic",
        "kind": "exploratory",
        "business_days": True,
        "steps": [{"wait": 0, "channel": "call"}, {"wait": 2, "channel": "email"}],
    }
    conn.execute(
        "INSERT INTO cadences (key, name_pt, name_en, kind, definition, source, updated_at)"
        " VALUES ('synthetic', 'Sintética', 'Synthetic', 'exploratory', %s, 'seed', %s)",
        (json.dumps(definition), to_db(now)),
    )
    return ["synthetic"]


def _copy(conn: Conn, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    with conn.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as cp:
        for row in rows:
            cp.write_row(row)


def _max_id(conn: Conn, table: str) -> int:
    row = conn.execute(f"SELECT coalesce(max(id), 0) FROM {table}").fetchone()
    return int(row[0]) if row else 0


def _sequences_past_ids(conn: Conn, tables: Sequence[str]) -> None:
    """Move each table's identity sequence past its largest id (rows were given their ids)."""
    for table in tables:
        conn.execute(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), m, true)"
            f" FROM (SELECT max(id) AS m FROM {table}) t WHERE m IS NOT NULL",
            (table,),
        )


def _insert_interactions(
    conn: Conn, spec: SyntheticSpec, books: list[_Books], epoch: int, stamp: str
) -> None:
    """Rep by rep, each rep's rows in time order on accounts of that rep's book; times step
    evenly through the last 180 days with a jitter below one step (as SQLite's)."""
    if not spec.interactions:
        return
    span = 180 * 86400
    n, groups = spec.interactions, len(books)
    shares = []
    for g, book in enumerate(books):
        first = _ceil_div(g * n, groups)
        rows = _ceil_div((g + 1) * n, groups) - first
        if rows:
            shares.append(
                f"({first}::bigint, {rows}::bigint, {max(1, span // rows)}::bigint,"
                f" {book.owner}::bigint, {book.first_account}::bigint, {book.accounts}::bigint)"
            )
    time = _ISO.format("t")
    conn.execute(
        f"""
        WITH shares(first_row, len, step, owner, first_account, accounts) AS (
            VALUES {", ".join(shares)}),
        rows(first_row, p, owner, first_account, accounts, h1, t, h3) AS (
            SELECT first_row, p, owner, first_account, accounts,
                   ((first_row + p + %(seed)s) * 2654435761) %% 4294967296,
                   %(epoch)s - {span} + p * {span} / len
                     + ((first_row + p + %(seed7)s) * 2246822519) %% 4294967296 %% step,
                   ((first_row + p + %(seed13)s) * 3266489917) %% 4294967296
            FROM shares CROSS JOIN LATERAL generate_series(0::bigint, len - 1) AS p)
        INSERT INTO interactions (person_id, account_id, kind, body, occurred_at, created_at)
        SELECT owner, first_account + h1 %% accounts, {_case(f"h3 %% {len(KINDS)}", KINDS)},
               {_case(f"(h3 / 7) %% {len(BODIES)}", BODIES)}, {time}, %(stamp)s
        FROM rows ORDER BY first_row, p
        """,
        {
            "seed": spec.seed,
            "epoch": epoch,
            "seed7": spec.seed * 7 + 1,
            "seed13": spec.seed * 13 + 2,
            "stamp": stamp,
        },
    )


def _insert_enrolments(
    conn: Conn,
    spec: SyntheticSpec,
    cadence_keys: list[str],
    epoch: int,
    stamp: str,
    base_contact: int,
) -> None:
    if not spec.enrolments:
        return
    due_per_mille = max(0, min(1000, round(spec.due_fraction * 1000)))
    due = _ISO.format(
        "CASE WHEN h2 %% 1000 < %(due)s THEN %(epoch)s - 60 - (h1 %% 259200)"
        " ELSE %(epoch)s + 3600 + (h1 %% 2592000) END"
    )
    conn.execute(
        f"""
        WITH cads(k, key) AS (VALUES {_values(cadence_keys)}),
        rows(i, h1, h2) AS (
            SELECT i, ((i + %(seed)s) * 2654435761) %% 4294967296,
                   ((i + %(seed3)s) * 2246822519) %% 4294967296
            FROM generate_series(0::bigint, %(n)s - 1) AS i)
        INSERT INTO enrolments (cadence_key, account_id, contact_id, owner_id, step_index, due_at,
                                state, started_at, updated_at)
        SELECT cads.key, c.account_id, c.id, a.owner_id, h1 %% 3, {due},
               'active', %(stamp)s, %(stamp)s
        FROM rows
        JOIN contacts c ON c.id = %(base)s + 1 + i
        JOIN accounts a ON a.id = c.account_id
        JOIN cads ON cads.k = i %% {len(cadence_keys)}
        ORDER BY i
        """,
        {
            "n": spec.enrolments,
            "seed": spec.seed,
            "seed3": spec.seed * 3 + 5,
            "due": due_per_mille,
            "epoch": epoch,
            "stamp": stamp,
            "base": base_contact,
        },
    )


def _insert_contacts(
    conn: Conn, count: int, accounts: int, base_contact: int, base_account: int, stamp: str
) -> None:
    names = [f"{FIRST[(i * 7) % len(FIRST)]} {LAST[(i * 3) % len(LAST)]}" for i in range(400)]
    pairs = ", ".join(f"({i}, {_quote(n)}, {_quote(fold(n))})" for i, n in enumerate(names))
    conn.execute(
        f"""
        WITH names(k, name, folded) AS (VALUES {pairs})
        INSERT INTO contacts (id, account_id, name, name_folded, email, phone, created_at,
                              updated_at)
        SELECT %(base)s + i + 1, %(base_account)s + (i %% %(accounts)s) + 1, names.name,
               names.folded, 'contato' || (%(base)s + i + 1)::text || '@exemplo.com.br',
               '+55119' || lpad(((%(base)s + i + 1) %% 100000000)::text, 8, '0'),
               %(stamp)s, %(stamp)s
        FROM generate_series(0::bigint, %(n)s - 1) AS i JOIN names ON names.k = i %% 400
        ORDER BY i
        """,
        {
            "n": count,
            "base": base_contact,
            "base_account": base_account,
            "accounts": accounts,
            "stamp": stamp,
        },
    )


def _insert_deals(
    conn: Conn, spec: SyntheticSpec, base_deal: int, base_account: int, epoch: int, stamp: str
) -> None:
    if not spec.deals:
        return
    created = _ISO.format("%(epoch)s - (5 + h3 %% 196) * 86400")
    conn.execute(
        f"""
        WITH stages(k, key) AS (VALUES {_values(STAGES)}),
        rows(i, h1, h2, h3) AS (
            SELECT i, ((i + %(s1)s) * 2654435761) %% 4294967296,
                   ((i + %(s2)s) * 2246822519) %% 4294967296,
                   ((i + %(s3)s) * 3266489917) %% 4294967296
            FROM generate_series(0::bigint, %(n)s - 1) AS i),
        shaped AS (
            SELECT i, h1, h2, h3,
                   CASE WHEN h2 %% 100 < 75 THEN 'open' WHEN h2 %% 100 < 90 THEN 'won'
                        ELSE 'lost' END AS status,
                   {created} AS created
            FROM rows)
        INSERT INTO deals (id, account_id, owner_id, title, stage_key, amount, close_date, status,
                           lost_reason, stage_changed_at, closed_at, created_at, updated_at)
        SELECT %(base)s + i + 1, a.id, a.owner_id, 'Negócio ' || (%(base)s + i + 1)::text,
               stages.key, (((h1 / 5) %% 495 + 5) * 1000)::double precision,
               to_char((to_timestamp(%(epoch)s) AT TIME ZONE 'UTC')::date
                       + ((h3 / 7) %% 181 - 60)::int, 'YYYY-MM-DD'),
               status, CASE status WHEN 'lost' THEN 'price' END, created,
               CASE status WHEN 'open' THEN NULL ELSE %(stamp)s END, created, %(stamp)s
        FROM shaped
        JOIN accounts a ON a.id = %(base_account)s + 1 + (h1 %% %(accounts)s)
        JOIN stages ON stages.k = (h2 / 100) %% 5
        ORDER BY i
        """,
        {
            "n": spec.deals,
            "s1": spec.seed + 11,
            "s2": spec.seed * 5 + 3,
            "s3": spec.seed * 17 + 1,
            "epoch": epoch,
            "base": base_deal,
            "stamp": stamp,
            "base_account": base_account,
            "accounts": spec.accounts,
        },
    )


def _audit(
    conn: Conn,
    actor: Actor,
    entity: str,
    entity_id: object,
    action: str,
    after: Any,
    now: datetime,
) -> None:
    """One audit row, written as storage/sqlite/audit.py writes it."""
    conn.execute(
        "INSERT INTO audit_log (at, actor_person_id, actor, entity, entity_id, action, before,"
        " after, reason) VALUES (%s, %s, %s, %s, %s, %s, NULL, %s, NULL)",
        (
            to_db(now),
            actor.person_id,
            actor.label,
            entity,
            None if entity_id is None else str(entity_id),
            action,
            json.dumps(after, ensure_ascii=False, default=str),
        ),
    )


class PgSeeding:
    """Seeding on a PostgreSQL connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._c = conn

    def seed_synthetic(self, spec: SyntheticSpec, now: datetime) -> SeedCounts:
        """Generate a whole dataset inside the caller's transaction."""
        stamp = to_db(now)
        base_person = _max_id(self._c, "people")
        n_teams = max(1, math.ceil(spec.reps / spec.team_size))

        first_team = _max_id(self._c, "teams") + 1
        _copy(
            self._c,
            "teams",
            ("id", "name", "created_at"),
            [(first_team + t, f"Time {base_person + t + 1}", stamp) for t in range(n_teams)],
        )

        def person_name(i: int) -> str:
            return (
                f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]} {base_person + i}"
            )

        people_rows = []
        pid = base_person
        manager_ids, rep_ids = [], []
        for t in range(n_teams):
            pid += 1
            name = person_name(pid - base_person)
            people_rows.append((pid, name, fold(name), "manager", first_team + t, stamp))
            manager_ids.append(pid)
        for r in range(spec.reps):
            pid += 1
            name = person_name(pid - base_person)
            people_rows.append(
                (pid, name, fold(name), "rep", first_team + r // spec.team_size, stamp)
            )
            rep_ids.append(pid)
        _copy(
            self._c,
            "people",
            ("id", "name", "name_folded", "role", "team_id", "timezone", "locale", "created_at"),
            [(*row[:5], "America/Sao_Paulo", "pt-BR", row[5]) for row in people_rows],
        )
        self._c.execute(
            "UPDATE teams t SET manager_id = m.manager FROM unnest(%s::bigint[], %s::bigint[])"
            " AS m(team, manager) WHERE t.id = m.team",
            ([first_team + t for t in range(n_teams)], manager_ids),
        )

        base_account = _max_id(self._c, "accounts")
        books = _books(rep_ids, spec.accounts, base_account, spec.seed)
        owners = [book.owner for book in books for _ in range(book.accounts)]

        def accounts() -> Iterator[tuple[Any, ...]]:
            for i in range(spec.accounts):
                # Past 7,200 the words repeat, so a branch number keeps names unique.
                branch = f" {i // 7200}" if i >= 7200 else ""
                name = (
                    f"{BUSINESS[i % len(BUSINESS)]} {LAST[(i // 30) % len(LAST)]} "
                    f"{PLACE[(i // 480) % len(PLACE)]}{branch} {SUFFIX[i % len(SUFFIX)]}"
                )
                yield (
                    base_account + i + 1,
                    name,
                    fold(name),
                    name_key(name),
                    owners[i],
                    SEGMENTS[i % len(SEGMENTS)],
                    stamp,
                    stamp,
                )

        cadence_keys = _ensure_cadence(self._c, now)
        with (
            version_counted_once(self._c, "accounts", spec.accounts),
            _bulk(self._c, "accounts", spec.accounts),
        ):
            _copy(
                self._c,
                "accounts",
                ("id", "name", "name_folded", "name_key", "owner_id", "segment")
                + ("created_at", "updated_at"),
                accounts(),
            )

        n_contacts = max(spec.accounts, spec.enrolments)
        base_contact = _max_id(self._c, "contacts")
        epoch = int(now.timestamp())
        with (
            version_counted_once(self._c, "contacts", n_contacts),
            _bulk(self._c, "contacts", n_contacts),
        ):
            _insert_contacts(self._c, n_contacts, spec.accounts, base_contact, base_account, stamp)
        base_deal = _max_id(self._c, "deals")
        with (
            version_counted_once(self._c, "deals", spec.deals),
            _bulk(self._c, "deals", spec.deals),
        ):
            _insert_deals(self._c, spec, base_deal, base_account, epoch, stamp)
        with _bulk(self._c, "deal_changes", spec.deals):
            self._c.execute(
                "INSERT INTO deal_changes (deal_id, at, to_stage, to_status, amount, actor)"
                " SELECT id, created_at, stage_key, status, amount, 'system:seed' FROM deals"
                " WHERE id > %s ORDER BY id",
                (base_deal,),
            )
        with _bulk(self._c, "interactions", spec.interactions):
            _insert_interactions(self._c, spec, books, epoch, stamp)
        with _bulk(self._c, "enrolments", spec.enrolments):
            _insert_enrolments(self._c, spec, cadence_keys, epoch, stamp, base_contact)
        _sequences_past_ids(self._c, ("teams", "people", "accounts", "contacts", "deals"))

        counts = SeedCounts(
            len(people_rows),
            spec.accounts,
            n_contacts,
            spec.deals,
            spec.interactions,
            spec.enrolments,
        )
        _audit(
            self._c,
            Actor.system("seed"),
            "dataset",
            None,
            "seed_synthetic",
            {**spec.__dict__, "rows": counts.total},
            now,
        )
        return counts

    def insert_enrolment(
        self,
        *,
        cadence_key: str,
        account_id: int,
        contact_id: int | None,
        deal_id: int | None,
        owner_id: int,
        step_index: int,
        due_at: datetime,
        actor: Actor,
        now: datetime,
    ) -> int:
        """One enrolment at a given step and due time (demo data starts mid-cadence)."""
        row = self._c.execute(
            "INSERT INTO enrolments (cadence_key, account_id, contact_id, deal_id, owner_id,"
            " step_index, due_at, state, started_at, updated_at)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, 'active', %s, %s) RETURNING id",
            (
                cadence_key,
                account_id,
                contact_id,
                deal_id,
                owner_id,
                step_index,
                to_db(due_at),
                to_db(now),
                to_db(now),
            ),
        ).fetchone()
        assert row is not None  # INSERT … RETURNING of one row returns it
        enrolment_id = int(row[0])
        _audit(
            self._c,
            actor,
            "enrolment",
            enrolment_id,
            "create",
            {"cadence": cadence_key, "step_index": step_index, "due_at": to_db(due_at)},
            now,
        )
        return enrolment_id

    def cadence_keys(self) -> list[str]:
        return [r[0] for r in self._c.execute('SELECT key FROM cadences ORDER BY key COLLATE "C"')]

    def ensure_cadences(self, now: datetime) -> list[str]:
        """The installed cadence keys; a minimal one is created when none is installed."""
        return _ensure_cadence(self._c, now)
