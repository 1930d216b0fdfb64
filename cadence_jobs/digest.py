"""Scheduling the manager digest into the outbox, and the daily forecast snapshot.

The scheduler only keeps time: every tick asks the store which managers have reached their
local digest time on a business day and have no digest queued for that day yet. The dedupe
key `digest:<person>:<local date>` makes the outbox refuse a second one, so a restart, two
ticks racing, or a clock change can never send a manager two digests on one day.

The content comes from handlers (injected by bot/app.py as `build`), keeping this module free
of conversation code; it decides only *when* and *for whom*.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Container, Mapping
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from storage import forecasts
from storage import metrics as sm
from storage.audit import Actor
from storage.interface import Store, Tx

log = logging.getLogger(__name__)

DEFAULT_DIGEST_TIME = time(8, 0)
CONCURRENCY = 2  # one digest's queries overlap another's formatting; more only queues

# build(person_id, now) -> the outbox payload of that manager's digest, or None for nothing
Build = Callable[[int, datetime], Awaitable[dict[str, Any] | None]]


def parse_time(text: str | None) -> time:
    """'08:00' → 08:00; an empty or malformed setting falls back to 08:00."""
    try:
        return time.fromisoformat(text) if text else DEFAULT_DIGEST_TIME
    except ValueError:
        return DEFAULT_DIGEST_TIME


def digest_day(now: datetime, tz: ZoneInfo, at: time, holidays: Container[date]) -> date | None:
    """The local business day whose digest is due at `now`, or None (weekend, holiday, early).

    Pure: a function of the moment and the manager's calendar, so tests can walk a clock
    across weekends, holidays and time zones.
    """
    local = now.astimezone(tz)
    day = local.date()
    if day.weekday() >= 5 or day in holidays or local.time() < at:
        return None
    return day


def dedupe_key(person_id: int, day: date) -> str:
    return f"digest:{person_id}:{day.isoformat()}"


async def queue_digests(
    store: Store,
    now: datetime,
    build: Build,
    holidays: Container[date],
    at: time = DEFAULT_DIGEST_TIME,
    default_timezone: str = "America/Sao_Paulo",
) -> int:
    """Queue today's digest for every manager whose local digest time has come; returns how
    many were queued. Safe to call every minute: already-queued days cost one indexed read.

    Managers are built CONCURRENCY at a time: while one digest is being written and drawn
    on the event loop, the next one's queries run on the store's reader thread.
    """
    gate = asyncio.Semaphore(CONCURRENCY)

    async def one(manager: sm.Manager) -> bool:
        tz = _zone(manager.timezone, default_timezone)
        day = digest_day(now, tz, at, holidays)
        if day is None:
            return False
        key = dedupe_key(manager.person_id, day)
        async with gate:
            if await store.read(lambda tx: tx.outbox.key_exists(key)):
                return False
            payload = await build(manager.person_id, now)
        if payload is None:
            return False
        return await store.write(_enqueue, manager.person_id, day, key, payload, now)

    done = await asyncio.gather(
        *(one(m) for m in await store.read(lambda tx: tx.metrics.digest_managers()))
    )
    return sum(done)


async def snapshot_forecasts(
    store: Store,
    now: datetime,
    forecast: Callable[[Any, int, date], forecasts.Forecast | None],
    default_timezone: str = "America/Sao_Paulo",
) -> int:
    """Store today's forecast for every team that has none yet (every day, weekends too, so
    a month's accuracy is measured over all of it); returns how many were stored.

    `forecast(tx, team_id, day)` computes a team's forecast for the month of `day`; a
    team's day is its manager's local date (the default zone without a manager). The numbers
    are computed on the reader, so the writer is held only for the inserts.
    """

    def compute(tx: Tx) -> list[tuple[int, date, forecasts.Forecast]]:
        out = []
        for team_id, tz_name in tx.forecasts.teams():
            day = now.astimezone(_zone(tz_name, default_timezone)).date()
            if not tx.forecasts.has_snapshot(team_id, day):
                value = forecast(tx, team_id, day)
                if value is not None:
                    out.append((team_id, day, value))
        return out

    def store_all(tx: Tx, rows) -> int:
        return sum(tx.forecasts.record(team_id, day, value) for team_id, day, value in rows)

    rows = await store.read(compute)
    return await store.write(store_all, rows) if rows else 0


def _enqueue(tx: Tx, person_id: int, day: date, key: str, payload: dict[str, Any], now) -> bool:
    """Queue the digest; for a manager who also sells, claim their rep agenda for the day.

    The claim is an agenda row under the agenda job's own dedupe key, recorded as already
    delivered (inside this digest), so the agenda job finds the key taken and sends nothing:
    one morning message per person, without the agenda job having to know about digests.
    If the agenda went out first (a working day starting before the digest time), the key is
    taken already and nothing is claimed.
    """
    if tx.outbox.enqueue(person_id, "digest", key, payload, now) is None:
        return False
    if payload.get("own_due") is not None:
        agenda_key = f"agenda:{person_id}:{day.isoformat()}"
        claim = {"replies": [], "folded_into": key}
        claimed = tx.outbox.enqueue(person_id, "agenda", agenda_key, claim, now)
        if claimed is not None:
            tx.outbox.mark_sent(claimed, "digest", None, now)
    return True


def gets_digest(tx: Tx, person_id: int, day: date, holidays: Container[date]) -> bool:
    """Whether this person receives a manager digest on `day` (their local date).

    The rule against doubled-up mornings: the rep agenda job skips such a person, because
    their digest already carries their own steps due today.
    """
    if day.weekday() >= 5 or day in holidays:
        return False
    return bool(tx.metrics.digest_managers(person_id))


def _zone(name: str | None, default: str) -> ZoneInfo:
    try:
        return ZoneInfo(name or default)
    except (KeyError, ValueError):
        log.warning("unknown time zone %r; using %s", name, default)
        return ZoneInfo(default)


def apply_team_targets(tx: Tx, teams: Mapping[str, Any], actor: Actor, now: datetime) -> int:
    """Monthly targets from the config (`[teams."Vendas Sul"] target = 250000`, optional
    `currency`); a team not in the store yet is created. Returns how many targets changed.

    Run by `ritmo init` and at start, so the config stays the source of truth for teams it
    names; `ritmo teams target` changes the others (or these, until the next start).
    """
    changed = 0
    for name, spec in teams.items():
        if not isinstance(spec, Mapping) or "target" not in spec:
            continue
        amount = float(spec["target"])
        team = tx.people.ensure_team(name, actor, now)
        currency = str(spec.get("currency") or team.target_currency).upper()
        if (team.target_amount, team.target_currency) != (amount, currency):
            tx.people.set_team_target(team.id, amount, currency, actor, now)
            changed += 1
    return changed
