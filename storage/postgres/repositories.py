"""Every PostgreSQL repository bundled on one connection: PostgreSQL's unit of work.

The repositories keep SQLite's behaviour (the contract suite in tests/contract/store runs both);
each lives in storage/postgres/<name>.py beside its SQLite twin in storage/sqlite/<name>.py.
"""

from __future__ import annotations

from typing import Any

import psycopg

from storage.postgres.accounts import PgAccounts
from storage.postgres.ai_calls import PgAiCalls
from storage.postgres.alerts import PgAlerts
from storage.postgres.aliases import PgAliases
from storage.postgres.audit import PgAudit
from storage.postgres.backups import PgBackups
from storage.postgres.books import PgBooks
from storage.postgres.cadences import PgCadences
from storage.postgres.callbacks import PgCallbacks
from storage.postgres.consents import PgConsents
from storage.postgres.deals import PgDeals
from storage.postgres.due_scan import PgDueScan
from storage.postgres.enrolments import PgEnrolments
from storage.postgres.erasure import PgErasure
from storage.postgres.forecasts import PgForecasts
from storage.postgres.inactivity import PgInactivity
from storage.postgres.inbox import PgInbox
from storage.postgres.interactions import PgInteractions
from storage.postgres.kv import PgKv
from storage.postgres.leases import PgLeases
from storage.postgres.metrics import PgMetrics
from storage.postgres.outbox import PgOutbox
from storage.postgres.people import PgPeople
from storage.postgres.privacy import PgPrivacy
from storage.postgres.results import PgResults
from storage.postgres.schedules import PgSchedules
from storage.postgres.search import PgSearch
from storage.postgres.seeding import PgSeeding
from storage.postgres.stages import PgStages
from storage.postgres.tasks import PgTasks
from storage.postgres.transfer import PgTransfer
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


class PgTx:
    """Every repository on one psycopg connection (see storage.repositories.Tx)."""

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

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self.conn = conn
        self.accounts: Accounts = PgAccounts(conn)
        self.ai_calls: AiCalls = PgAiCalls(conn)
        self.alerts: Alerts = PgAlerts(conn)
        self.aliases: Aliases = PgAliases(conn)
        self.audit: Audit = PgAudit(conn)
        self.backups: Backups = PgBackups(conn)
        self.books: Books = PgBooks(conn)
        self.cadences: Cadences = PgCadences(conn)
        self.callbacks: Callbacks = PgCallbacks(conn)
        self.consents: Consents = PgConsents(conn)
        self.deals: Deals = PgDeals(conn)
        self.due_scan: DueScan = PgDueScan(conn)
        self.enrolments: Enrolments = PgEnrolments(conn)
        self.erasure: Erasure = PgErasure(conn)
        self.forecasts: Forecasts = PgForecasts(conn)
        self.inactivity: Inactivity = PgInactivity(conn)
        self.inbox: Inbox = PgInbox(conn)
        self.interactions: Interactions = PgInteractions(conn)
        self.kv: Kv = PgKv(conn)
        self.leases: Leases = PgLeases(conn)
        self.metrics: Metrics = PgMetrics(conn)
        self.outbox: Outbox = PgOutbox(conn)
        self.people: People = PgPeople(conn)
        self.privacy: Privacy = PgPrivacy(conn)
        self.results: Results = PgResults(conn)
        self.schedules: Schedules = PgSchedules(conn)
        self.search: Search = PgSearch(conn)
        self.seeding: Seeding = PgSeeding(conn)
        self.stages: Stages = PgStages(conn)
        self.tasks: Tasks = PgTasks(conn)
        self.transfer: Transfer = PgTransfer(conn)
