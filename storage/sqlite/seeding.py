"""The SQLite SQL of storage/seeding.py's repository: SqliteSeeding on one connection.

The records it returns live in storage/seeding.py (shared by every backend).
"""

from __future__ import annotations

import contextlib
import json
import math
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

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
from storage.sqlite.audit import SqliteAudit
from storage.sqlite.rowids import inserted_id
from storage.text import fold, name_key
from storage.timefmt import to_db


@contextlib.contextmanager
def _indexes_rebuilt(conn: sqlite3.Connection, table: str, rows: int) -> Iterator[None]:
    """For a big bulk load, drop the table's secondary indexes and build them again after:
    CREATE INDEX sorts once, where row-by-row inserts touch index pages at random."""
    if rows < 50_000:
        yield
        return
    found = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index'"
        " AND tbl_name = ? AND sql IS NOT NULL",
        (table,),
    ).fetchall()
    for name, _sql in found:
        conn.execute(f'DROP INDEX "{name}"')
    try:
        yield
    finally:
        # No `PRAGMA threads` here: SQLite's sorter hands work to helper threads only when it
        # spills sorted runs to temp files, which temp_store=MEMORY never does (measured).
        for _name, sql in found:
            conn.execute(sql)


# Page cache while the rows go in (KiB), as the benchmark harness sets for its own build: with the
# store's 2 MB default, `ritmo seed` spilled pages to the WAL all through the load.
_BULK_CACHE_KIB = 256 * 1024


@contextlib.contextmanager
def _bulk_settings(conn: sqlite3.Connection) -> Iterator[None]:
    """Connection settings that only matter during the load, restored after it.

    CHECK constraints are not evaluated (`ignore_check_constraints`): every checked value in the
    generated rows comes from the constants above or from arithmetic whose range is fixed, and the IN-list check on
    interactions.kind alone cost more than a second per million rows. NOT NULL, UNIQUE and
    foreign keys are still enforced, and the tests run `PRAGMA integrity_check` (which checks
    CHECK constraints again) on a seeded store.
    """
    checks = conn.execute("PRAGMA ignore_check_constraints").fetchone()[0]
    cache = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute("PRAGMA ignore_check_constraints=ON")
    if cache < 0 and -cache < _BULK_CACHE_KIB:  # negative means KiB; pages left as they are
        conn.execute(f"PRAGMA cache_size=-{_BULK_CACHE_KIB}")
    try:
        yield
    finally:
        conn.execute(f"PRAGMA ignore_check_constraints={checks}")
        conn.execute(f"PRAGMA cache_size={cache}")


@contextlib.contextmanager
def _word_index_deferred(conn: sqlite3.Connection, table: str, after_id: int) -> Iterator[None]:
    """Feed the table's word index (migration 0004's `<table>_words`) once, after the load.

    The AFTER INSERT trigger costs a trigger program and an FTS insert per row (0.6 s for 20k
    accounts through executemany); one INSERT … SELECT of the new rows builds the same index
    entries in a third of that. The trigger is dropped and created again from its own SQL.
    """
    words = f"{table}_words"
    found = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (f"{words}_insert",)
    ).fetchone()
    if found is None:
        yield
        return
    conn.execute(f'DROP TRIGGER "{words}_insert"')
    try:
        yield
    finally:
        conn.execute(
            f"INSERT INTO {words} (rowid, name_folded) SELECT id, name_folded FROM {table}"
            " WHERE id > ?",
            (after_id,),
        )
        conn.execute(found[0])


def _ceil_div(a: int, b: int) -> int:
    return -(-a // b)


@dataclass(frozen=True)
class _Books:
    """Which reps own which accounts: group g is rep `owner` with the contiguous account range
    [first_account, first_account + accounts). Contiguous ranges let the interaction generator
    pick an account of the right owner by arithmetic instead of a lookup per row."""

    owner: int
    first_account: int
    accounts: int


def _books(rep_ids: list[int], n_accounts: int, base_account: int, seed: int) -> list[_Books]:
    """Accounts split into min(reps, accounts) near-equal ranges; the seed rotates which rep
    owns which range."""
    groups = min(len(rep_ids), n_accounts)
    books = []
    for g in range(groups):
        first = _ceil_div(g * n_accounts, groups)
        end = _ceil_div((g + 1) * n_accounts, groups)
        owner = rep_ids[(g * len(rep_ids) // groups + seed) % len(rep_ids)]
        books.append(_Books(owner, base_account + 1 + first, end - first))
    return books


def _values(items: tuple[str, ...] | list[str]) -> str:
    """A VALUES list (index, text) for constants joined by the SQL generators."""
    return ", ".join(
        f"({i}, '{item.replace(chr(39), chr(39) * 2)}')" for i, item in enumerate(items)
    )


def _ensure_cadence(conn: sqlite3.Connection, now: datetime) -> list[str]:
    keys = [r[0] for r in conn.execute("SELECT key FROM cadences ORDER BY key")]
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
        " VALUES ('synthetic', 'Sintética', 'Synthetic', 'exploratory', ?, 'seed', ?)",
        (json.dumps(definition), to_db(now)),
    )
    return ["synthetic"]


def _case(expr: str, items: tuple[str, ...] | list[str]) -> str:
    """`CASE expr WHEN 0 THEN 'a' …`: picks a constant per row without a join."""
    whens = " ".join(
        f"WHEN {i} THEN '{v.replace(chr(39), chr(39) * 2)}'" for i, v in enumerate(items)
    )
    return f"CASE {expr} {whens} END"


def _insert_interactions(
    conn: sqlite3.Connection, spec: SyntheticSpec, books: list[_Books], epoch: int, stamp: str
) -> None:
    """Generated inside SQLite: a recursive CTE counts and a multiplicative hash of (row, seed)
    stands in for the random generator — deterministic, and far faster than Python rows.

    Rows come out rep by rep (each rep's share of the rows, on accounts of that rep's book),
    each rep's in time order. Their index entries are then (person, time) already in order and
    (account, time) and (deal, time) in long sorted runs, and CREATE INDEX over them costs a
    third to a half of what it costs over rows in random order (1.9 s instead of 4.4 s for
    the three indexes on 1M rows).
    Times step evenly through the last 180 days with a jitter below one step, so they still
    strictly increase within a rep.
    """
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
                f"({first}, {rows}, {max(1, span // rows)}, {book.owner},"
                f" {book.first_account}, {book.accounts})"
            )
    longest = _ceil_div(n, groups)
    conn.execute(
        f"""
        WITH RECURSIVE seq(p) AS (SELECT 0 UNION ALL SELECT p + 1 FROM seq WHERE p < ? - 1),
        shares(first_row, len, step, owner, first_account, accounts) AS (
            VALUES {", ".join(shares)}),
        rows(owner, first_account, accounts, h1, t, h3) AS (
            SELECT owner, first_account, accounts,
                   ((first_row + p + ?) * 2654435761) % 4294967296,
                   ? - {span} + p * {span} / len
                     + ((first_row + p + ?) * 2246822519) % 4294967296 % step,
                   ((first_row + p + ?) * 3266489917) % 4294967296
            FROM shares CROSS JOIN seq WHERE p < len)
        INSERT INTO interactions (person_id, account_id, kind, body, occurred_at, created_at)
        SELECT owner, first_account + h1 % accounts, {_case(f"h3 % {len(KINDS)}", KINDS)},
               {_case(f"(h3 / 7) % {len(BODIES)}", BODIES)},
               replace(datetime(t, 'unixepoch'), ' ', 'T') || '+00:00', ?
        FROM rows
        """,
        (longest, spec.seed, epoch, spec.seed * 7 + 1, spec.seed * 13 + 2, stamp),
    )


def _insert_enrolments(
    conn: sqlite3.Connection,
    spec: SyntheticSpec,
    cadence_keys: list[str],
    epoch: int,
    stamp: str,
    base_contact: int,
) -> None:
    if not spec.enrolments:
        return
    due_per_mille = max(0, min(1000, round(spec.due_fraction * 1000)))
    conn.execute(
        f"""
        WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < ? - 1),
        cads(k, key) AS (VALUES {_values(cadence_keys)}),
        rows(i, h1, h2) AS (
            SELECT i, ((i + ?) * 2654435761) % 4294967296, ((i + ?) * 2246822519) % 4294967296
            FROM seq)
        INSERT INTO enrolments (cadence_key, account_id, contact_id, owner_id, step_index, due_at,
                                state, started_at, updated_at)
        SELECT cads.key, c.account_id, c.id, a.owner_id, h1 % 3,
               strftime('%Y-%m-%dT%H:%M:%S+00:00',
                        CASE WHEN h2 % 1000 < ? THEN ? - 60 - (h1 % 259200)
                             ELSE ? + 3600 + (h1 % 2592000) END, 'unixepoch'),
               'active', ?, ?
        FROM rows
        JOIN contacts c ON c.id = ? + 1 + i
        JOIN accounts a ON a.id = c.account_id
        JOIN cads ON cads.k = i % {len(cadence_keys)}
        """,
        (
            spec.enrolments,
            spec.seed,
            spec.seed * 3 + 5,
            due_per_mille,
            epoch,
            epoch,
            stamp,
            stamp,
            base_contact,
        ),
    )


def _insert_contacts(
    conn: sqlite3.Connection,
    count: int,
    accounts: int,
    base_contact: int,
    base_account: int,
    stamp: str,
) -> None:
    names = [f"{FIRST[(i * 7) % len(FIRST)]} {LAST[(i * 3) % len(LAST)]}" for i in range(400)]
    pairs = ", ".join(f"({i}, '{n}', '{fold(n)}')" for i, n in enumerate(names))
    conn.execute(
        f"""
        WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < ? - 1),
        names(k, name, folded) AS (VALUES {pairs})
        INSERT INTO contacts (id, account_id, name, name_folded, email, phone, created_at,
                              updated_at)
        SELECT ? + i + 1, ? + (i % ?) + 1, names.name, names.folded,
               'contato' || (? + i + 1) || '@exemplo.com.br',
               printf('+55119%08d', (? + i + 1) % 100000000), ?, ?
        FROM seq JOIN names ON names.k = i % 400
        """,
        (count, base_contact, base_account, accounts, base_contact, base_contact, stamp, stamp),
    )


def _insert_deals(
    conn: sqlite3.Connection,
    spec: SyntheticSpec,
    base_deal: int,
    base_account: int,
    epoch: int,
    stamp: str,
) -> None:
    if not spec.deals:
        return
    conn.execute(
        f"""
        WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < ? - 1),
        stages(k, key) AS (VALUES {_values(STAGES)}),
        rows(i, h1, h2, h3) AS (
            SELECT i, ((i + ?) * 2654435761) % 4294967296, ((i + ?) * 2246822519) % 4294967296,
                   ((i + ?) * 3266489917) % 4294967296 FROM seq),
        shaped AS (
            SELECT i, h1, h2, h3,
                   CASE WHEN h2 % 100 < 75 THEN 'open' WHEN h2 % 100 < 90 THEN 'won'
                        ELSE 'lost' END AS status,
                   strftime('%Y-%m-%dT%H:%M:%S+00:00',
                            ? - (5 + h3 % 196) * 86400, 'unixepoch') AS created
            FROM rows)
        INSERT INTO deals (id, account_id, owner_id, title, stage_key, amount, close_date, status,
                           lost_reason, stage_changed_at, closed_at, created_at, updated_at)
        SELECT ? + i + 1, a.id, a.owner_id, 'Negócio ' || (? + i + 1), stages.key,
               ((h1 / 5) % 495 + 5) * 1000.0,
               date(?, 'unixepoch', ((h3 / 7) % 181 - 60) || ' days'),
               status, CASE status WHEN 'lost' THEN 'price' END, created,
               CASE status WHEN 'open' THEN NULL ELSE ? END, created, ?
        FROM shaped
        JOIN accounts a ON a.id = ? + 1 + (h1 % ?)
        JOIN stages ON stages.k = (h2 / 100) % 5
        """,
        (
            spec.deals,
            spec.seed + 11,
            spec.seed * 5 + 3,
            spec.seed * 17 + 1,
            epoch,
            base_deal,
            base_deal,
            epoch,
            stamp,
            stamp,
            base_account,
            spec.accounts,
        ),
    )


class SqliteSeeding:
    """Seeding on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def seed_synthetic(self, spec: SyntheticSpec, now: datetime) -> SeedCounts:
        """Generate a whole dataset inside the caller's transaction."""
        stamp = to_db(now)
        base_person = self._c.execute("SELECT ifnull(max(id), 0) FROM people").fetchone()[0]
        n_teams = max(1, math.ceil(spec.reps / spec.team_size))

        team_rows = [(f"Time {base_person + t + 1}", stamp) for t in range(n_teams)]
        first_team = self._c.execute("SELECT ifnull(max(id), 0) FROM teams").fetchone()[0] + 1
        self._c.executemany("INSERT INTO teams (name, created_at) VALUES (?, ?)", team_rows)

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
        self._c.executemany(
            "INSERT INTO people (id, name, name_folded, role, team_id, timezone, locale, created_at)"
            " VALUES (?, ?, ?, ?, ?, 'America/Sao_Paulo', 'pt-BR', ?)",
            people_rows,
        )
        self._c.executemany(
            "UPDATE teams SET manager_id = ? WHERE id = ?",
            [(m, first_team + t) for t, m in enumerate(manager_ids)],
        )

        base_account = self._c.execute("SELECT ifnull(max(id), 0) FROM accounts").fetchone()[0]
        books = _books(rep_ids, spec.accounts, base_account, spec.seed)
        owners = [book.owner for book in books for _ in range(book.accounts)]

        def accounts() -> Iterator[tuple]:
            for i in range(spec.accounts):
                # Past 7,200 the words repeat, so a branch number keeps names unique; it goes
                # before the company suffix, where real names carry it ("Padaria Silva 2 Ltda").
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
        with _bulk_settings(self._c):
            with _word_index_deferred(self._c, "accounts", base_account):
                self._c.executemany(
                    "INSERT INTO accounts (id, name, name_folded, name_key, owner_id, segment,"
                    " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    accounts(),
                )

            n_contacts = max(spec.accounts, spec.enrolments)
            base_contact = self._c.execute("SELECT ifnull(max(id), 0) FROM contacts").fetchone()[0]

            epoch = int(now.timestamp())
            with (
                _word_index_deferred(self._c, "contacts", base_contact),
                _indexes_rebuilt(self._c, "contacts", n_contacts),
            ):
                _insert_contacts(
                    self._c, n_contacts, spec.accounts, base_contact, base_account, stamp
                )
            base_deal = self._c.execute("SELECT ifnull(max(id), 0) FROM deals").fetchone()[0]
            with _indexes_rebuilt(self._c, "deals", spec.deals):
                _insert_deals(self._c, spec, base_deal, base_account, epoch, stamp)
            self._c.execute(
                "INSERT INTO deal_changes (deal_id, at, to_stage, to_status, amount, actor)"
                " SELECT id, created_at, stage_key, status, amount, 'system:seed' FROM deals"
                " WHERE id > ?",
                (base_deal,),
            )

            with _indexes_rebuilt(self._c, "interactions", spec.interactions):
                _insert_interactions(self._c, spec, books, epoch, stamp)
            with _indexes_rebuilt(self._c, "enrolments", spec.enrolments):
                _insert_enrolments(self._c, spec, cadence_keys, epoch, stamp, base_contact)

        counts = SeedCounts(
            len(people_rows),
            spec.accounts,
            n_contacts,
            spec.deals,
            spec.interactions,
            spec.enrolments,
        )
        SqliteAudit(self._c).record(
            Actor.system("seed"),
            "dataset",
            None,
            "seed_synthetic",
            after={**spec.__dict__, "rows": counts.total},
            at=now,
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
        cur = self._c.execute(
            "INSERT INTO enrolments (cadence_key, account_id, contact_id, deal_id, owner_id, step_index,"
            " due_at, state, started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)",
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
        )
        SqliteAudit(self._c).record(
            actor,
            "enrolment",
            inserted_id(cur),
            "create",
            after={"cadence": cadence_key, "step_index": step_index, "due_at": to_db(due_at)},
            at=now,
        )
        return inserted_id(cur)

    def cadence_keys(self) -> list[str]:
        return [r[0] for r in self._c.execute("SELECT key FROM cadences ORDER BY key")]

    def ensure_cadences(self, now: datetime) -> list[str]:
        """The installed cadence keys; a minimal one is created when none is installed."""
        return _ensure_cadence(self._c, now)
