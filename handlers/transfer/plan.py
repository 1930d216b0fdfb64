"""Deciding what an import does: which rows create, update or merge into which records.

Pure: it gets what the store already holds (a Snapshot of plain dicts) and the parsed rows,
and returns a Plan of inserts and updates plus the summary the user will read. Applying it
is storage.transfer's job, in one transaction, so a dry run is simply a plan not applied.

New records get negative temporary refs (-1, -2, …) so a deal can point at an account the
same file creates; the store swaps them for real ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from handlers.transfer.dedupe import NearMatcher
from handlers.transfer.folding import fold, fold_once
from handlers.transfer.gcpause import paused_gc
from handlers.transfer.records import (
    AccountRecord,
    ContactRecord,
    DealRecord,
    Note,
    Parsed,
    RowError,
)

Row = dict[str, Any]

# RD Station exports carry no currency at all, and ritmo's users are mostly in Brazil.
DEFAULT_CURRENCY = "BRL"

ACCOUNT_FIELDS = ("segment", "city", "state", "website", "latitude", "longitude")
CONTACT_FIELDS = ("account_id", "email", "phone", "role")
DEAL_FIELDS = (
    "owner_id",
    "stage_key",
    "amount",
    "currency",
    "close_date",
    "status",
    "lost_reason",
)


@dataclass(frozen=True)
class Snapshot:
    """What the store holds, as rows keyed by column name (ids, names and the updatable fields).

    stages: key, position, label_pt, label_en. people: id, name, email.
    """

    accounts: Sequence[Row] = ()
    contacts: Sequence[Row] = ()
    deals: Sequence[Row] = ()
    stages: Sequence[Row] = ()
    people: Sequence[Row] = ()


@dataclass(frozen=True)
class Merge:
    """An imported company name attached to an existing account instead of creating one."""

    line: int
    name: str
    existing: str


@dataclass(frozen=True)
class Update:
    id: int
    before: Row
    changes: Row


@dataclass(frozen=True)
class Summary:
    kind: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    accounts_created: int = 0
    merges: tuple[Merge, ...] = ()
    errors: tuple[RowError, ...] = ()
    notes: tuple[Note, ...] = ()

    @property
    def rejected(self) -> int:
        return len(self.errors)


@dataclass(frozen=True)
class Plan:
    """Rows to insert (with temporary refs) and updates to make, and what they amount to."""

    summary: Summary
    new_accounts: tuple[Row, ...] = ()
    account_updates: tuple[Update, ...] = ()
    new_contacts: tuple[Row, ...] = ()
    contact_updates: tuple[Update, ...] = ()
    new_deals: tuple[Row, ...] = ()
    deal_updates: tuple[Update, ...] = ()

    @property
    def has_writes(self) -> bool:
        return bool(
            self.new_accounts
            or self.account_updates
            or self.new_contacts
            or self.contact_updates
            or self.new_deals
            or self.deal_updates
        )


class _Lookup:
    """Stage and owner names resolved the way users write them (key or label, any case)."""

    def __init__(self, stages: Sequence[Row], people: Sequence[Row]) -> None:
        self.stages: dict[str, str] = {}
        for stage in stages:
            for name in (stage["label_pt"], stage["label_en"], stage["key"]):
                self.stages.setdefault(fold(name), stage["key"])
        ordered = sorted(stages, key=lambda s: s["position"])
        self.first_stage = ordered[0]["key"] if ordered else None
        self.last_stage = ordered[-1]["key"] if ordered else None
        self.people: dict[str, int] = {}
        for person in people:
            self.people.setdefault(fold(person["name"]), person["id"])
            if person.get("email"):
                self.people.setdefault(fold(person["email"]), person["id"])

        self._seen: dict[tuple[str, str | None], str | None] = {}

    def stage(self, record: DealRecord) -> str | None:
        """The stage key a row names (its label in either language or its key), else None."""
        if record.stage is None:
            return None
        cache_key = (record.stage, record.stage_hint)
        if cache_key not in self._seen:
            key = self.stages.get(fold(record.stage)) or self.stages.get(
                fold(record.stage.replace("_", " "))
            )
            if key is None and record.stage_hint in self.stages.values():
                key = record.stage_hint
            self._seen[cache_key] = key
        return self._seen[cache_key]


@dataclass
class _Work:
    """Mutable state of one planning pass (never leaves this module)."""

    matcher: NearMatcher = field(default_factory=NearMatcher)
    next_ref: int = -1
    new_accounts: list[Row] = field(default_factory=list)
    account_index: dict[int, Row] = field(default_factory=dict)  # id or ref -> current row
    merges: list[Merge] = field(default_factory=list)
    merged_names: set[tuple[str, int]] = field(default_factory=set)
    resolved: dict[str, int] = field(default_factory=dict)  # name as written -> id or ref
    errors: list[RowError] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    updates: dict[int, Update] = field(default_factory=dict)
    counts: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(
            ("created", "updated", "unchanged", "accounts_created"), 0
        )
    )

    def take_ref(self) -> int:
        ref, self.next_ref = self.next_ref, self.next_ref - 1
        return ref


def _changes(current: Row, incoming: Mapping[str, Any], fields: Iterable[str]) -> Row:
    """Fields whose incoming value is given and differs; a blank cell never erases data."""
    return {
        f: incoming[f]
        for f in fields
        if incoming.get(f) is not None and incoming[f] != current.get(f)
    }


def _start(snapshot: Snapshot, parsed: Parsed) -> _Work:
    work = _Work(errors=list(parsed.errors), notes=list(parsed.notes))
    for account in snapshot.accounts:
        work.matcher.add(account["id"], account["name"])
        work.account_index[account["id"]] = dict(account)
    return work


def _resolve_account(work: _Work, name: str, line: int, fields: Row | None = None) -> int:
    """The id or ref of the company `name` denotes, creating it when none is close enough."""
    known = work.resolved.get(name)
    if known is not None and fields is None:
        return known
    target = _match_account(work, name, line, fields)
    work.resolved[name] = target
    return target


def _match_account(work: _Work, name: str, line: int, fields: Row | None) -> int:
    match = work.matcher.find(name)
    if match is None:
        ref = work.take_ref()
        row = {"ref": ref, "name": name.strip(), "line": line, **dict.fromkeys(ACCOUNT_FIELDS)}
        row.update(fields or {})
        work.new_accounts.append(row)
        work.account_index[ref] = row
        work.matcher.add(ref, name)
        return ref
    if fold(name) != fold(match.name) and (fold(name), match.id) not in work.merged_names:
        work.merged_names.add((fold(name), match.id))
        work.merges.append(Merge(line, name.strip(), match.name))
    return match.id


def _record_update(work: _Work, target: int, current: Row, changes: Row) -> None:
    """Apply changes to an existing (id > 0) or new (ref < 0) row and count the outcome."""
    if not changes:
        work.counts["unchanged"] += 1
        return
    if target > 0:
        previous = work.updates.get(target)
        before = previous.before if previous else dict(current)
        merged = {**(previous.changes if previous else {}), **changes}
        work.updates[target] = Update(target, before, merged)
    current.update(changes)
    work.counts["updated"] += 1


def _summary(kind: str, work: _Work) -> Summary:
    return Summary(
        kind,
        work.counts["created"],
        work.counts["updated"],
        work.counts["unchanged"],
        work.counts["accounts_created"],
        tuple(work.merges),
        tuple(sorted(work.errors, key=lambda e: e.line)),
        tuple(sorted(work.notes, key=lambda n: n.line)),
    )


def plan_accounts(snapshot: Snapshot, parsed: Parsed) -> Plan:
    """Create each new company once; update (or merge into) the one a row denotes."""
    work = _start(snapshot, parsed)
    for record in parsed.records:
        assert isinstance(record, AccountRecord)
        values = {f: getattr(record, f) for f in ACCOUNT_FIELDS}
        before = len(work.new_accounts)
        target = _resolve_account(work, record.name, record.line, values)
        if len(work.new_accounts) > before:
            work.counts["created"] += 1
            continue
        current = work.account_index[target]
        _record_update(work, target, current, _changes(current, values, ACCOUNT_FIELDS))
    return Plan(_summary("accounts", work), tuple(work.new_accounts), tuple(work.updates.values()))


def plan_contacts(snapshot: Snapshot, parsed: Parsed) -> Plan:
    """Match contacts by e-mail, else by name within the same company; create the rest."""
    work = _start(snapshot, parsed)
    by_email: dict[str, Row] = {}
    by_name: dict[tuple[int | None, str], Row] = {}
    for contact in snapshot.contacts:
        row = dict(contact)
        if row.get("email"):
            by_email.setdefault(row["email"].lower(), row)
        by_name.setdefault((row["account_id"], fold(row["name"])), row)
    new_contacts: list[Row] = []
    for record in parsed.records:
        assert isinstance(record, ContactRecord)
        accounts_before = len(work.new_accounts)
        account = _resolve_account(work, record.account, record.line) if record.account else None
        work.counts["accounts_created"] += len(work.new_accounts) - accounts_before
        values = {
            "account_id": account,
            "email": record.email,
            "phone": record.phone,
            "role": record.role,
        }
        current = (by_email.get(record.email) if record.email else None) or by_name.get(
            (account, fold(record.name))
        )
        if current is None:
            row = {"ref": 0, "name": record.name.strip(), "line": record.line, **values}
            new_contacts.append(row)
            by_name[(account, fold(record.name))] = row
            if record.email:
                by_email[record.email] = row
            work.counts["created"] += 1
            continue
        target = current.get("id") or 0
        _record_update(work, target, current, _changes(current, values, CONTACT_FIELDS))
    return Plan(
        _summary("contacts", work),
        tuple(work.new_accounts),
        (),
        tuple(new_contacts),
        tuple(work.updates.values()),
    )


def plan_deals(snapshot: Snapshot, parsed: Parsed) -> Plan:
    """Match deals by company and title; stages and owners must exist (else the row is rejected).

    A won or lost deal whose file gives no open stage sits at the last stage when won and at
    the first when lost: ritmo keeps an open stage on every deal and the CRM did not say.
    """
    work = _start(snapshot, parsed)
    lookup = _Lookup(snapshot.stages, snapshot.people)
    existing: dict[tuple[int, str], list[Row]] = {}
    for deal in snapshot.deals:
        existing.setdefault((deal["account_id"], fold_once(deal["title"])), []).append(dict(deal))
    seen: dict[tuple[int, str], int] = {}
    fresh: dict[tuple[int, str], Row] = {}  # deals this file creates (no list per new row)
    new_deals: list[Row] = []
    for record in parsed.records:
        assert isinstance(record, DealRecord)
        values = _deal_values(work, lookup, record)
        if values is None:
            continue
        account = work.resolved.get(record.account)
        if account is None:
            accounts_before = len(work.new_accounts)
            account = _resolve_account(work, record.account, record.line)
            work.counts["accounts_created"] += len(work.new_accounts) - accounts_before
        key = (account, fold_once(record.title))
        current = fresh.get(key)
        if current is None and key in existing:
            current = _nth(existing[key], seen, key)
        if current is None:
            values["amount"] = values["amount"] or 0.0
            values["currency"] = values["currency"] or DEFAULT_CURRENCY
            if values["stage_key"] is None:
                values["stage_key"] = (
                    lookup.last_stage if record.status == "won" else lookup.first_stage
                )
            values.update(ref=0, account_id=account, title=record.title.strip(), line=record.line)
            new_deals.append(values)
            fresh[key] = values
            continue
        if values["status"] != "lost" and current.get("lost_reason") is not None:
            values["lost_reason"] = None
            changes = _changes(current, values, DEAL_FIELDS)
            changes["lost_reason"] = None
        else:
            changes = _changes(current, values, DEAL_FIELDS)
        _record_update(work, current.get("id") or 0, current, changes)
    work.counts["created"] += len(new_deals)
    return Plan(
        _summary("deals", work),
        tuple(work.new_accounts),
        (),
        (),
        (),
        tuple(new_deals),
        tuple(work.updates.values()),
    )


def _nth(
    candidates: list[Row] | None, seen: dict[tuple[int, str], int], key: tuple[int, str]
) -> Row | None:
    """The deal the k-th row with this company and title stands for.

    Two deals with the same title on one company (an export of them) map one to one; a file
    that repeats one deal on several rows (RD Station writes one row per deal and contact)
    keeps mapping to the last.
    """
    if not candidates:
        return None
    index = seen.get(key, 0)
    seen[key] = index + 1
    return candidates[min(index, len(candidates) - 1)]


def _deal_values(work: _Work, lookup: _Lookup, record: DealRecord) -> Row | None:
    """The store values of a deal row, or None after recording why it is rejected."""
    if not record.owner:
        work.errors.append(RowError(record.line, "transfer.missing_owner"))
        return None
    owner = lookup.people.get(fold(record.owner))
    if owner is None:
        work.errors.append(
            RowError(record.line, "transfer.unknown_owner", {"value": record.owner})
        )
        return None
    stage = lookup.stage(record)
    if record.stage is not None and stage is None:
        work.errors.append(
            RowError(record.line, "transfer.unknown_stage", {"value": record.stage})
        )
        return None
    return {
        "owner_id": owner,
        "stage_key": stage,
        "amount": record.amount,
        "currency": record.currency,
        "close_date": _iso(record.close_date) if record.close_date else None,
        "status": record.status,
        "lost_reason": record.lost_reason,
    }


# parse_date hands out one date object per distinct cell, so this is a dict hit per row.
_iso = lru_cache(maxsize=4096)(date.isoformat)

PLANNERS = {"accounts": plan_accounts, "contacts": plan_contacts, "deals": plan_deals}


def plan(snapshot: Snapshot, parsed: Parsed) -> Plan:
    """The plan for a parsed file of any kind."""
    with paused_gc():
        return PLANNERS[parsed.kind](snapshot, parsed)
