"""The SQLite unit of work: every repository class of storage/sqlite/ on one connection.

Each repository is a class of its own module (storage/sqlite/accounts.py, deals.py, ...) holding
the SQL; the records it returns live in the backend-neutral storage/<module>.py. `SqliteTx` is
built once per connection (the writer's, the reader's, the event loop's lookup connection), not
per write, so a call through the interface costs one attribute read and no delegation.
"""

from __future__ import annotations

import sqlite3

from storage.repositories import (
    Accounts,
    AiCalls,
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
    Leases,
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
from storage.sqlite.accounts import SqliteAccounts
from storage.sqlite.ai_calls import SqliteAiCalls
from storage.sqlite.alerts import SqliteAlerts
from storage.sqlite.aliases import SqliteAliases
from storage.sqlite.audit import SqliteAudit
from storage.sqlite.backups import SqliteBackups
from storage.sqlite.books import SqliteBooks
from storage.sqlite.cadences import SqliteCadences
from storage.sqlite.callbacks import SqliteCallbacks
from storage.sqlite.consents import SqliteConsents
from storage.sqlite.deals import SqliteDeals
from storage.sqlite.due_scan import SqliteDueScan
from storage.sqlite.enrolments import SqliteEnrolments
from storage.sqlite.erasure import SqliteErasure
from storage.sqlite.forecasts import SqliteForecasts
from storage.sqlite.inactivity import SqliteInactivity
from storage.sqlite.inbox import SqliteInbox
from storage.sqlite.interactions import SqliteInteractions
from storage.sqlite.kv import SqliteKv
from storage.sqlite.leases import SqliteLeases
from storage.sqlite.metrics import SqliteMetrics
from storage.sqlite.outbox import SqliteOutbox
from storage.sqlite.people import SqlitePeople
from storage.sqlite.privacy import SqlitePrivacy
from storage.sqlite.results import SqliteResults
from storage.sqlite.schedules import SqliteSchedules
from storage.sqlite.search import SqliteSearch
from storage.sqlite.seeding import SqliteSeeding
from storage.sqlite.stages import SqliteStages
from storage.sqlite.tasks import SqliteTasks
from storage.sqlite.transfer import SqliteTransfer


class SqliteTx:
    """Every repository on one connection (see storage.repositories.Tx)."""

    __slots__ = (
        "conn",
        "accounts",
        "ai_calls",
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
        "leases",
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

    def __init__(self, conn: sqlite3.Connection, *, lookups_only: bool = False) -> None:
        """`lookups_only`: a connection that never writes (the store's inline lookups), whose
        repositories may keep what they read while the store's data_version stands still."""
        self.conn = conn
        self.accounts: Accounts = SqliteAccounts(conn)
        self.ai_calls: AiCalls = SqliteAiCalls(conn)
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
        self.leases: Leases = SqliteLeases(conn)
        self.metrics: Metrics = SqliteMetrics(conn)
        self.outbox: Outbox = SqliteOutbox(conn)
        self.people: People = SqlitePeople(conn, remember_senders=lookups_only)
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
