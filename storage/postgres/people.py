"""People, teams, chat identities and link codes on PostgreSQL (the SQLite twin:
storage/sqlite/people.py)."""

from __future__ import annotations

import json
import secrets
from dataclasses import asdict
from datetime import datetime, timedelta
from typing import Any

import psycopg

from storage.audit import Actor
from storage.errors import ConstraintError, NotFound
from storage.people import CODE_ALPHABET, CODE_LENGTH, ROLES, Identity, LinkResult, Person, Team
from storage.postgres.audit import PgAudit
from storage.postgres.hot import HotCursor
from storage.sqlite.people import _throttle_delay  # backend-neutral arithmetic
from storage.text import fold
from storage.timefmt import from_db, to_db

_TEAM = "id, name, manager_id, target_amount, target_currency"
_PERSON = (
    "id, name, role, team_id, timezone, locale, email, work_start, work_end, work_days, active"
)
_IDENTITY = "id, person_id, platform, external_id, chat_id, preferred"
# The sender of every message, by identity (person_for_identity); with the book's names
# version beside it when the message will be read against the book (one statement).
_SENDER = (
    f"SELECT {', '.join(f'p.{c}' for c in _PERSON.split(', '))}{{}}"
    " FROM identities i JOIN people p ON p.id = i.person_id"
    " WHERE i.platform = %s AND i.external_id = %s AND p.active = 1"
)
_SENDER_ONLY = _SENDER.format("")
_SENDER_AND_VERSION = _SENDER.format(", (SELECT version FROM book_version WHERE id = 1)")
# Several senders at once (PgPeople.senders: the lookup lane's waiting messages), each with the
# book's names version: one parameter, a JSON array of [platform, external id] pairs.
_SENDERS = (
    f"SELECT j.n, {', '.join(f'p.{c}' for c in _PERSON.split(', '))},"
    " (SELECT version FROM book_version WHERE id = 1)"
    " FROM jsonb_array_elements(%s::jsonb) WITH ORDINALITY AS j(r, n)"
    " JOIN identities i ON i.platform = j.r->>0 AND i.external_id = j.r->>1"
    " JOIN people p ON p.id = i.person_id WHERE p.active = 1"
)


def _person(row: Any) -> Person:
    """A row of _PERSON's columns, `active` (0/1) as a bool."""
    return Person(
        row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9],
        bool(row[10]),
    )  # fmt: skip


def _identity(row: Any) -> Identity:
    """A row of _IDENTITY's columns, `preferred` (0/1) as a bool."""
    return Identity(row[0], row[1], row[2], row[3], row[4], bool(row[5]))


class PgPeople:
    """People on a PostgreSQL connection."""

    __slots__ = ("_c", "_hot")

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._c = conn
        self._hot = HotCursor(conn)  # person_for_identity: every message reads it

    def get_team_by_name(self, name: str) -> Team | None:
        # teams.name is COLLATE nocase: case-insensitive as SQLite's NOCASE comparison.
        row = self._c.execute(
            f"SELECT {_TEAM} FROM teams WHERE name = %s", (name.strip(),)
        ).fetchone()
        return Team(*row) if row else None

    def get_team(self, team_id: int) -> Team | None:
        row = self._c.execute(f"SELECT {_TEAM} FROM teams WHERE id = %s", (team_id,)).fetchone()
        return Team(*row) if row else None

    def list_teams(self) -> list[Team]:
        # SQLite orders a NOCASE column by its ASCII-lowercased bytes.
        rows = self._c.execute(
            f'SELECT {_TEAM} FROM teams ORDER BY lower(name COLLATE "C") COLLATE "C", id'
        )
        return [Team(*r) for r in rows]

    def ensure_team(self, name: str, actor: Actor, now: datetime) -> Team:
        """The team with that name, created (and audited) if it is named for the first time."""
        existing = self.get_team_by_name(name)
        if existing:
            return existing
        row = self._c.execute(
            f"INSERT INTO teams (name, created_at) VALUES (%s, %s) RETURNING {_TEAM}",
            (name.strip(), to_db(now)),
        ).fetchone()
        assert row is not None
        team = Team(*row)
        PgAudit(self._c).record(actor, "team", team.id, "create", after=asdict(team), at=now)
        return team

    def set_team_manager(self, team_id: int, manager_id: int, actor: Actor, now: datetime) -> None:
        before = self._c.execute(
            "SELECT manager_id FROM teams WHERE id = %s", (team_id,)
        ).fetchone()
        self._c.execute("UPDATE teams SET manager_id = %s WHERE id = %s", (manager_id, team_id))
        PgAudit(self._c).record(
            actor,
            "team",
            team_id,
            "set_manager",
            before={"manager_id": before[0] if before else None},
            after={"manager_id": manager_id},
            at=now,
        )

    def set_team_target(
        self, team_id: int, amount: float, currency: str, actor: Actor, now: datetime
    ) -> None:
        before = self._c.execute(
            "SELECT target_amount FROM teams WHERE id = %s", (team_id,)
        ).fetchone()
        self._c.execute(
            "UPDATE teams SET target_amount = %s, target_currency = %s WHERE id = %s",
            (amount, currency, team_id),
        )
        PgAudit(self._c).record(
            actor,
            "team",
            team_id,
            "set_target",
            before={"target_amount": before[0] if before else None},
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
        if self._c.execute("SELECT 1 FROM people WHERE name_folded = %s", (folded,)).fetchone():
            raise ConstraintError(f"a person named {name.strip()!r} already exists")
        team_row = self.ensure_team(team, actor, now) if team else None
        row = self._c.execute(
            "INSERT INTO people (name, name_folded, role, team_id, timezone, locale, email,"
            f" created_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s) RETURNING {_PERSON}",
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
        ).fetchone()
        person = _person(row)
        PgAudit(self._c).record(actor, "person", person.id, "create", after=asdict(person), at=now)
        if team_row and role == "manager":
            self.set_team_manager(team_row.id, person.id, actor, now)
        return person

    def get_person(self, person_id: int) -> Person:
        row = self._c.execute(
            f"SELECT {_PERSON} FROM people WHERE id = %s", (person_id,)
        ).fetchone()
        if row is None:
            raise NotFound(f"no person with id {person_id}")
        return _person(row)

    def find_person(self, name: str) -> Person | None:
        """A person by name, ignoring case and accents (exact otherwise: the CLI's --as NAME)."""
        row = self._c.execute(
            f"SELECT {_PERSON} FROM people WHERE name_folded = %s", (fold(name),)
        ).fetchone()
        return _person(row) if row else None

    def list_people(self, *, team_id: int | None = None) -> list[Person]:
        # SQLite compares names as bytes (BINARY): "C" here; id settles equal names as rowid.
        if team_id is None:
            rows = self._c.execute(f'SELECT {_PERSON} FROM people ORDER BY name COLLATE "C", id')
        else:
            rows = self._c.execute(
                f'SELECT {_PERSON} FROM people WHERE team_id = %s ORDER BY name COLLATE "C", id',
                (team_id,),
            )
        return [_person(r) for r in rows]

    def managed_team_ids(self, manager_id: int) -> list[int]:
        """Teams a manager manages (explicitly, or the team they belong to as a manager)."""
        rows = self._c.execute(
            "SELECT id FROM teams WHERE manager_id = %s UNION SELECT team_id FROM people"
            " WHERE id = %s AND role = 'manager' AND team_id IS NOT NULL",
            (manager_id, manager_id),
        )
        return sorted({r[0] for r in rows})

    def visible_owner_ids(self, person: Person) -> list[int] | None:
        """Whose book this person may see: None means everyone (admin)."""
        if person.role == "admin":
            return None
        if person.role == "manager":
            # One round trip: the teams they manage and those teams' people.
            rows = self._c.execute(
                "WITH managed AS (SELECT id FROM teams WHERE manager_id = %s UNION"
                " SELECT team_id FROM people WHERE id = %s AND role = 'manager'"
                " AND team_id IS NOT NULL)"
                " SELECT p.id FROM people p WHERE p.team_id IN (SELECT id FROM managed)",
                (person.id, person.id),
            )
            found = {r[0] for r in rows}
            if found:
                return sorted(found | {person.id})
        return [person.id]

    def identity_for(self, platform: str, external_id: str) -> Identity | None:
        row = self._c.execute(
            f"SELECT {_IDENTITY} FROM identities WHERE platform = %s AND external_id = %s",
            (platform, external_id),
        ).fetchone()
        return _identity(row) if row else None

    def person_for_identity(self, platform: str, external_id: str) -> Person | None:
        row = self._hot.one(_SENDER_ONLY, (platform, external_id))
        return _person(row) if row else None

    def person_and_names_version(
        self, platform: str, external_id: str
    ) -> tuple[Person, int] | None:
        """`person_for_identity` and the book's names version in one statement, on the reused
        cursor (every typed message makes this lookup: hot.py)."""
        row = self._hot.one(_SENDER_AND_VERSION, (platform, external_id))
        return (_person(row), int(row[11] or 0)) if row else None

    def senders(self, identities: list[tuple[str, str]]) -> list[tuple[Person, int] | None]:
        """`person_and_names_version` of each (platform, external id), in one statement: the
        lookup lane's waiting messages (storage/postgres/senders.py)."""
        found: list[tuple[Person, int] | None] = [None] * len(identities)
        param = json.dumps(identities, ensure_ascii=False, separators=(",", ":"))
        for row in self._hot.all(_SENDERS, (param,)):
            found[row[0] - 1] = (_person(row[1:]), int(row[12] or 0))
        return found

    def identities_of(self, person_id: int) -> list[Identity]:
        rows = self._c.execute(
            f"SELECT {_IDENTITY} FROM identities WHERE person_id = %s"
            " ORDER BY preferred DESC, id DESC",
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
            "UPDATE identities SET preferred = (id = %s)::int WHERE person_id = %s",
            (chosen.id, person_id),
        )
        PgAudit(self._c).record(
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
                "UPDATE identities SET preferred = 0 WHERE person_id = %s", (person_id,)
            )
        row = self._c.execute(
            "INSERT INTO identities (person_id, platform, external_id, chat_id, preferred,"
            " created_at) VALUES (%s, %s, %s, %s, %s, %s)"
            " ON CONFLICT (platform, external_id) DO UPDATE SET person_id = excluded.person_id,"
            " chat_id = excluded.chat_id,"
            " preferred = GREATEST(identities.preferred, excluded.preferred)"
            f" RETURNING {_IDENTITY}",
            (person_id, platform, external_id, chat_id, int(preferred), to_db(now)),
        ).fetchone()
        identity = _identity(row)
        PgAudit(self._c).record(
            actor, "identity", identity.id, "link", after=asdict(identity), at=now
        )
        return identity

    def pending_link_code_since(self, person_id: int, now: datetime) -> datetime | None:
        """When the person's still-usable code was made (a new code cancels it), else None."""
        row = self._c.execute(
            "SELECT max(created_at) FROM link_codes WHERE person_id = %s AND used_at IS NULL"
            " AND expires_at > %s",
            (person_id, to_db(now)),
        ).fetchone()
        return from_db(row[0]) if row and row[0] else None

    def create_link_code(self, person_id: int, ttl: timedelta, actor: Actor, now: datetime) -> str:
        """A fresh single-use code for the person; earlier unused codes of theirs stop working."""
        self.get_person(person_id)
        self._c.execute(
            "DELETE FROM link_codes WHERE person_id = %s AND used_at IS NULL", (person_id,)
        )
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        self._c.execute(
            "INSERT INTO link_codes (code, person_id, created_at, expires_at)"
            " VALUES (%s, %s, %s, %s)",
            (code, person_id, to_db(now), to_db(now + ttl)),
        )
        PgAudit(self._c).record(
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
            " WHERE platform = %s AND external_id = %s",
            (platform, external_id),
        ).fetchone()
        if fail:
            wait = _throttle_delay(fail[0]) - (now - from_db(fail[1])).total_seconds()
            if wait > 0:
                return LinkResult("throttled", retry_after_s=int(wait) + 1)
        row = self._c.execute(
            "SELECT code, person_id, used_at, expires_at FROM link_codes WHERE code = %s",
            (code.strip().upper(),),
        ).fetchone()
        status = (
            "unknown"
            if row is None
            else "used"
            if row[2]
            else ("expired" if from_db(row[3]) <= now else "ok")
        )
        if status != "ok" or row is None:
            self._c.execute(
                "INSERT INTO link_failures (platform, external_id, failures, last_failure_at)"
                " VALUES (%s, %s, 1, %s) ON CONFLICT (platform, external_id) DO UPDATE SET"
                " failures = link_failures.failures + 1,"
                " last_failure_at = excluded.last_failure_at",
                (platform, external_id, to_db(now)),
            )
            return LinkResult(status)
        person_id = row[1]
        actor = Actor.person(person_id)
        identity = self.link_identity(person_id, platform, external_id, chat_id, actor, now)
        self._c.execute(
            "UPDATE link_codes SET used_at = %s, used_by_identity_id = %s WHERE code = %s",
            (to_db(now), identity.id, row[0]),
        )
        self._c.execute(
            "DELETE FROM link_failures WHERE platform = %s AND external_id = %s",
            (platform, external_id),
        )
        return LinkResult("linked", self.get_person(person_id))

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
        row = self._c.execute(
            "UPDATE people SET work_start = %s, work_end = %s, work_days = %s WHERE id = %s"
            f" RETURNING {_PERSON}",
            (work_start, work_end, work_days, person_id),
        ).fetchone()
        if row is None:
            raise NotFound(f"no person with id {person_id}")
        after = _person(row)
        PgAudit(self._c).record(
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
