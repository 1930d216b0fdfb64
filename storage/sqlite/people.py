"""The SQLite SQL of storage/people.py's repository: SqlitePeople on one connection.

The records it returns live in storage/people.py (shared by every backend).
"""

from __future__ import annotations

import secrets
import sqlite3
from dataclasses import asdict
from datetime import datetime, timedelta

from storage.audit import Actor
from storage.errors import ConstraintError, NotFound
from storage.people import (
    CODE_ALPHABET,
    CODE_LENGTH,
    LINK_FREE_FAILURES,
    LINK_MAX_DELAY_S,
    ROLES,
    Identity,
    LinkResult,
    Person,
    Team,
    _person,
)
from storage.sqlite.audit import SqliteAudit
from storage.sqlite.rowids import inserted_id
from storage.text import fold
from storage.timefmt import from_db, to_db


def _team(row: sqlite3.Row) -> Team:
    return Team(
        row["id"], row["name"], row["manager_id"], row["target_amount"], row["target_currency"]
    )


def _identity(row: sqlite3.Row) -> Identity:
    return Identity(
        row["id"],
        row["person_id"],
        row["platform"],
        row["external_id"],
        row["chat_id"],
        bool(row["preferred"]),
    )


# Person's columns but `active` (the sender lookups ask for active people only).
_SENDER = (
    "p.id, p.name, p.role, p.team_id, p.timezone, p.locale, p.email,"
    " p.work_start, p.work_end, p.work_days"
)


def _sender(row: tuple) -> Person:
    """A row starting with _SENDER's columns, as the active Person it is."""
    return Person(
        row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9], True
    )


def _throttle_delay(failures: int) -> int:
    """Seconds a chat must wait after `failures` wrong codes: free at first, then doubling."""
    if failures < LINK_FREE_FAILURES:
        return 0
    return min(LINK_MAX_DELAY_S, 30 * 2 ** (failures - LINK_FREE_FAILURES))


# Senders a lookup connection keeps (see SqlitePeople's `remember_senders`); past this many the
# memory is emptied: identities beyond it (strangers are never kept) just read the store again.
MAX_SENDERS = 4096


class SqlitePeople:
    """People on a SQLite connection."""

    __slots__ = ("_c", "_senders", "_seen")

    def __init__(self, conn: sqlite3.Connection, *, remember_senders: bool = False) -> None:
        """`remember_senders`: only for a connection that never writes (the store's inline
        lookup connection, query_only). It keeps each sender it read, and answers from that
        while `PRAGMA data_version` stands still: unchanged means no connection has committed
        anything since, so the store holds what was read. A connection that writes must not:
        its own changes do not move its data_version."""
        self._c = conn
        self._senders: dict[tuple[str, str], tuple[Person, int]] | None = (
            {} if remember_senders else None
        )
        self._seen = -1

    def get_team_by_name(self, name: str) -> Team | None:
        row = self._c.execute(
            "SELECT * FROM teams WHERE name = ? COLLATE NOCASE", (name.strip(),)
        ).fetchone()
        return _team(row) if row else None

    def get_team(self, team_id: int) -> Team | None:
        row = self._c.execute("SELECT * FROM teams WHERE id = ?", (team_id,)).fetchone()
        return _team(row) if row else None

    def list_teams(self) -> list[Team]:
        return [_team(r) for r in self._c.execute("SELECT * FROM teams ORDER BY name")]

    def ensure_team(self, name: str, actor: Actor, now: datetime) -> Team:
        """The team with that name, created (and audited) if it is named for the first time."""
        existing = self.get_team_by_name(name)
        if existing:
            return existing
        cur = self._c.execute(
            "INSERT INTO teams (name, created_at) VALUES (?, ?)", (name.strip(), to_db(now))
        )
        team = self.get_team(inserted_id(cur))
        assert team is not None
        SqliteAudit(self._c).record(actor, "team", team.id, "create", after=asdict(team), at=now)
        return team

    def set_team_manager(self, team_id: int, manager_id: int, actor: Actor, now: datetime) -> None:
        before = self.get_team(team_id)
        self._c.execute("UPDATE teams SET manager_id = ? WHERE id = ?", (manager_id, team_id))
        SqliteAudit(self._c).record(
            actor,
            "team",
            team_id,
            "set_manager",
            before={"manager_id": before.manager_id if before else None},
            after={"manager_id": manager_id},
            at=now,
        )

    def set_team_target(
        self, team_id: int, amount: float, currency: str, actor: Actor, now: datetime
    ) -> None:
        before = self.get_team(team_id)
        self._c.execute(
            "UPDATE teams SET target_amount = ?, target_currency = ? WHERE id = ?",
            (amount, currency, team_id),
        )
        SqliteAudit(self._c).record(
            actor,
            "team",
            team_id,
            "set_target",
            before={"target_amount": before.target_amount if before else None},
            after={"target_amount": amount, "target_currency": currency},
            at=now,
        )

    def add_person(
        self,
        *,
        name: str,
        role: str,
        timezone: str,
        locale: str,
        actor: Actor,
        now: datetime,
        team: str | None = None,
        email: str | None = None,
    ) -> Person:
        """Create a person; a team named for the first time is created, and a manager added with a
        team becomes that team's manager.

        Raises:
            ConstraintError: someone with the same name (ignoring case and accents) exists.
        """
        if role not in ROLES:
            raise ConstraintError(f"role must be one of {', '.join(ROLES)}")
        folded = fold(name)
        if self._c.execute("SELECT 1 FROM people WHERE name_folded = ?", (folded,)).fetchone():
            raise ConstraintError(f"a person named {name.strip()!r} already exists")
        team_row = self.ensure_team(team, actor, now) if team else None
        cur = self._c.execute(
            "INSERT INTO people (name, name_folded, role, team_id, timezone, locale, email,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                name.strip(),
                folded,
                role,
                team_row.id if team_row else None,
                timezone,
                locale,
                email,
                to_db(now),
            ),
        )
        person = self.get_person(inserted_id(cur))
        SqliteAudit(self._c).record(
            actor, "person", person.id, "create", after=asdict(person), at=now
        )
        if team_row and role == "manager":
            self.set_team_manager(team_row.id, person.id, actor, now)
        return person

    def get_person(self, person_id: int) -> Person:
        row = self._c.execute("SELECT * FROM people WHERE id = ?", (person_id,)).fetchone()
        if row is None:
            raise NotFound(f"no person with id {person_id}")
        return _person(row)

    def find_person(self, name: str) -> Person | None:
        """A person by name, ignoring case and accents (exact otherwise: the CLI's --as NAME)."""
        row = self._c.execute(
            "SELECT * FROM people WHERE name_folded = ?", (fold(name),)
        ).fetchone()
        return _person(row) if row else None

    def list_people(self, *, team_id: int | None = None) -> list[Person]:
        if team_id is None:
            rows = self._c.execute("SELECT * FROM people ORDER BY name")
        else:
            rows = self._c.execute(
                "SELECT * FROM people WHERE team_id = ? ORDER BY name", (team_id,)
            )
        return [_person(r) for r in rows]

    def managed_team_ids(self, manager_id: int) -> list[int]:
        """Teams a manager manages (explicitly, or the team they belong to as a manager)."""
        rows = self._c.execute(
            "SELECT id FROM teams WHERE manager_id = ?"
            " UNION SELECT team_id FROM people WHERE id = ? AND role = 'manager' AND team_id IS NOT NULL",
            (manager_id, manager_id),
        )
        return sorted({r[0] for r in rows})

    def visible_owner_ids(self, person: Person) -> list[int] | None:
        """Whose book this person may see: None means everyone (admin)."""
        if person.role == "admin":
            return None
        if person.role == "manager":
            teams = self.managed_team_ids(person.id)
            if teams:
                marks = ",".join("?" * len(teams))
                rows = self._c.execute(f"SELECT id FROM people WHERE team_id IN ({marks})", teams)
                return sorted({r[0] for r in rows} | {person.id})
        return [person.id]

    def identity_for(self, platform: str, external_id: str) -> Identity | None:
        row = self._c.execute(
            "SELECT * FROM identities WHERE platform = ? AND external_id = ?",
            (platform, external_id),
        ).fetchone()
        return _identity(row) if row else None

    def person_for_identity(self, platform: str, external_id: str) -> Person | None:
        """Who is writing, read on every message: only Person's columns, by position (not
        `p.*` by name: the other six columns decoded and eleven names looked up for nothing)."""
        row = self._c.execute(
            f"SELECT {_SENDER} FROM identities i JOIN people p ON p.id = i.person_id"
            " WHERE i.platform = ? AND i.external_id = ? AND p.active = 1",
            (platform, external_id),
        ).fetchone()
        return _sender(row) if row is not None else None

    def person_and_names_version(
        self, platform: str, external_id: str
    ) -> tuple[Person, int] | None:
        """The sender and the book's names version in one statement instead of two: a point
        lookup's fixed cost (prepare, step, a read transaction of its own) is most of it.

        Read on every message. With `remember_senders`, a sender read since the last commit
        to the store is answered from memory after one `PRAGMA data_version` (~4.5 us against
        ~9, ~7 against ~16 just after a commit: a commit makes the next read transaction drop
        the connection's page cache)."""
        senders = self._senders
        if senders is not None:
            version = self._c.execute("PRAGMA data_version").fetchone()[0]
            if version != self._seen:
                senders.clear()
                self._seen = version
            kept = senders.get((platform, external_id))
            if kept is not None:
                return kept
        row = self._c.execute(
            f"SELECT {_SENDER}, (SELECT version FROM book_version WHERE id = 1)"
            " FROM identities i JOIN people p ON p.id = i.person_id"
            " WHERE i.platform = ? AND i.external_id = ? AND p.active = 1",
            (platform, external_id),
        ).fetchone()
        if row is None:
            return None
        found = (_sender(row), int(row[10] or 0))
        if senders is not None:
            if len(senders) >= MAX_SENDERS:
                senders.clear()
            senders[platform, external_id] = found
        return found

    def identities_of(self, person_id: int) -> list[Identity]:
        rows = self._c.execute(
            "SELECT * FROM identities WHERE person_id = ? ORDER BY preferred DESC, id DESC",
            (person_id,),
        )
        return [_identity(r) for r in rows]

    def preferred_identity(self, person_id: int) -> Identity | None:
        """Where proactive messages go: the preferred identity, else the most recently linked."""
        found = self.identities_of(person_id)
        return found[0] if found else None

    def prefer_platform(
        self, person_id: int, platform: str, actor: Actor, now: datetime
    ) -> Identity | None:
        """Make the person's newest identity on `platform` the one proactive messages go to;
        None (nothing changed) when they have not linked that chat."""
        found = [i for i in self.identities_of(person_id) if i.platform == platform]
        if not found:
            return None
        chosen = max(found, key=lambda i: i.id)
        self._c.execute(
            "UPDATE identities SET preferred = (id = ?) WHERE person_id = ?",
            (chosen.id, person_id),
        )
        SqliteAudit(self._c).record(
            actor, "person", person_id, "prefer_platform", after={"platform": platform}, at=now
        )
        return chosen

    def link_identity(
        self,
        person_id: int,
        platform: str,
        external_id: str,
        chat_id: str | None,
        actor: Actor,
        now: datetime,
        *,
        preferred: bool = True,
    ) -> Identity:
        """Attach a chat identity to a person; by default the newest link becomes the preferred one
        (where proactive messages go). The console passes preferred=False: a terminal session must
        not divert someone's reminders away from their phone."""
        if preferred:
            self._c.execute(
                "UPDATE identities SET preferred = 0 WHERE person_id = ?", (person_id,)
            )
        self._c.execute(
            "INSERT INTO identities (person_id, platform, external_id, chat_id, preferred, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (platform, external_id) DO UPDATE SET person_id = excluded.person_id,"
            " chat_id = excluded.chat_id, preferred = max(identities.preferred, excluded.preferred)",
            (person_id, platform, external_id, chat_id, int(preferred), to_db(now)),
        )
        identity = self.identity_for(platform, external_id)
        assert identity is not None
        SqliteAudit(self._c).record(
            actor, "identity", identity.id, "link", after=asdict(identity), at=now
        )
        return identity

    def pending_link_code_since(self, person_id: int, now: datetime) -> datetime | None:
        """When the person's still-usable code was made (a new code cancels it), else None."""
        row = self._c.execute(
            "SELECT max(created_at) FROM link_codes WHERE person_id = ? AND used_at IS NULL"
            " AND expires_at > ?",
            (person_id, to_db(now)),
        ).fetchone()
        return from_db(row[0]) if row and row[0] else None

    def create_link_code(self, person_id: int, ttl: timedelta, actor: Actor, now: datetime) -> str:
        """A fresh single-use code for the person; earlier unused codes of theirs stop working."""
        self.get_person(person_id)
        self._c.execute(
            "DELETE FROM link_codes WHERE person_id = ? AND used_at IS NULL", (person_id,)
        )
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        self._c.execute(
            "INSERT INTO link_codes (code, person_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
            (code, person_id, to_db(now), to_db(now + ttl)),
        )
        SqliteAudit(self._c).record(
            actor,
            "link_code",
            person_id,
            "create",
            after={"expires_at": to_db(now + ttl)},
            at=now,
        )
        return code

    def redeem_link_code(
        self, code: str, platform: str, external_id: str, chat_id: str | None, now: datetime
    ) -> LinkResult:
        """Link the sender to the code's person if the code is valid, unused and unexpired.

        Wrong codes are counted per chat identity and slow that identity down, so codes can't be
        guessed by brute force.
        """
        fail = self._c.execute(
            "SELECT failures, last_failure_at FROM link_failures"
            " WHERE platform = ? AND external_id = ?",
            (platform, external_id),
        ).fetchone()
        if fail:
            wait = (
                _throttle_delay(fail["failures"])
                - (now - from_db(fail["last_failure_at"])).total_seconds()
            )
            if wait > 0:
                return LinkResult("throttled", retry_after_s=int(wait) + 1)
        row = self._c.execute(
            "SELECT * FROM link_codes WHERE code = ?", (code.strip().upper(),)
        ).fetchone()
        status = (
            "unknown"
            if row is None
            else "used"
            if row["used_at"]
            else ("expired" if from_db(row["expires_at"]) <= now else "ok")
        )
        if status != "ok":
            self._c.execute(
                "INSERT INTO link_failures (platform, external_id, failures, last_failure_at)"
                " VALUES (?, ?, 1, ?) ON CONFLICT (platform, external_id) DO UPDATE SET"
                " failures = failures + 1, last_failure_at = excluded.last_failure_at",
                (platform, external_id, to_db(now)),
            )
            return LinkResult(status)
        actor = Actor.person(row["person_id"])
        identity = self.link_identity(row["person_id"], platform, external_id, chat_id, actor, now)
        self._c.execute(
            "UPDATE link_codes SET used_at = ?, used_by_identity_id = ? WHERE code = ?",
            (to_db(now), identity.id, row["code"]),
        )
        self._c.execute(
            "DELETE FROM link_failures WHERE platform = ? AND external_id = ?",
            (platform, external_id),
        )
        return LinkResult("linked", self.get_person(row["person_id"]))

    def set_schedule(
        self,
        person_id: int,
        *,
        work_start: str,
        work_end: str,
        work_days: str,
        actor: Actor,
        now: datetime,
    ) -> Person:
        """Change someone's working hours and days (reminders are only delivered inside them)."""
        before = self.get_person(person_id)
        self._c.execute(
            "UPDATE people SET work_start = ?, work_end = ?, work_days = ? WHERE id = ?",
            (work_start, work_end, work_days, person_id),
        )
        after = self.get_person(person_id)
        SqliteAudit(self._c).record(
            actor,
            "person",
            person_id,
            "set_schedule",
            before={
                "work_start": before.work_start,
                "work_end": before.work_end,
                "work_days": before.work_days,
            },
            after={"work_start": work_start, "work_end": work_end, "work_days": work_days},
            at=now,
        )
        return after
