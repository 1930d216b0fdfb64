"""Which of several ritmo processes on one store runs what: the periodic jobs on the holder of
lease `jobs`, each platform's outbox delivery on the holder of `delivery:<platform>` (platform
rate limits are per bot token, so two deliverers would share one budget without knowing it).

A `Leadership` renews every role it wants in one transaction every ttl/3; a role whose renewal
failed (the store unreachable, or another process took the lease) is dropped at once, and a
role is never treated as held past its lease's expiry even if the renewal loop stalls. A
standby takes a role over one tick after the leader's lease expires (or at once after the
leader released it on a clean stop). The outbox dedupe keys stay the guarantee against a
double send: two processes that briefly both think they lead still queue one row per key.

A store one process owns (SQLite, guarded by the run lock) needs no election: `solo` holds every
role from the start and never writes a lease, so a restart delivers at once.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from storage import leases
from storage.interface import Store, Tx

log = logging.getLogger(__name__)

JOBS = "jobs"
LEADERSHIP = "leadership"  # the app's services key for this process's Leadership
TTL = timedelta(seconds=15)


def delivery(platform: str) -> str:
    """The lease name of one platform's outbox delivery."""
    return f"delivery:{platform}"


def new_holder() -> str:
    """This process's name in the leases table: host, pid and a random part (a restarted
    process with a reused pid is a new holder)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


@dataclass
class Held:
    """A role this process holds: since when and until when (as the store last confirmed)."""

    acquired_at: datetime
    renewed_at: datetime
    expires_at: datetime


PRESENCE = leases.PRESENCE  # + holder: a lease each process renews, so each sees the others
# Presence outlives a role's lease: a process whose renewals are only held back (a long write
# ahead in its writer's queue, a starved CPU) loses its roles after TTL but keeps the chats and
# messages it claimed until twice that, so a slow process is not answered over by another.
PRESENCE_TTL_FACTOR = 2


def _renew(
    tx: Tx, roles: tuple[str, ...], holder: str, now: datetime, ttl: timedelta
) -> tuple[list[bool], set[str]]:
    """Renew or take each role, and say which other processes are alive on this store."""
    won = [tx.leases.acquire(role, holder, now, ttl) for role in roles]
    tx.leases.acquire(PRESENCE + holder, holder, now, ttl * PRESENCE_TTL_FACTOR)
    alive = {lease.holder for lease in tx.leases.held(now) if lease.name.startswith(PRESENCE)}
    return won, alive - {holder}


def _release(tx: Tx, roles: Iterable[str], holder: str) -> None:
    for role in roles:
        tx.leases.release(role, holder)


class Leadership:
    """The roles this process holds, kept by renewing their leases (see the module docstring)."""

    def __init__(
        self,
        store: Store | None,
        roles: Iterable[str],
        now: Callable[[], datetime],
        *,
        holder: str | None = None,
        ttl: timedelta = TTL,
        solo: bool = False,
    ) -> None:
        self.store = store
        self.roles = tuple(dict.fromkeys(roles))
        self.now = now
        self.holder = holder or new_holder()
        self.ttl = ttl
        self.solo = solo
        self.held: dict[str, Held] = {}
        # Other processes seen alive on this store at the last renewal.
        self.others: set[str] = set()
        if solo:
            started = now()
            forever = datetime.max.replace(tzinfo=started.tzinfo)
            self.held = {role: Held(started, started, forever) for role in self.roles}

    @property
    def interval_s(self) -> float:
        """How often to renew: a third of the ttl, so two renewals can fail before expiry."""
        return self.ttl.total_seconds() / 3

    def holds(self, role: str) -> bool:
        """Whether this process may act in `role` now."""
        held = self.held.get(role)
        return held is not None and self.now() < held.expires_at

    async def tick(self) -> None:
        """Renew (or try to take) every role once; step down from any that was not renewed."""
        if self.solo or self.store is None:
            return
        now = self.now()
        try:
            won, others = await self.store.write(_renew, self.roles, self.holder, now, self.ttl)
        except Exception as exc:  # the store is unreachable: nobody may count on our leases
            log.warning("lease renewal failed (%s); stepping down from every role", exc)
            won, others = [False] * len(self.roles), self.others
        if others - self.others:
            log.info("other ritmo processes on this store: %s", ", ".join(sorted(others)))
        self.others = others
        for role, ok in zip(self.roles, won, strict=True):
            self._settle(role, ok, now)

    def _settle(self, role: str, ok: bool, now: datetime) -> None:
        before = self.held.get(role)
        if ok:
            since = before.acquired_at if before else now
            self.held[role] = Held(since, now, now + self.ttl)
            if before is None:
                log.info("this process now holds %s (%s)", role, self.holder)
        elif before is not None:
            del self.held[role]
            log.warning("this process no longer holds %s (%s)", role, self.holder)

    async def run(self, stop: asyncio.Event) -> None:
        """Renew every ttl/3 until `stop` is set."""
        while not stop.is_set():
            await self.tick()
            try:
                await asyncio.wait_for(stop.wait(), timeout=self.interval_s)
            except TimeoutError:
                pass

    async def release(self) -> None:
        """Give every held role back (a clean stop), so a standby takes over at its next tick
        instead of waiting out the ttl."""
        roles = [*self.held, PRESENCE + self.holder]
        self.held = {}
        if self.solo or self.store is None or not roles:
            return
        try:
            await self.store.write(_release, roles, self.holder)
        except Exception as exc:  # the leases expire on their own
            log.warning("releasing leases failed: %s", exc)

    def report(self) -> dict[str, Any]:
        """For /healthz: this process's name and, per held role, the lease's age and how long
        ago it was last renewed (seconds)."""
        now = self.now()
        return {
            "holder": self.holder,
            "mode": "solo" if self.solo else "lease",
            "others": sorted(self.others),
            "roles": {
                role: {
                    "age_s": round((now - held.acquired_at).total_seconds(), 1),
                    "renewed_s": round((now - held.renewed_at).total_seconds(), 1),
                }
                for role, held in sorted(self.held.items())
                if self.holds(role)
            },
        }
