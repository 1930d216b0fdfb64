"""The repositories of the storage interface: one Protocol per aggregate, bundled in `Tx`.

Each repository names what the rest of ritmo may ask of the store about one aggregate
(accounts, deals, the outbox, ...) and returns the frozen dataclasses defined beside it. A
backend implements every one of them on its own connection (storage/sqlite/repositories.py
for SQLite); callers only ever see a `Tx` inside `store.write`/`read`/`lookup`, never a
connection, so another database is a new implementation of these classes and nothing above
storage/ changes. The method names are those of the SQLite modules they started as, so a
repository method and the SQL it runs are one search apart.

The contract suite in tests/contract/store/ pins down the behaviour each method promises;
every backend runs it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from storage.accounts import Account, Contact
from storage.ai_calls import Refused, Tally
from storage.audit import Actor, AuditEntry
from storage.backups import Backup
from storage.books import Book, BookName
from storage.cadences import StoredCadence
from storage.callbacks import Callback
from storage.deals import Deal, DealRow, OwnerForecast, OwnerTotal, StageTotal
from storage.enrolments import Enrolment, Labelled
from storage.erasure import Scrub, Survey
from storage.forecasts import Forecast
from storage.inactivity import IdleAccount, IdleDeal
from storage.inbox import FailedItem, InboxItem, Journaled
from storage.interactions import Behind, DueItem, FollowUp, Interaction, Logged, NextItem
from storage.leases import Lease
from storage.metrics import Deal as MetricsDeal
from storage.metrics import Manager, Rep, Span, TeamData
from storage.metrics import Stage as MetricsStage
from storage.outbox import OutboxItem
from storage.people import Identity, LinkResult, Person, Team
from storage.privacy import Surroundings
from storage.results import Closed
from storage.schedules import Schedule
from storage.search import NameRow
from storage.seeding import SeedCounts, SyntheticSpec
from storage.stages import Stage
from storage.tasks import Undoable, Unreminded
from storage.transfer import Applied, Change


class Accounts(Protocol):
    """storage/accounts.py behind the interface."""

    def create_account(
        self,
        *,
        name: str,
        owner_id: int | None,
        actor: Actor,
        now: datetime,
        segment: str | None = ...,
        city: str | None = ...,
        state: str | None = ...,
        website: str | None = ...,
        latitude: float | None = ...,
        longitude: float | None = ...,
    ) -> Account: ...

    def get_account(self, account_id: int) -> Account | None: ...

    def list_accounts(self, owner_ids: list[int] | None = ...) -> list[Account]:
        """Accounts in this book (None: all), by name; see storage.books.accounts."""
        ...

    def create_contact(
        self,
        *,
        account_id: int | None,
        name: str,
        actor: Actor,
        now: datetime,
        email: str | None = ...,
        phone: str | None = ...,
        role: str | None = ...,
    ) -> Contact: ...

    def get_contact(self, contact_id: int) -> Contact | None: ...

    def contacts_of(self, account_id: int) -> list[Contact]: ...

    def visible_account(self, account_id: int, owner_ids: list[int] | None) -> Account | None:
        """The account if it is in this book (see storage.books.accounts), else None."""
        ...

    def owner_name(self, account_id: int, owner_ids: list[int] | None) -> str | None:
        """The account owner's name, when the owner is in this book: a rep on a shared account learns that someone else works it (Books.others_at), never who."""
        ...

    def same_name(self, name: str, owner_ids: list[int] | None) -> tuple[str, str] | None:
        """("mine" | "other", its name) when an account with this name key already exists: in this book, else anywhere (a second account of the same name is never made)."""
        ...


class Alerts(Protocol):
    """storage/alerts.py behind the interface."""

    def is_marked(self, key: str) -> bool: ...

    def mark(self, person_id: int, keys: list[str], now: datetime) -> None: ...


class AiCalls(Protocol):
    """storage/ai_calls.py behind the interface."""

    def reserve(
        self,
        person_id: int,
        team_id: int | None,
        kind: str,
        model: str,
        now: datetime,
        day_start: datetime,
        hourly: int,
        daily: int,
    ) -> int | Refused:
        """Reserve one model call for this person, or say which allowance is spent."""
        ...

    def finish(
        self,
        call_id: int,
        outcome: str,
        latency_ms: int,
        prompt_tokens: int,
        completion_tokens: int,
    ) -> None:
        """Record how a reserved call went."""
        ...

    def tally(self, since: datetime) -> Tally:
        """Every call since `since`, by outcome, with its tokens."""
        ...


class Aliases(Protocol):
    """storage/aliases.py behind the interface."""

    def remember(self, person_id: int, phrase_key: str, account_id: int, now: datetime) -> bool:
        """Keep `phrase_key` -> `account_id` for this person (a later pick replaces an earlier one). Returns whether anything was kept (an empty or sentence-long phrase is not)."""
        ...

    def account_for(self, person_id: int, phrase_key: str) -> int | None:
        """The account this person picked for `phrase_key`, or None (one unique-index lookup)."""
        ...


class Audit(Protocol):
    """storage/audit.py behind the interface."""

    def record(
        self,
        actor: Actor,
        entity: str,
        entity_id: object,
        action: str,
        *,
        before: Any = ...,
        after: Any = ...,
        reason: str | None = ...,
        at: datetime | None = ...,
    ) -> None:
        """Write one audit row; call it inside the transaction that makes the change."""
        ...

    def entries(
        self, entity: str | None = ..., entity_id: object = ..., limit: int = ...
    ) -> list[AuditEntry]:
        """The newest audit rows, optionally for one record."""
        ...


class Backups(Protocol):
    """storage/backups.py behind the interface."""

    def remember(self, path: Path, now: datetime) -> None:
        """Note that a copy of the store was written to `path` at `now`."""
        ...

    def remember_all(self, copies: list[Backup]) -> None:
        """Note copies another store knew of (the store `ritmo restore` replaced)."""
        ...

    def remembered(self) -> list[Backup]:
        """Every copy ritmo noted, oldest first (whether or not the file still exists)."""
        ...


class Books(Protocol):
    """storage/books.py behind the interface."""

    def others_at(self, account_id: int, book: Book) -> bool:
        """Whether anyone outside the book owns the account or has work there (a deal, a cadence, a follow-up or a logged touch): what "another rep also works this account" says, and all it says."""
        ...

    def names_version(self) -> int: ...

    def names(self, owner_ids: list[int] | None) -> list[BookName]:
        """Every account `owner_ids` may see (None: all), then every contact at those accounts,
        then the titles of the deals `owner_ids` own there."""
        ...


class Cadences(Protocol):
    """storage/cadences.py behind the interface."""

    def install(
        self, definitions: Iterable[Mapping[str, Any]], source: str, actor: Actor, now: datetime
    ) -> int:
        """Insert or update cadences from their plain-data form; returns how many changed."""
        ...

    def get(self, key: str) -> StoredCadence | None: ...

    def list_all(self) -> list[StoredCadence]: ...


class Callbacks(Protocol):
    """storage/callbacks.py behind the interface."""

    def issue(
        self,
        person_id: int,
        action: str,
        args: dict[str, Any],
        now: datetime,
        ttl: timedelta = ...,
    ) -> str: ...

    def issue_many(
        self,
        person_id: int,
        buttons: list[tuple[str, dict[str, Any]]],
        now: datetime,
        ttl: timedelta = ...,
    ) -> list[str]: ...

    def lookup(self, token: str, now: datetime) -> Callback | None: ...

    def mark_used(self, token: str, now: datetime) -> bool:
        """Mark a token used; False if it already was (a second press of a one-shot button)."""
        ...

    def purge_expired(self, now: datetime) -> int: ...


class Consents(Protocol):
    """storage/consents.py behind the interface."""

    def opt_out(
        self, actor: Actor, contact_id: int, channel: str, now: datetime, reason: str | None = ...
    ) -> None:
        """Record that a contact does not want to be reached on a channel, for good."""
        ...

    def opted_out_channels(self, contact_id: int) -> set[str]: ...


class Deals(Protocol):
    """storage/deals.py behind the interface."""

    def get_deal(self, deal_id: int) -> Deal | None: ...

    def deals_of_account(self, account_id: int) -> list[Deal]: ...

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
        currency: str = ...,
        close_date: date | None = ...,
        status: str = ...,
        lost_reason: str | None = ...,
    ) -> Deal: ...

    def update_deal(
        self,
        deal_id: int,
        *,
        actor: Actor,
        now: datetime,
        reason: str | None = ...,
        **changes: object,
    ) -> Deal:
        """Change a deal's stage/status/amount/close date; stage and status moves are journaled."""
        ...

    def pipeline_by_stage(
        self, owner_ids: list[int] | None, stage_key: str | None = ...
    ) -> list[StageTotal]:
        """Open deals per stage (every stage listed, empty ones with zeros), in pipeline order."""
        ...

    def pipeline_by_owner(self, owner_ids: list[int] | None) -> list[OwnerTotal]:
        """Open pipeline per rep, biggest weighted first (a manager's per-rep breakdown)."""
        ...

    def main_currency(self, owner_ids: list[int] | None) -> str:
        """The currency most of these deals are in (what totals are shown in)."""
        ...

    def deal_rows(
        self,
        owner_ids: list[int] | None,
        *,
        account_id: int | None = ...,
        status: str | None = ...,
        close_from: date | None = ...,
        close_to: date | None = ...,
        idle_since: str | None = ...,
        limit: int = ...,
        offset: int = ...,
    ) -> list[DealRow]:
        """Deals in the asker's book, filtered; `idle_since` (a UTC timestamp) keeps only deals their owner has not touched since then (stalled; see _TOUCH). The order ends on the id so that pages (`offset`) neither repeat nor skip a deal."""
        ...

    def count_deals(
        self,
        owner_ids: list[int] | None,
        *,
        close_from: date | None = ...,
        close_to: date | None = ...,
        idle_since: str | None = ...,
    ) -> tuple[int, float]:
        """How many open deals match, and their total amount (for "and N more")."""
        ...

    def forecast_by_owner(
        self, owner_ids: list[int] | None, start: date, end: date, commit_probability: float = ...
    ) -> list[OwnerForecast]:
        """Forecast per rep for deals closing (or won) in [start, end]."""
        ...

    def latest_open_deal(self, account_id: int, owner_id: int) -> Deal | None:
        """The owner's most recently touched open deal at an account (where a said amount goes)."""
        ...

    def only_open_deal(self, account_id: int, owner_id: int) -> int | None:
        """The id of the owner's one open deal at an account; None when they have none or several (a log can't tell which of several it is about)."""
        ...

    def is_open_in_book(self, deal_id: int, owner_ids: list[int] | None) -> bool:
        """Whether a deal is still open and owned inside this book (checked again on confirm)."""
        ...


class DueScan(Protocol):
    """storage/due_scan.py behind the interface."""

    def stage_due(self, now: datetime, limit: int) -> list[int]:
        """Collect the active steps due by `now` and not yet queued; returns their owners' ids."""
        ...

    def queue_staged(self, owner_times: Iterable[tuple[int, str, bool]], now: datetime) -> int:
        """Queue one reminder per staged step and mark the steps notified; returns rows queued."""
        ...


class Enrolments(Protocol):
    """storage/enrolments.py behind the interface."""

    def get(self, enrolment_id: int) -> Enrolment | None: ...

    def open_for_contact(self, contact_id: int, cadence_key: str) -> Enrolment | None: ...

    def open_in_cadence(
        self, account_id: int, cadence_key: str, owner_id: int, *, any_contact: bool = ...
    ) -> Enrolment | None:
        """The rep's open enrolment of an account in a cadence: the account-level one (no contact), or with `any_contact` one for any of its contacts too."""
        ...

    def open_for_account(self, account_id: int) -> list[Enrolment]: ...

    def open_for_owner(self, owner_id: int) -> list[Enrolment]: ...

    def paused_until_by(self, day: date) -> list[Enrolment]:
        """Paused enrolments whose automatic resume date has come."""
        ...

    def create(
        self,
        *,
        actor: Actor,
        cadence_key: str,
        account_id: int,
        owner_id: int,
        due_at: datetime,
        now: datetime,
        channels: Iterable[str] = ...,
        contact_id: int | None = ...,
        deal_id: int | None = ...,
        reason: str | None = ...,
    ) -> Enrolment:
        """Enrol a contact (or an account/deal) in a cadence, its first step due at `due_at`."""
        ...

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
        exit_reason: str | None = ...,
        paused_until: date | None = ...,
    ) -> Enrolment:
        """Apply a transition computed from `current`; records the step event and the audit row."""
        ...

    def record_event(
        self, enrolment_id: int, step_index: int, action: str, actor: Actor, now: datetime
    ) -> None: ...

    def events(self, enrolment_id: int) -> list[tuple[int, str]]:
        """(step_index, action) of every event of an enrolment, oldest first."""
        ...

    def shift_due(
        self, actor: Actor, current: Enrolment, due_at: datetime, now: datetime, reason: str
    ) -> Enrolment:
        """Move an open enrolment's due time (an absence moved it) without a step event."""
        ...

    def active_owner_ids(self) -> list[int]: ...

    def labelled_for_owners(self, owner_ids: list[int] | None) -> list[Labelled]:
        """Open enrolments of these owners (None: everyone's), soonest due first."""
        ...

    def active_in_cadence(self, cadence_key: str) -> list[Enrolment]: ...


class Erasure(Protocol):
    """storage/erasure.py behind the interface."""

    def survey(self, contact_id: int, scrub: Scrub) -> Survey:
        """Find, without writing, every value outside her linked rows that `forget` will rewrite."""
        ...

    def forget(
        self, contact_id: int, scrub: Scrub, found: Survey, *, actor: Actor, now: datetime
    ) -> dict[str, int]:
        """Erase a contact's personal data from every table, keeping a stub and an audit row."""
        ...


class Forecasts(Protocol):
    """storage/forecasts.py behind the interface."""

    def teams(self) -> list[tuple[int, str | None]]:
        """Every team with its manager's time zone (None without a manager): the team's day."""
        ...

    def has_snapshot(self, team_id: int, day: date) -> bool: ...

    def record(self, team_id: int, day: date, forecast: Forecast) -> bool:
        """Store the team's snapshot for `day`; False when that day already has one."""
        ...


class Inactivity(Protocol):
    """storage/inactivity.py behind the interface."""

    def idle_deal_candidates(self) -> list[IdleDeal]:
        """Open deals with their stage's idle limit, last activity and whether a step is scheduled."""
        ...

    def idle_account_candidates(self) -> list[IdleAccount]:
        """Owned accounts with an inactivity limit, and their last interaction (or creation)."""
        ...


class Inbox(Protocol):
    """storage/inbox.py behind the interface."""

    def accept_many(
        self,
        platform: str,
        events: Sequence[tuple[str, Mapping[str, Any]]],
        now: datetime,
        chats: Mapping[str, str] | None = ...,
    ) -> Journaled:
        """Journal a batch of (event id, payload), ignoring ids already journaled; `chats`
        names each event's chat (by event id), which keeps a chat's order across processes."""
        ...

    def pending(self, platform: str, limit: int = ...) -> list[InboxItem]:
        """Rows still to handle, oldest first, claimed or not (a look, not a hand-out)."""
        ...

    def claim_pending(
        self, platform: str, limit: int, holder: str, now: datetime, until: datetime
    ) -> list[InboxItem]:
        """Hand pending rows of up to `limit` chats to `holder` until `until`: no row is handed
        to two live holders, and a chat whose oldest pending row another holder has is skipped
        (a chat's messages are handled in order). Marking a row done or failed ends its claim;
        an expired claim is handed out again. Where one process owns the store (SQLite) this
        is `pending`."""
        ...

    def mark_done(self, item_id: int, now: datetime) -> None: ...

    def mark_attempt_failed(self, item_id: int, error: str, now: datetime) -> bool:
        """Count a failed handling; after MAX_ATTEMPTS the row is parked as failed. True if parked."""
        ...

    def count(self, platform: str | None = ..., state: str | None = ...) -> int: ...

    def prune(self, handled_before: datetime, limit: int | None = ...) -> int:
        """Delete up to `limit` (PRUNE_BATCH) handled rows (done or quarantined) handled before `handled_before`; returns how many. Pending rows have no handled_at and are never touched."""
        ...

    def failed(self) -> list[FailedItem]:
        """Every quarantined row, oldest first."""
        ...

    def payload(self, item_id: int) -> str | None:
        """The journaled text of one row (escaped JSON for an event quarantined as it came)."""
        ...

    def retry(self, ids: Sequence[int] | None, actor: Actor, now: datetime) -> list[int]:
        """Put quarantined rows (all of them when `ids` is None) back in line, with fresh attempts; a running worker takes them within a second. Returns the ids it moved."""
        ...

    def drop(self, ids: Sequence[int] | None, actor: Actor, now: datetime) -> list[int]:
        """Delete quarantined rows (all of them when `ids` is None), payload and all. Returns the ids it deleted."""
        ...


class Interactions(Protocol):
    """storage/interactions.py behind the interface."""

    def get_interaction(self, interaction_id: int) -> Interaction | None: ...

    def attachment(self, interaction_id: int) -> str | None:
        """The file reference kept with an interaction (a photo or voice note's platform id), or None. Read on its own: nothing on the hot paths needs it."""
        ...

    def log_interaction(
        self,
        *,
        person_id: int,
        kind: str,
        occurred_at: datetime,
        actor: Actor,
        now: datetime,
        body: str = ...,
        account_id: int | None = ...,
        deal_id: int | None = ...,
        contact_id: int | None = ...,
        outcome: str | None = ...,
        latitude: float | None = ...,
        longitude: float | None = ...,
        attachment: str | None = ...,
        source_platform: str | None = ...,
        source_message_id: str | None = ...,
    ) -> Logged:
        """Store an interaction; the same (platform, message id) is stored only once."""
        ...

    def log_at_account(
        self,
        *,
        person_id: int,
        account_id: int,
        kind: str,
        occurred_at: datetime,
        actor: Actor,
        now: datetime,
        body: str = ...,
        contact_id: int | None = ...,
        attachment: str | None = ...,
        source_platform: str | None = ...,
        source_message_id: str | None = ...,
        with_next: bool = ...,
    ) -> tuple[Logged, list[NextItem]]:
        """A rep's log at an account: log_interaction on their only open deal there
        (Deals.only_open_deal: none when they have none or several), and with `with_next`
        next_for_account's first three items when it stored the log ([] otherwise, and on a
        redelivery). One round trip on PostgreSQL: every log's write (issue 16)."""
        ...

    def recent_for_account(
        self, account_id: int, owner_ids: list[int] | None, limit: int = ...
    ) -> list[Interaction]:
        """The latest interactions at an account that are in this book (storage.books)."""
        ...

    def add_follow_up(
        self,
        *,
        person_id: int,
        kind: str,
        due: date,
        actor: Actor,
        now: datetime,
        account_id: int | None = ...,
        deal_id: int | None = ...,
        due_time: str | None = ...,
        note: str = ...,
        source_platform: str | None = ...,
        source_message_id: str | None = ...,
    ) -> FollowUp:
        """Add a one-off follow-up; the same source message adds it once."""
        ...

    def follow_ups_due(
        self, person_id: int, until: date, account_id: int | None = ...
    ) -> list[FollowUp]:
        """Open follow-ups of a person due on or before `until` (or all open ones of an account)."""
        ...

    def last_touch(self, account_id: int, owner_ids: list[int] | None) -> str | None:
        """When this book last touched an account (None: never)."""
        ...

    def touches_by_person(self, person_ids: list[int] | None, since: str) -> dict[int, int]:
        """Interactions logged per person since a UTC timestamp (team activity)."""
        ...

    def due_steps(
        self,
        owner_ids: list[int] | None,
        before: str,
        *,
        account_id: int | None = ...,
        limit: int = ...,
    ) -> list[DueItem]:
        """Active cadence steps due before a UTC timestamp, earliest first."""
        ...

    def due_follow_ups(
        self,
        owner_ids: list[int] | None,
        until: date,
        *,
        account_id: int | None = ...,
        limit: int = ...,
    ) -> list[DueItem]:
        """Open follow-ups due on or before `until`, earliest first."""
        ...

    def behind_by_owner(
        self, owner_ids: list[int] | None, step_before: str, follow_up_before: date
    ) -> list[Behind]:
        """Per rep, what is overdue (steps due before a UTC timestamp, follow-ups before a date)."""
        ...

    def next_for_account(
        self, person_id: int, account_id: int, limit: int = ...
    ) -> list[NextItem]:
        """The rep's active steps and open follow-ups at an account, earliest first (lean: read on the log write path)."""
        ...


class Kv(Protocol):
    """storage/kv.py behind the interface."""

    def get(self, key: str, default: str | None = ...) -> str | None: ...

    def put(self, key: str, value: str) -> None: ...

    def probe(self, key: str, value: str) -> None:
        """`put`, and prove there is room to grow: a value of SPACE_PROBE_BYTES is written and rolled back. Rewriting one small row succeeds on a full disk (its page already exists), so that alone would call a store healthy that can't take one new message."""
        ...


class Leases(Protocol):
    """storage/leases.py behind the interface: one row per role, held until it expires."""

    def acquire(self, name: str, holder: str, now: datetime, ttl: timedelta) -> bool:
        """Take the lease if it is free or expired, or renew it if `holder` has it already;
        True if `holder` holds it until `now + ttl`. One statement: two racers never both win."""
        ...

    def release(self, name: str, holder: str) -> None:
        """Give the lease up (only if `holder` has it), so another process takes it at once."""
        ...

    def held(self, now: datetime) -> list[Lease]:
        """Every lease not expired at `now`, by name."""
        ...


class Metrics(Protocol):
    """storage/metrics.py behind the interface."""

    def load_team(self, team_id: int, span: Span) -> TeamData | None:
        """One team's digest records, or None when the team does not exist."""
        ...

    def forecast_inputs(self, team_id: int, day: date) -> TeamData | None:
        """Just what the month's forecast needs: stages, open deals and this month's closes."""
        ...

    def team_reps(self, team_id: int) -> tuple[Rep, ...]:
        """Active reps of the team, plus anyone else on it (a selling manager) who owns open deals or active enrolments; a manager who only manages is not listed as a silent rep."""
        ...

    def stages(self) -> tuple[MetricsStage, ...]: ...

    def digest_managers(self, person_id: int | None = ...) -> list[Manager]:
        """Active people who manage at least one team, explicitly or as a team's manager member (only `person_id`, when given)."""
        ...

    def last_digest_at(self, person_id: int, before: datetime) -> datetime | None:
        """When the previous digest for this person was queued (movements are counted since)."""
        ...

    def own_due(self, person_id: int, until: datetime) -> int | None:
        """Steps of this person's own book due before `until`; None when they carry no book."""
        ...

    def team_deals(self, ids: list[int], first_closed: date) -> tuple[MetricsDeal, ...]:
        """Open deals of these owners, and those closed on or after `first_closed`."""
        ...


class Outbox(Protocol):
    """storage/outbox.py behind the interface."""

    def enqueue(
        self,
        person_id: int,
        kind: str,
        dedupe_key: str,
        payload: dict[str, Any],
        now: datetime,
        not_before: datetime | None = ...,
    ) -> int | None:
        """Queue a message; returns its id, or None when that dedupe key was already queued."""
        ...

    def due(self, now: datetime, limit: int = ...) -> list[OutboxItem]:
        """Pending rows due at `now`, earliest first, claimed or not (a look, not a hand-out)."""
        ...

    def claim_due(
        self, now: datetime, limit: int, holder: str, until: datetime
    ) -> list[OutboxItem]:
        """Hand due rows of up to `limit` people to `holder` until `until`: no row is handed to
        two live holders, and a person whose earliest due row another holder has is skipped
        (their messages stay in order). Settling a row ends its claim; an expired claim is
        handed out again. Where one process owns the store (SQLite) this is `due`."""
        ...

    def release(self, ids: Sequence[int], holder: str) -> None:
        """Give back `holder`'s claims on rows it will not settle now."""
        ...

    def get(self, item_id: int) -> OutboxItem | None: ...

    def mark_sent(
        self, item_id: int, platform: str, message_id: str | None, now: datetime
    ) -> None: ...

    def mark_retry(
        self, item_id: int, error: str, next_attempt: datetime, max_attempts: int
    ) -> str:
        """Record a failed attempt; returns the new state ('pending' again, or 'failed' for good)."""
        ...

    def give_up(self, item_id: int, error: str) -> None:
        """Stop trying a row without another attempt (a reply past its age limit)."""
        ...

    def postpone(self, item_id: int, until: datetime) -> None:
        """Wait without counting an attempt (quiet hours, a platform's retry_after)."""
        ...

    def failed(self, limit: int = ...) -> list[OutboxItem]: ...

    def backlog(self, now: datetime) -> int: ...

    def key_exists(self, dedupe_key: str) -> bool:
        """Whether a message with this dedupe key was ever queued (skip building it again)."""
        ...


class People(Protocol):
    """storage/people.py behind the interface."""

    def get_team_by_name(self, name: str) -> Team | None: ...

    def get_team(self, team_id: int) -> Team | None: ...

    def list_teams(self) -> list[Team]: ...

    def ensure_team(self, name: str, actor: Actor, now: datetime) -> Team:
        """The team with that name, created (and audited) if it is named for the first time."""
        ...

    def set_team_manager(
        self, team_id: int, manager_id: int, actor: Actor, now: datetime
    ) -> None: ...

    def set_team_target(
        self, team_id: int, amount: float, currency: str, actor: Actor, now: datetime
    ) -> None: ...

    def add_person(
        self,
        *,
        name: str,
        role: str,
        timezone: str,
        locale: str,
        actor: Actor,
        now: datetime,
        team: str | None = ...,
        email: str | None = ...,
    ) -> Person:
        """Create a person; a team named for the first time is created, and a manager added with a team becomes that team's manager."""
        ...

    def get_person(self, person_id: int) -> Person: ...

    def find_person(self, name: str) -> Person | None:
        """A person by name, ignoring case and accents (exact otherwise: the CLI's --as NAME)."""
        ...

    def list_people(self, *, team_id: int | None = ...) -> list[Person]: ...

    def managed_team_ids(self, manager_id: int) -> list[int]:
        """Teams a manager manages (explicitly, or the team they belong to as a manager)."""
        ...

    def visible_owner_ids(self, person: Person) -> list[int] | None:
        """Whose book this person may see: None means everyone (admin)."""
        ...

    def identity_for(self, platform: str, external_id: str) -> Identity | None: ...

    def person_for_identity(self, platform: str, external_id: str) -> Person | None: ...

    def person_and_names_version(
        self, platform: str, external_id: str
    ) -> tuple[Person, int] | None:
        """`person_for_identity` and the book's `names_version` in one statement, both read
        for every typed message (None when no active person has that identity)."""
        ...

    def identities_of(self, person_id: int) -> list[Identity]: ...

    def preferred_identity(self, person_id: int) -> Identity | None:
        """Where proactive messages go: the preferred identity, else the most recently linked."""
        ...

    def prefer_platform(
        self, person_id: int, platform: str, actor: Actor, now: datetime
    ) -> Identity | None:
        """Make the person's newest identity on `platform` the one proactive messages go to; None (nothing changed) when they have not linked that chat."""
        ...

    def link_identity(
        self,
        person_id: int,
        platform: str,
        external_id: str,
        chat_id: str | None,
        actor: Actor,
        now: datetime,
        *,
        preferred: bool = ...,
    ) -> Identity:
        """Attach a chat identity to a person; by default the newest link becomes the preferred one (where proactive messages go). The console passes preferred=False: a terminal session must not divert someone's reminders away from their phone."""
        ...

    def pending_link_code_since(self, person_id: int, now: datetime) -> datetime | None:
        """When the person's still-usable code was made (a new code cancels it), else None."""
        ...

    def create_link_code(self, person_id: int, ttl: timedelta, actor: Actor, now: datetime) -> str:
        """A fresh single-use code for the person; earlier unused codes of theirs stop working."""
        ...

    def redeem_link_code(
        self, code: str, platform: str, external_id: str, chat_id: str | None, now: datetime
    ) -> LinkResult:
        """Link the sender to the code's person if the code is valid, unused and unexpired."""
        ...

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
        ...


class Privacy(Protocol):
    """storage/privacy.py behind the interface."""

    def find_contacts(self, query: str) -> list[dict[str, Any]]:
        """Contacts whose e-mail (any case) or name (any case or accents) is `query`."""
        ...

    def personal_data(self, contact_id: int, mentions: Callable[[str], bool]) -> dict[str, Any]:
        """Everything stored about one contact: the record, its company, consents, enrolments, every interaction linked to them or whose text `mentions(text)` them, and their audit trail."""
        ...

    def surroundings(self, contact_id: int) -> Surroundings:
        """The Surroundings of one contact."""
        ...


class Results(Protocol):
    """storage/results.py behind the interface."""

    def closed_deals(
        self, owner_ids: list[int] | None, status: str, start: date, end: date, limit: int = ...
    ) -> list[Closed]:
        """Deals of this book won (or lost) between two days, both included, latest first."""
        ...

    def won_total(self, owner_ids: list[int] | None, start: date, end: date) -> tuple[float, int]:
        """The amount won in the period by this book, and how many deals."""
        ...

    def team_member_ids(self, team_id: int) -> list[int]: ...


class Schedules(Protocol):
    """storage/schedules.py behind the interface."""

    def schedules_of(self, person_ids: list[int], since: date | None = ...) -> dict[int, Schedule]:
        """Schedules of many people in two queries (the due scan asks for every owner at once)."""
        ...

    def schedule_groups(
        self, person_ids: list[int], since: date | None = ...
    ) -> list[tuple[Schedule, tuple[int, ...]]]:
        """People grouped by everything that decides when they may be reached, in few rows."""
        ...

    def schedule_of(self, person_id: int, since: date | None = ...) -> Schedule: ...

    def set_preferences(
        self, actor: Actor, person_id: int, changes: dict[str, str | None], now: datetime
    ) -> Schedule:
        """Change what a person owns about being reached: working hours (`work_start`, `work_end`, `work_days`), quiet hours (`quiet_start`, `quiet_end`, None for none) and notifications (`notify_mode`, `notify_times`); only the keys given change, audited."""
        ...

    def add_away(self, actor: Actor, person_id: int, start: date, end: date, now: datetime) -> int:
        """Record an absence (holiday, leave); both dates are included."""
        ...

    def away_periods(
        self, person_id: int, since: date | None = ...
    ) -> list[tuple[date, date]]: ...

    def end_away(
        self, actor: Actor, person_id: int, today: date, now: datetime
    ) -> tuple[date, date] | None:
        """End the absence the person is in today: it now ends yesterday (one that began today is removed). Returns the absence as it was, or None when they are not away today."""
        ...


class Search(Protocol):
    """storage/search.py behind the interface."""

    def exact_accounts(
        self, key: str, owner_ids: list[int] | None, limit: int = ...
    ) -> list[NameRow]:
        """Accounts visible to `owner_ids` whose whole name key is `key`: one index lookup."""
        ...

    def name_taken(self, key: str) -> bool:
        """Whether any account, in anyone's book, has this whole name key: one the asker can't see must not be created again as a duplicate (nor shown to them)."""
        ...

    def account_candidates(
        self, key: str, owner_ids: list[int] | None, limit: int = ...
    ) -> list[NameRow]:
        """Accounts visible to `owner_ids` whose folded name may be `key` (see names.name_key)."""
        ...

    def contact_candidates(
        self, key: str, owner_ids: list[int] | None, account_id: int | None = ..., limit: int = ...
    ) -> list[NameRow]:
        """Contacts at visible accounts (optionally one account) whose name may be `key`."""
        ...


class Seeding(Protocol):
    """storage/seeding.py behind the interface."""

    def seed_synthetic(self, spec: SyntheticSpec, now: datetime) -> SeedCounts:
        """Generate a whole dataset inside the caller's transaction."""
        ...

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
        ...

    def cadence_keys(self) -> list[str]: ...

    def ensure_cadences(self, now: datetime) -> list[str]:
        """The installed cadence keys; a minimal one is created when none is installed."""
        ...


class Stages(Protocol):
    """storage/stages.py behind the interface."""

    def list_stages(self) -> list[Stage]: ...

    def install_stages(self, stages: tuple[Stage, ...] | list[Stage], actor: Actor) -> int:
        """Insert or update the given stages (by key); returns how many changed."""
        ...


class Tasks(Protocol):
    """storage/tasks.py behind the interface."""

    def add_task(
        self,
        *,
        person_id: int,
        note: str,
        due: date,
        actor: Actor,
        now: datetime,
        kind: str | None = ...,
        account_id: int | None = ...,
        due_time: str | None = ...,
        source_platform: str | None = ...,
        source_message_id: str | None = ...,
    ) -> FollowUp:
        """Add a task (kind 'task' unless a channel was said); the same message adds it once."""
        ...

    def get_follow_up(self, follow_up_id: int) -> FollowUp | None: ...

    def close(
        self, follow_up_id: int, person_id: int, state: str, actor: Actor, now: datetime
    ) -> FollowUp | None:
        """Mark a person's open follow-up done or cancelled; None if it is not open and theirs."""
        ...

    def postpone(
        self, follow_up_id: int, person_id: int, due: date, actor: Actor, now: datetime
    ) -> FollowUp | None:
        """Move a person's open follow-up to another day; it will be reminded again then."""
        ...

    def unreminded(self, until: date, limit: int) -> list[Unreminded]:
        """Open follow-ups due on or before `until` whose reminder was never queued (index 0012)."""
        ...

    def mark_reminded(self, ids: Iterable[int], now: datetime) -> None: ...

    def last_undoable(
        self, person_id: int, since: datetime, account_id: int | None = None
    ) -> Undoable | None:
        """The person's most recent interaction logged or task created since `since`; with
        `account_id`, the most recent at that account only ("apaga o que registrei na X")."""
        ...

    def remove_interaction(
        self, interaction_id: int, person_id: int, actor: Actor, now: datetime
    ) -> bool:
        """Delete a person's own interaction, and cancel the follow-up set in the same message."""
        ...


class Transfer(Protocol):
    """storage/transfer.py behind the interface."""

    def snapshot(self, kind: str) -> dict[str, list[dict[str, Any]]]:
        """What an import of `kind` plans against: accounts always; contacts, deals, stages and people only when that kind needs them."""
        ...

    def apply_import(
        self,
        *,
        actor: Actor,
        now: datetime,
        reason: str,
        new_accounts: Sequence[dict[str, Any]] = ...,
        account_updates: Sequence[Change] = ...,
        new_contacts: Sequence[dict[str, Any]] = ...,
        contact_updates: Sequence[Change] = ...,
        new_deals: Sequence[dict[str, Any]] = ...,
        deal_updates: Sequence[Change] = ...,
    ) -> Applied:
        """Write an import plan: inserts in bulk, then updates, every change audited."""
        ...

    def export_rows(self, kind: str) -> Iterator[dict[str, Any]]:
        """Every record of `kind` with names instead of ids, in a stable order, one at a time."""
        ...


class Tx(Protocol):
    """One unit of work: every repository, on one transaction (or one read snapshot).

    `store.write(fn)` calls `fn(tx)` inside a transaction committed with its batch;
    `store.read(fn)`/`store.lookup(fn)` call it on a read-only connection, where a write raises.
    """

    accounts: Accounts
    ai_calls: AiCalls
    alerts: Alerts
    aliases: Aliases
    audit: Audit
    backups: Backups
    books: Books
    cadences: Cadences
    callbacks: Callbacks
    consents: Consents
    deals: Deals
    due_scan: DueScan
    enrolments: Enrolments
    erasure: Erasure
    forecasts: Forecasts
    inactivity: Inactivity
    inbox: Inbox
    interactions: Interactions
    kv: Kv
    leases: Leases
    metrics: Metrics
    outbox: Outbox
    people: People
    privacy: Privacy
    results: Results
    schedules: Schedules
    search: Search
    seeding: Seeding
    stages: Stages
    tasks: Tasks
    transfer: Transfer
