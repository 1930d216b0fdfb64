"""The SQLite implementation of every repository of storage/repositories.py.

Each class holds one sqlite3 connection and hands it to the module function of the same name
(storage/accounts.py, storage/deals.py, ...), which keeps the SQL. `SqliteTx` is built once
per connection (the writer's, the reader's, the event loop's lookup connection), not per
write: a write through the interface costs one attribute read and one Python call more than
calling the module function with the connection (well under a microsecond).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from storage import accounts as _accounts
from storage import alerts as _alerts
from storage import aliases as _aliases
from storage import audit as _audit
from storage import backups as _backups
from storage import books as _books
from storage import cadences as _cadences
from storage import callbacks as _callbacks
from storage import consents as _consents
from storage import deals as _deals
from storage import due_scan as _due_scan
from storage import enrolments as _enrolments
from storage import erasure as _erasure
from storage import forecasts as _forecasts
from storage import inactivity as _inactivity
from storage import inbox as _inbox
from storage import interactions as _interactions
from storage import kv as _kv
from storage import metrics as _metrics
from storage import outbox as _outbox
from storage import people as _people
from storage import privacy as _privacy
from storage import results as _results
from storage import schedules as _schedules
from storage import search as _search
from storage import seeding as _seeding
from storage import stages as _stages
from storage import tasks as _tasks
from storage import transfer as _transfer
from storage.accounts import Account, Contact
from storage.audit import Actor, AuditEntry
from storage.backups import Backup
from storage.books import Book, BookName
from storage.cadences import StoredCadence
from storage.callbacks import DEFAULT_TTL, Callback
from storage.deals import Deal, DealRow, OwnerForecast, OwnerTotal, StageTotal
from storage.enrolments import Enrolment, Labelled
from storage.erasure import Scrub, Survey
from storage.forecasts import Forecast
from storage.inactivity import IdleAccount, IdleDeal
from storage.inbox import FailedItem, InboxItem, Journaled
from storage.interactions import Behind, DueItem, FollowUp, Interaction, Logged, NextItem
from storage.metrics import Deal as MetricsDeal
from storage.metrics import Manager, Rep, Span, TeamData
from storage.metrics import Stage as MetricsStage
from storage.outbox import OutboxItem
from storage.people import Identity, LinkResult, Person, Team
from storage.privacy import Surroundings
from storage.repositories import (
    Accounts,
    Alerts,
    Aliases,
    Audit,
    Backups,
    Books,
    Cadences,
    Callbacks,
    Consents,
    Deals,
    DueScan,
    Enrolments,
    Erasure,
    Forecasts,
    Inactivity,
    Inbox,
    Interactions,
    Kv,
    Metrics,
    Outbox,
    People,
    Privacy,
    Results,
    Schedules,
    Search,
    Seeding,
    Stages,
    Tasks,
    Transfer,
)
from storage.results import Closed
from storage.schedules import Schedule
from storage.search import LIMIT, NameRow
from storage.seeding import SeedCounts, SyntheticSpec
from storage.stages import Stage
from storage.tasks import Undoable, Unreminded
from storage.transfer import Applied, Change


class SqliteAccounts:
    """Accounts on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def create_account(
        self,
        *,
        name: str,
        owner_id: int | None,
        actor: Actor,
        now: datetime,
        segment: str | None = None,
        city: str | None = None,
        state: str | None = None,
        website: str | None = None,
        latitude: float | None = None,
        longitude: float | None = None,
    ) -> Account:
        return _accounts.create_account(
            self._c,
            name=name,
            owner_id=owner_id,
            actor=actor,
            now=now,
            segment=segment,
            city=city,
            state=state,
            website=website,
            latitude=latitude,
            longitude=longitude,
        )

    def get_account(self, account_id: int) -> Account | None:
        return _accounts.get_account(self._c, account_id)

    def list_accounts(self, owner_ids: list[int] | None = None) -> list[Account]:
        return _accounts.list_accounts(self._c, owner_ids)

    def create_contact(
        self,
        *,
        account_id: int | None,
        name: str,
        actor: Actor,
        now: datetime,
        email: str | None = None,
        phone: str | None = None,
        role: str | None = None,
    ) -> Contact:
        return _accounts.create_contact(
            self._c,
            account_id=account_id,
            name=name,
            actor=actor,
            now=now,
            email=email,
            phone=phone,
            role=role,
        )

    def get_contact(self, contact_id: int) -> Contact | None:
        return _accounts.get_contact(self._c, contact_id)

    def contacts_of(self, account_id: int) -> list[Contact]:
        return _accounts.contacts_of(self._c, account_id)

    def visible_account(self, account_id: int, owner_ids: list[int] | None) -> Account | None:
        return _accounts.visible_account(self._c, account_id, owner_ids)

    def owner_name(self, account_id: int, owner_ids: list[int] | None) -> str | None:
        return _accounts.owner_name(self._c, account_id, owner_ids)

    def same_name(self, name: str, owner_ids: list[int] | None) -> tuple[str, str] | None:
        return _accounts.same_name(self._c, name, owner_ids)


class SqliteAlerts:
    """Alerts on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def is_marked(self, key: str) -> bool:
        return _alerts.is_marked(self._c, key)

    def mark(self, person_id: int, keys: list[str], now: datetime) -> None:
        return _alerts.mark(self._c, person_id, keys, now)


class SqliteAliases:
    """Aliases on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def remember(self, person_id: int, phrase_key: str, account_id: int, now: datetime) -> bool:
        return _aliases.remember(self._c, person_id, phrase_key, account_id, now)

    def account_for(self, person_id: int, phrase_key: str) -> int | None:
        return _aliases.account_for(self._c, person_id, phrase_key)


class SqliteAudit:
    """Audit on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def record(
        self,
        actor: Actor,
        entity: str,
        entity_id: object,
        action: str,
        *,
        before: Any = None,
        after: Any = None,
        reason: str | None = None,
        at: datetime | None = None,
    ) -> None:
        return _audit.record(
            self._c,
            actor,
            entity,
            entity_id,
            action,
            before=before,
            after=after,
            reason=reason,
            at=at,
        )

    def entries(
        self, entity: str | None = None, entity_id: object = None, limit: int = 100
    ) -> list[AuditEntry]:
        return _audit.entries(self._c, entity, entity_id, limit)


class SqliteBackups:
    """Backups on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def remember(self, path: Path, now: datetime) -> None:
        return _backups.remember(self._c, path, now)

    def remember_all(self, copies: list[Backup]) -> None:
        return _backups.remember_all(self._c, copies)

    def remembered(self) -> list[Backup]:
        return _backups.remembered(self._c)


class SqliteBooks:
    """Books on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def others_at(self, account_id: int, book: Book) -> bool:
        return _books.others_at(self._c, account_id, book)

    def names_version(self) -> int:
        return _books.names_version(self._c)

    def names(self, owner_ids: list[int] | None) -> list[BookName]:
        return _books.names(self._c, owner_ids)


class SqliteCadences:
    """Cadences on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def install(
        self, definitions: Iterable[Mapping[str, Any]], source: str, actor: Actor, now: datetime
    ) -> int:
        return _cadences.install(self._c, definitions, source, actor, now)

    def get(self, key: str) -> StoredCadence | None:
        return _cadences.get(self._c, key)

    def list_all(self) -> list[StoredCadence]:
        return _cadences.list_all(self._c)


class SqliteCallbacks:
    """Callbacks on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def issue(
        self,
        person_id: int,
        action: str,
        args: dict[str, Any],
        now: datetime,
        ttl: timedelta = DEFAULT_TTL,
    ) -> str:
        return _callbacks.issue(self._c, person_id, action, args, now, ttl)

    def issue_many(
        self,
        person_id: int,
        buttons: list[tuple[str, dict[str, Any]]],
        now: datetime,
        ttl: timedelta = DEFAULT_TTL,
    ) -> list[str]:
        return _callbacks.issue_many(self._c, person_id, buttons, now, ttl)

    def lookup(self, token: str, now: datetime) -> Callback | None:
        return _callbacks.lookup(self._c, token, now)

    def mark_used(self, token: str, now: datetime) -> bool:
        return _callbacks.mark_used(self._c, token, now)

    def purge_expired(self, now: datetime) -> int:
        return _callbacks.purge_expired(self._c, now)


class SqliteConsents:
    """Consents on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def opt_out(
        self, actor: Actor, contact_id: int, channel: str, now: datetime, reason: str | None = None
    ) -> None:
        return _consents.opt_out(self._c, actor, contact_id, channel, now, reason)

    def opted_out_channels(self, contact_id: int) -> set[str]:
        return _consents.opted_out_channels(self._c, contact_id)


class SqliteDeals:
    """Deals on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def get_deal(self, deal_id: int) -> Deal | None:
        return _deals.get_deal(self._c, deal_id)

    def deals_of_account(self, account_id: int) -> list[Deal]:
        return _deals.deals_of_account(self._c, account_id)

    def create_deal(
        self,
        *,
        account_id: int,
        owner_id: int,
        title: str,
        stage_key: str,
        amount: float,
        actor: Actor,
        now: datetime,
        currency: str = "BRL",
        close_date: date | None = None,
        status: str = "open",
        lost_reason: str | None = None,
    ) -> Deal:
        return _deals.create_deal(
            self._c,
            account_id=account_id,
            owner_id=owner_id,
            title=title,
            stage_key=stage_key,
            amount=amount,
            actor=actor,
            now=now,
            currency=currency,
            close_date=close_date,
            status=status,
            lost_reason=lost_reason,
        )

    def update_deal(
        self,
        deal_id: int,
        *,
        actor: Actor,
        now: datetime,
        reason: str | None = None,
        **changes: object,
    ) -> Deal:
        return _deals.update_deal(self._c, deal_id, actor=actor, now=now, reason=reason, **changes)

    def pipeline_by_stage(
        self, owner_ids: list[int] | None, stage_key: str | None = None
    ) -> list[StageTotal]:
        return _deals.pipeline_by_stage(self._c, owner_ids, stage_key)

    def pipeline_by_owner(self, owner_ids: list[int] | None) -> list[OwnerTotal]:
        return _deals.pipeline_by_owner(self._c, owner_ids)

    def main_currency(self, owner_ids: list[int] | None) -> str:
        return _deals.main_currency(self._c, owner_ids)

    def deal_rows(
        self,
        owner_ids: list[int] | None,
        *,
        account_id: int | None = None,
        status: str | None = "open",
        close_from: date | None = None,
        close_to: date | None = None,
        idle_since: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[DealRow]:
        return _deals.deal_rows(
            self._c,
            owner_ids,
            account_id=account_id,
            status=status,
            close_from=close_from,
            close_to=close_to,
            idle_since=idle_since,
            limit=limit,
            offset=offset,
        )

    def count_deals(
        self,
        owner_ids: list[int] | None,
        *,
        close_from: date | None = None,
        close_to: date | None = None,
        idle_since: str | None = None,
    ) -> tuple[int, float]:
        return _deals.count_deals(
            self._c, owner_ids, close_from=close_from, close_to=close_to, idle_since=idle_since
        )

    def forecast_by_owner(
        self, owner_ids: list[int] | None, start: date, end: date, commit_probability: float = 0.7
    ) -> list[OwnerForecast]:
        return _deals.forecast_by_owner(self._c, owner_ids, start, end, commit_probability)

    def latest_open_deal(self, account_id: int, owner_id: int) -> Deal | None:
        return _deals.latest_open_deal(self._c, account_id, owner_id)

    def only_open_deal(self, account_id: int, owner_id: int) -> int | None:
        return _deals.only_open_deal(self._c, account_id, owner_id)

    def is_open_in_book(self, deal_id: int, owner_ids: list[int] | None) -> bool:
        return _deals.is_open_in_book(self._c, deal_id, owner_ids)


class SqliteDueScan:
    """DueScan on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def stage_due(self, now: datetime, limit: int) -> list[int]:
        return _due_scan.stage_due(self._c, now, limit)

    def queue_staged(self, owner_times: Iterable[tuple[int, str, bool]], now: datetime) -> int:
        return _due_scan.queue_staged(self._c, owner_times, now)


class SqliteEnrolments:
    """Enrolments on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def get(self, enrolment_id: int) -> Enrolment | None:
        return _enrolments.get(self._c, enrolment_id)

    def open_for_contact(self, contact_id: int, cadence_key: str) -> Enrolment | None:
        return _enrolments.open_for_contact(self._c, contact_id, cadence_key)

    def open_in_cadence(
        self, account_id: int, cadence_key: str, owner_id: int, *, any_contact: bool = False
    ) -> Enrolment | None:
        return _enrolments.open_in_cadence(
            self._c, account_id, cadence_key, owner_id, any_contact=any_contact
        )

    def open_for_account(self, account_id: int) -> list[Enrolment]:
        return _enrolments.open_for_account(self._c, account_id)

    def open_for_owner(self, owner_id: int) -> list[Enrolment]:
        return _enrolments.open_for_owner(self._c, owner_id)

    def paused_until_by(self, day: date) -> list[Enrolment]:
        return _enrolments.paused_until_by(self._c, day)

    def create(
        self,
        *,
        actor: Actor,
        cadence_key: str,
        account_id: int,
        owner_id: int,
        due_at: datetime,
        now: datetime,
        channels: Iterable[str] = (),
        contact_id: int | None = None,
        deal_id: int | None = None,
        reason: str | None = None,
    ) -> Enrolment:
        return _enrolments.create(
            self._c,
            actor=actor,
            cadence_key=cadence_key,
            account_id=account_id,
            owner_id=owner_id,
            due_at=due_at,
            now=now,
            channels=channels,
            contact_id=contact_id,
            deal_id=deal_id,
            reason=reason,
        )

    def update(
        self,
        current: Enrolment,
        *,
        actor: Actor,
        now: datetime,
        event: str,
        reason: str,
        step_index: int,
        due_at: datetime | None,
        state: str,
        exit_reason: str | None = None,
        paused_until: date | None = None,
    ) -> Enrolment:
        return _enrolments.update(
            self._c,
            current,
            actor=actor,
            now=now,
            event=event,
            reason=reason,
            step_index=step_index,
            due_at=due_at,
            state=state,
            exit_reason=exit_reason,
            paused_until=paused_until,
        )

    def record_event(
        self, enrolment_id: int, step_index: int, action: str, actor: Actor, now: datetime
    ) -> None:
        return _enrolments.record_event(self._c, enrolment_id, step_index, action, actor, now)

    def events(self, enrolment_id: int) -> list[tuple[int, str]]:
        return _enrolments.events(self._c, enrolment_id)

    def shift_due(
        self, actor: Actor, current: Enrolment, due_at: datetime, now: datetime, reason: str
    ) -> Enrolment:
        return _enrolments.shift_due(self._c, actor, current, due_at, now, reason)

    def active_owner_ids(self) -> list[int]:
        return _enrolments.active_owner_ids(self._c)

    def labelled_for_owners(self, owner_ids: list[int] | None) -> list[Labelled]:
        return _enrolments.labelled_for_owners(self._c, owner_ids)

    def active_in_cadence(self, cadence_key: str) -> list[Enrolment]:
        return _enrolments.active_in_cadence(self._c, cadence_key)


class SqliteErasure:
    """Erasure on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def survey(self, contact_id: int, scrub: Scrub) -> Survey:
        return _erasure.survey(self._c, contact_id, scrub)

    def forget(
        self, contact_id: int, scrub: Scrub, found: Survey, *, actor: Actor, now: datetime
    ) -> dict[str, int]:
        return _erasure.forget(self._c, contact_id, scrub, found, actor=actor, now=now)


class SqliteForecasts:
    """Forecasts on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def teams(self) -> list[tuple[int, str | None]]:
        return _forecasts.teams(self._c)

    def has_snapshot(self, team_id: int, day: date) -> bool:
        return _forecasts.has_snapshot(self._c, team_id, day)

    def record(self, team_id: int, day: date, forecast: Forecast) -> bool:
        return _forecasts.record(self._c, team_id, day, forecast)


class SqliteInactivity:
    """Inactivity on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def idle_deal_candidates(self) -> list[IdleDeal]:
        return _inactivity.idle_deal_candidates(self._c)

    def idle_account_candidates(self) -> list[IdleAccount]:
        return _inactivity.idle_account_candidates(self._c)


class SqliteInbox:
    """Inbox on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def accept_many(
        self, platform: str, events: Sequence[tuple[str, Mapping[str, Any]]], now: datetime
    ) -> Journaled:
        return _inbox.accept_many(self._c, platform, events, now)

    def pending(self, platform: str, limit: int = 100) -> list[InboxItem]:
        return _inbox.pending(self._c, platform, limit)

    def mark_done(self, item_id: int, now: datetime) -> None:
        return _inbox.mark_done(self._c, item_id, now)

    def mark_attempt_failed(self, item_id: int, error: str, now: datetime) -> bool:
        return _inbox.mark_attempt_failed(self._c, item_id, error, now)

    def count(self, platform: str | None = None, state: str | None = None) -> int:
        return _inbox.count(self._c, platform, state)

    def prune(self, handled_before: datetime, limit: int | None = None) -> int:
        return _inbox.prune(self._c, handled_before, limit)

    def failed(self) -> list[FailedItem]:
        return _inbox.failed(self._c)

    def payload(self, item_id: int) -> str | None:
        return _inbox.payload(self._c, item_id)

    def retry(self, ids: Sequence[int] | None, actor: Actor, now: datetime) -> list[int]:
        return _inbox.retry(self._c, ids, actor, now)

    def drop(self, ids: Sequence[int] | None, actor: Actor, now: datetime) -> list[int]:
        return _inbox.drop(self._c, ids, actor, now)


class SqliteInteractions:
    """Interactions on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def get_interaction(self, interaction_id: int) -> Interaction | None:
        return _interactions.get_interaction(self._c, interaction_id)

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
        return _interactions.log_interaction(
            self._c,
            person_id=person_id,
            kind=kind,
            occurred_at=occurred_at,
            actor=actor,
            now=now,
            body=body,
            account_id=account_id,
            deal_id=deal_id,
            contact_id=contact_id,
            outcome=outcome,
            latitude=latitude,
            longitude=longitude,
            attachment=attachment,
            source_platform=source_platform,
            source_message_id=source_message_id,
        )

    def recent_for_account(
        self, account_id: int, owner_ids: list[int] | None, limit: int = 5
    ) -> list[Interaction]:
        return _interactions.recent_for_account(self._c, account_id, owner_ids, limit)

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
        return _interactions.add_follow_up(
            self._c,
            person_id=person_id,
            kind=kind,
            due=due,
            actor=actor,
            now=now,
            account_id=account_id,
            deal_id=deal_id,
            due_time=due_time,
            note=note,
            source_platform=source_platform,
            source_message_id=source_message_id,
        )

    def follow_ups_due(
        self, person_id: int, until: date, account_id: int | None = None
    ) -> list[FollowUp]:
        return _interactions.follow_ups_due(self._c, person_id, until, account_id)

    def last_touch(self, account_id: int, owner_ids: list[int] | None) -> str | None:
        return _interactions.last_touch(self._c, account_id, owner_ids)

    def touches_by_person(self, person_ids: list[int] | None, since: str) -> dict[int, int]:
        return _interactions.touches_by_person(self._c, person_ids, since)

    def due_steps(
        self,
        owner_ids: list[int] | None,
        before: str,
        *,
        account_id: int | None = None,
        limit: int = 200,
    ) -> list[DueItem]:
        return _interactions.due_steps(
            self._c, owner_ids, before, account_id=account_id, limit=limit
        )

    def due_follow_ups(
        self,
        owner_ids: list[int] | None,
        until: date,
        *,
        account_id: int | None = None,
        limit: int = 200,
    ) -> list[DueItem]:
        return _interactions.due_follow_ups(
            self._c, owner_ids, until, account_id=account_id, limit=limit
        )

    def behind_by_owner(
        self, owner_ids: list[int] | None, step_before: str, follow_up_before: date
    ) -> list[Behind]:
        return _interactions.behind_by_owner(self._c, owner_ids, step_before, follow_up_before)

    def next_for_account(self, person_id: int, account_id: int, limit: int = 3) -> list[NextItem]:
        return _interactions.next_for_account(self._c, person_id, account_id, limit)


class SqliteKv:
    """Kv on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def get(self, key: str, default: str | None = None) -> str | None:
        return _kv.get(self._c, key, default)

    def put(self, key: str, value: str) -> None:
        return _kv.put(self._c, key, value)

    def probe(self, key: str, value: str) -> None:
        return _kv.probe(self._c, key, value)


class SqliteMetrics:
    """Metrics on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def load_team(self, team_id: int, span: Span) -> TeamData | None:
        return _metrics.load_team(self._c, team_id, span)

    def forecast_inputs(self, team_id: int, day: date) -> TeamData | None:
        return _metrics.forecast_inputs(self._c, team_id, day)

    def team_reps(self, team_id: int) -> tuple[Rep, ...]:
        return _metrics.team_reps(self._c, team_id)

    def stages(self) -> tuple[MetricsStage, ...]:
        return _metrics.stages(self._c)

    def digest_managers(self, person_id: int | None = None) -> list[Manager]:
        return _metrics.digest_managers(self._c, person_id)

    def last_digest_at(self, person_id: int, before: datetime) -> datetime | None:
        return _metrics.last_digest_at(self._c, person_id, before)

    def own_due(self, person_id: int, until: datetime) -> int | None:
        return _metrics.own_due(self._c, person_id, until)

    def team_deals(self, ids: list[int], first_closed: date) -> tuple[MetricsDeal, ...]:
        return _metrics.team_deals(self._c, ids, first_closed)


class SqliteOutbox:
    """Outbox on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def enqueue(
        self,
        person_id: int,
        kind: str,
        dedupe_key: str,
        payload: dict[str, Any],
        now: datetime,
        not_before: datetime | None = None,
    ) -> int | None:
        return _outbox.enqueue(self._c, person_id, kind, dedupe_key, payload, now, not_before)

    def due(self, now: datetime, limit: int = 100) -> list[OutboxItem]:
        return _outbox.due(self._c, now, limit)

    def get(self, item_id: int) -> OutboxItem | None:
        return _outbox.get(self._c, item_id)

    def mark_sent(
        self, item_id: int, platform: str, message_id: str | None, now: datetime
    ) -> None:
        return _outbox.mark_sent(self._c, item_id, platform, message_id, now)

    def mark_retry(
        self, item_id: int, error: str, next_attempt: datetime, max_attempts: int
    ) -> str:
        return _outbox.mark_retry(self._c, item_id, error, next_attempt, max_attempts)

    def give_up(self, item_id: int, error: str) -> None:
        return _outbox.give_up(self._c, item_id, error)

    def postpone(self, item_id: int, until: datetime) -> None:
        return _outbox.postpone(self._c, item_id, until)

    def failed(self, limit: int = 200) -> list[OutboxItem]:
        return _outbox.failed(self._c, limit)

    def backlog(self, now: datetime) -> int:
        return _outbox.backlog(self._c, now)

    def key_exists(self, dedupe_key: str) -> bool:
        return _outbox.key_exists(self._c, dedupe_key)


class SqlitePeople:
    """People on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def get_team_by_name(self, name: str) -> Team | None:
        return _people.get_team_by_name(self._c, name)

    def get_team(self, team_id: int) -> Team | None:
        return _people.get_team(self._c, team_id)

    def list_teams(self) -> list[Team]:
        return _people.list_teams(self._c)

    def ensure_team(self, name: str, actor: Actor, now: datetime) -> Team:
        return _people.ensure_team(self._c, name, actor, now)

    def set_team_manager(self, team_id: int, manager_id: int, actor: Actor, now: datetime) -> None:
        return _people.set_team_manager(self._c, team_id, manager_id, actor, now)

    def set_team_target(
        self, team_id: int, amount: float, currency: str, actor: Actor, now: datetime
    ) -> None:
        return _people.set_team_target(self._c, team_id, amount, currency, actor, now)

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
        return _people.add_person(
            self._c,
            name=name,
            role=role,
            timezone=timezone,
            locale=locale,
            actor=actor,
            now=now,
            team=team,
            email=email,
        )

    def get_person(self, person_id: int) -> Person:
        return _people.get_person(self._c, person_id)

    def find_person(self, name: str) -> Person | None:
        return _people.find_person(self._c, name)

    def list_people(self, *, team_id: int | None = None) -> list[Person]:
        return _people.list_people(self._c, team_id=team_id)

    def managed_team_ids(self, manager_id: int) -> list[int]:
        return _people.managed_team_ids(self._c, manager_id)

    def visible_owner_ids(self, person: Person) -> list[int] | None:
        return _people.visible_owner_ids(self._c, person)

    def identity_for(self, platform: str, external_id: str) -> Identity | None:
        return _people.identity_for(self._c, platform, external_id)

    def person_for_identity(self, platform: str, external_id: str) -> Person | None:
        return _people.person_for_identity(self._c, platform, external_id)

    def identities_of(self, person_id: int) -> list[Identity]:
        return _people.identities_of(self._c, person_id)

    def preferred_identity(self, person_id: int) -> Identity | None:
        return _people.preferred_identity(self._c, person_id)

    def prefer_platform(
        self, person_id: int, platform: str, actor: Actor, now: datetime
    ) -> Identity | None:
        return _people.prefer_platform(self._c, person_id, platform, actor, now)

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
        return _people.link_identity(
            self._c, person_id, platform, external_id, chat_id, actor, now, preferred=preferred
        )

    def pending_link_code_since(self, person_id: int, now: datetime) -> datetime | None:
        return _people.pending_link_code_since(self._c, person_id, now)

    def create_link_code(self, person_id: int, ttl: timedelta, actor: Actor, now: datetime) -> str:
        return _people.create_link_code(self._c, person_id, ttl, actor, now)

    def redeem_link_code(
        self, code: str, platform: str, external_id: str, chat_id: str | None, now: datetime
    ) -> LinkResult:
        return _people.redeem_link_code(self._c, code, platform, external_id, chat_id, now)

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
        return _people.set_schedule(
            self._c,
            person_id,
            work_start=work_start,
            work_end=work_end,
            work_days=work_days,
            actor=actor,
            now=now,
        )


class SqlitePrivacy:
    """Privacy on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def find_contacts(self, query: str) -> list[dict[str, Any]]:
        return _privacy.find_contacts(self._c, query)

    def personal_data(self, contact_id: int, mentions: Callable[[str], bool]) -> dict[str, Any]:
        return _privacy.personal_data(self._c, contact_id, mentions)

    def surroundings(self, contact_id: int) -> Surroundings:
        return _privacy.surroundings(self._c, contact_id)


class SqliteResults:
    """Results on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def closed_deals(
        self, owner_ids: list[int] | None, status: str, start: date, end: date, limit: int = 200
    ) -> list[Closed]:
        return _results.closed_deals(self._c, owner_ids, status, start, end, limit)

    def won_total(self, owner_ids: list[int] | None, start: date, end: date) -> tuple[float, int]:
        return _results.won_total(self._c, owner_ids, start, end)

    def team_member_ids(self, team_id: int) -> list[int]:
        return _results.team_member_ids(self._c, team_id)


class SqliteSchedules:
    """Schedules on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def schedules_of(
        self, person_ids: list[int], since: date | None = None
    ) -> dict[int, Schedule]:
        return _schedules.schedules_of(self._c, person_ids, since)

    def schedule_groups(
        self, person_ids: list[int], since: date | None = None
    ) -> list[tuple[Schedule, tuple[int, ...]]]:
        return _schedules.schedule_groups(self._c, person_ids, since)

    def schedule_of(self, person_id: int, since: date | None = None) -> Schedule:
        return _schedules.schedule_of(self._c, person_id, since)

    def set_preferences(
        self, actor: Actor, person_id: int, changes: dict[str, str | None], now: datetime
    ) -> Schedule:
        return _schedules.set_preferences(self._c, actor, person_id, changes, now)

    def add_away(self, actor: Actor, person_id: int, start: date, end: date, now: datetime) -> int:
        return _schedules.add_away(self._c, actor, person_id, start, end, now)

    def away_periods(self, person_id: int, since: date | None = None) -> list[tuple[date, date]]:
        return _schedules.away_periods(self._c, person_id, since)

    def end_away(
        self, actor: Actor, person_id: int, today: date, now: datetime
    ) -> tuple[date, date] | None:
        return _schedules.end_away(self._c, actor, person_id, today, now)


class SqliteSearch:
    """Search on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def exact_accounts(
        self, key: str, owner_ids: list[int] | None, limit: int = LIMIT
    ) -> list[NameRow]:
        return _search.exact_accounts(self._c, key, owner_ids, limit)

    def name_taken(self, key: str) -> bool:
        return _search.name_taken(self._c, key)

    def account_candidates(
        self, key: str, owner_ids: list[int] | None, limit: int = LIMIT
    ) -> list[NameRow]:
        return _search.account_candidates(self._c, key, owner_ids, limit)

    def contact_candidates(
        self,
        key: str,
        owner_ids: list[int] | None,
        account_id: int | None = None,
        limit: int = LIMIT,
    ) -> list[NameRow]:
        return _search.contact_candidates(self._c, key, owner_ids, account_id, limit)


class SqliteSeeding:
    """Seeding on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def seed_synthetic(self, spec: SyntheticSpec, now: datetime) -> SeedCounts:
        return _seeding.seed_synthetic(self._c, spec, now)

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
        return _seeding.insert_enrolment(
            self._c,
            cadence_key=cadence_key,
            account_id=account_id,
            contact_id=contact_id,
            deal_id=deal_id,
            owner_id=owner_id,
            step_index=step_index,
            due_at=due_at,
            actor=actor,
            now=now,
        )

    def cadence_keys(self) -> list[str]:
        return _seeding.cadence_keys(self._c)

    def ensure_cadences(self, now: datetime) -> list[str]:
        return _seeding.ensure_cadences(self._c, now)


class SqliteStages:
    """Stages on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def list_stages(self) -> list[Stage]:
        return _stages.list_stages(self._c)

    def install_stages(self, stages: tuple[Stage, ...] | list[Stage], actor: Actor) -> int:
        return _stages.install_stages(self._c, stages, actor)


class SqliteTasks:
    """Tasks on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def add_task(
        self,
        *,
        person_id: int,
        note: str,
        due: date,
        actor: Actor,
        now: datetime,
        kind: str | None = None,
        account_id: int | None = None,
        due_time: str | None = None,
        source_platform: str | None = None,
        source_message_id: str | None = None,
    ) -> FollowUp:
        return _tasks.add_task(
            self._c,
            person_id=person_id,
            note=note,
            due=due,
            actor=actor,
            now=now,
            kind=kind,
            account_id=account_id,
            due_time=due_time,
            source_platform=source_platform,
            source_message_id=source_message_id,
        )

    def get_follow_up(self, follow_up_id: int) -> FollowUp | None:
        return _tasks.get_follow_up(self._c, follow_up_id)

    def close(
        self, follow_up_id: int, person_id: int, state: str, actor: Actor, now: datetime
    ) -> FollowUp | None:
        return _tasks.close(self._c, follow_up_id, person_id, state, actor, now)

    def postpone(
        self, follow_up_id: int, person_id: int, due: date, actor: Actor, now: datetime
    ) -> FollowUp | None:
        return _tasks.postpone(self._c, follow_up_id, person_id, due, actor, now)

    def unreminded(self, until: date, limit: int) -> list[Unreminded]:
        return _tasks.unreminded(self._c, until, limit)

    def mark_reminded(self, ids: Iterable[int], now: datetime) -> None:
        return _tasks.mark_reminded(self._c, ids, now)

    def last_undoable(self, person_id: int, since: datetime) -> Undoable | None:
        return _tasks.last_undoable(self._c, person_id, since)

    def remove_interaction(
        self, interaction_id: int, person_id: int, actor: Actor, now: datetime
    ) -> bool:
        return _tasks.remove_interaction(self._c, interaction_id, person_id, actor, now)


class SqliteTransfer:
    """Transfer on a SQLite connection."""

    __slots__ = ("_c",)

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._c = conn

    def snapshot(self, kind: str) -> dict[str, list[dict[str, Any]]]:
        return _transfer.snapshot(self._c, kind)

    def apply_import(
        self,
        *,
        actor: Actor,
        now: datetime,
        reason: str,
        new_accounts: Sequence[dict[str, Any]] = (),
        account_updates: Sequence[Change] = (),
        new_contacts: Sequence[dict[str, Any]] = (),
        contact_updates: Sequence[Change] = (),
        new_deals: Sequence[dict[str, Any]] = (),
        deal_updates: Sequence[Change] = (),
    ) -> Applied:
        return _transfer.apply_import(
            self._c,
            actor=actor,
            now=now,
            reason=reason,
            new_accounts=new_accounts,
            account_updates=account_updates,
            new_contacts=new_contacts,
            contact_updates=contact_updates,
            new_deals=new_deals,
            deal_updates=deal_updates,
        )

    def export_rows(self, kind: str) -> Iterator[dict[str, Any]]:
        return _transfer.export_rows(self._c, kind)


class SqliteTx:
    """Every repository on one connection (see storage.repositories.Tx)."""

    __slots__ = (
        "conn",
        "accounts",
        "alerts",
        "aliases",
        "audit",
        "backups",
        "books",
        "cadences",
        "callbacks",
        "consents",
        "deals",
        "due_scan",
        "enrolments",
        "erasure",
        "forecasts",
        "inactivity",
        "inbox",
        "interactions",
        "kv",
        "metrics",
        "outbox",
        "people",
        "privacy",
        "results",
        "schedules",
        "search",
        "seeding",
        "stages",
        "tasks",
        "transfer",
    )

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.accounts: Accounts = SqliteAccounts(conn)
        self.alerts: Alerts = SqliteAlerts(conn)
        self.aliases: Aliases = SqliteAliases(conn)
        self.audit: Audit = SqliteAudit(conn)
        self.backups: Backups = SqliteBackups(conn)
        self.books: Books = SqliteBooks(conn)
        self.cadences: Cadences = SqliteCadences(conn)
        self.callbacks: Callbacks = SqliteCallbacks(conn)
        self.consents: Consents = SqliteConsents(conn)
        self.deals: Deals = SqliteDeals(conn)
        self.due_scan: DueScan = SqliteDueScan(conn)
        self.enrolments: Enrolments = SqliteEnrolments(conn)
        self.erasure: Erasure = SqliteErasure(conn)
        self.forecasts: Forecasts = SqliteForecasts(conn)
        self.inactivity: Inactivity = SqliteInactivity(conn)
        self.inbox: Inbox = SqliteInbox(conn)
        self.interactions: Interactions = SqliteInteractions(conn)
        self.kv: Kv = SqliteKv(conn)
        self.metrics: Metrics = SqliteMetrics(conn)
        self.outbox: Outbox = SqliteOutbox(conn)
        self.people: People = SqlitePeople(conn)
        self.privacy: Privacy = SqlitePrivacy(conn)
        self.results: Results = SqliteResults(conn)
        self.schedules: Schedules = SqliteSchedules(conn)
        self.search: Search = SqliteSearch(conn)
        self.seeding: Seeding = SqliteSeeding(conn)
        self.stages: Stages = SqliteStages(conn)
        self.tasks: Tasks = SqliteTasks(conn)
        self.transfer: Transfer = SqliteTransfer(conn)


def connection_of(unit: object) -> sqlite3.Connection:
    """The connection under a SQLite unit of work, for SQLite-only tooling: benchmark set-up
    that builds a million rows in SQL, tests that check SQLite itself (a full disk, rows a
    crash left). Nothing above storage/ may import this (tests/unit/test_storage_seam.py).

    Raises:
        TypeError: `unit` is not a SQLite unit of work (another backend's, say).
    """
    if isinstance(unit, sqlite3.Connection):
        return unit
    if isinstance(unit, SqliteTx):
        return unit.conn
    raise TypeError(f"not a SQLite unit of work: {type(unit).__name__}")
