"""Running one import inside a store transaction: snapshot, plan, and (unless told not to) apply.

Called as `await store.write(run_import, parsed, options)`: the snapshot is read and the plan
written under the same write lock, so nothing can slip in between what was planned against
and what is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from handlers.transfer.gcpause import paused_gc
from handlers.transfer.plan import Plan, Snapshot, plan
from handlers.transfer.records import Parsed
from storage import transfer as bulk
from storage.audit import Actor
from storage.interface import Tx


@dataclass(frozen=True)
class ImportOptions:
    actor: Actor
    now: datetime
    source: str  # the file name, kept as the audit reason
    dry_run: bool = False
    strict: bool = False


@dataclass(frozen=True)
class Outcome:
    """The plan, and whether it was written (not on a dry run, nor on --strict with errors)."""

    plan: Plan
    applied: bool


def _changes(updates: tuple) -> list[bulk.Change]:
    return [bulk.Change(u.id, u.before, u.changes) for u in updates]


def run_import(tx: Tx, parsed: Parsed, options: ImportOptions) -> Outcome:
    """Plan `parsed` against the store and write it, all in the caller's transaction."""
    with paused_gc():
        return _run(tx, parsed, options)


def _run(tx: Tx, parsed: Parsed, options: ImportOptions) -> Outcome:
    result = plan(Snapshot(**tx.transfer.snapshot(parsed.kind)), parsed)
    if options.dry_run or (options.strict and result.summary.errors):
        return Outcome(result, False)
    tx.transfer.apply_import(
        actor=options.actor,
        now=options.now,
        reason=f"import {options.source}",
        new_accounts=result.new_accounts,
        account_updates=_changes(result.account_updates),
        new_contacts=result.new_contacts,
        contact_updates=_changes(result.contact_updates),
        new_deals=result.new_deals,
        deal_updates=_changes(result.deal_updates),
    )
    return Outcome(result, True)
