"""Several `ritmo run` processes on one store, as the soak drives them: a load balancer in front
(round robin, and a request a process could not take goes to the next one, as a balancer's
health check and retry would), and a watch on who leads, read from each process's /healthz.

The watch polls every process's leadership block and remembers, per role, how many processes
claimed it at the same moment (more than one means a lease was not honoured) and, after the
leader of `jobs` was killed, how long until another process took the role.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Protocol

import aiohttp


class Process(Protocol):
    """What the balancer needs of a bot process (benchmarks.soak.Bot)."""

    port: int
    proc: Any
    name: str


@dataclass
class Handover:
    """The leader of `jobs` was killed at `killed_at`; `taken_by` took the role `seconds` later."""

    killed: str
    killed_at: float
    taken_by: str | None = None
    seconds: float | None = None


@dataclass
class Cluster:
    bots: list[Any]
    turn: int = 0
    # role -> the most processes seen holding it at once
    most_holders: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    handovers: list[Handover] = field(default_factory=list)
    polls: int = 0

    def order(self) -> list[Any]:
        """The processes in the order to try them: round robin over the first choice."""
        self.turn += 1
        first = self.turn % len(self.bots)
        return self.bots[first:] + self.bots[:first]

    async def post(
        self, session: aiohttp.ClientSession, path: str, body: bytes, headers: dict[str, str]
    ) -> bool:
        """POST to one process, failing over to the next; True once one answered 200."""
        for bot in self.order():
            if bot.proc is None or bot.proc.poll() is not None:
                continue
            url = f"http://127.0.0.1:{bot.port}{path}"
            with contextlib.suppress(aiohttp.ClientError, TimeoutError):
                async with session.post(
                    url, data=body, headers=headers, timeout=aiohttp.ClientTimeout(total=10)
                ) as resp:
                    if resp.status == 200:
                        return True
        return False

    async def roles(self, session: aiohttp.ClientSession, bot: Any) -> tuple[str, set[str]]:
        """(holder, roles held) as the process says on /healthz; ("", set()) when it is down."""
        url = f"http://127.0.0.1:{bot.port}/healthz"
        with contextlib.suppress(aiohttp.ClientError, TimeoutError, ValueError):
            async with session.get(url, timeout=aiohttp.ClientTimeout(total=3)) as resp:
                block = (await resp.json()).get("leadership", {})
                return str(block.get("holder", "")), set(block.get("roles", {}))
        return "", set()

    async def leader(self, session: aiohttp.ClientSession, role: str = "jobs") -> Any | None:
        """The process holding `role` now, or None."""
        for bot in self.bots:
            _, held = await self.roles(session, bot)
            if role in held:
                return bot
        return None

    async def holder_of(self, session: aiohttp.ClientSession, bot: Any) -> str:
        holder, _ = await self.roles(session, bot)
        return holder

    def killed_leader(self, holder: str) -> None:
        """Note that the process named `holder`, which led `jobs`, was just killed."""
        self.handovers.append(Handover(holder, time.monotonic()))

    async def watch(self, session: aiohttp.ClientSession, stop: asyncio.Event) -> None:
        """Poll every process's roles until `stop`: count simultaneous holders per role and
        time each handover of `jobs`."""
        while not stop.is_set():
            seen: dict[str, int] = defaultdict(int)
            answers = await asyncio.gather(*(self.roles(session, b) for b in self.bots))
            for bot, (holder, held) in zip(self.bots, answers, strict=True):
                for role in held:
                    seen[role] += 1
                if "jobs" in held:
                    self._taken(holder, bot.name)
            for role, n in seen.items():
                self.most_holders[role] = max(self.most_holders[role], n)
            self.polls += 1
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), 0.25)

    async def settled(self, stop: asyncio.Event, timeout: float) -> None:
        """Wait (while `watch` runs) until every killed leader's role was taken, or `timeout`:
        the load may end before a lease expires."""
        deadline = time.monotonic() + timeout
        while any(h.taken_by is None for h in self.handovers) and time.monotonic() < deadline:
            await asyncio.sleep(0.25)
        stop.set()

    def _taken(self, holder: str, name: str) -> None:
        for handover in self.handovers:
            if handover.taken_by is None and holder and holder != handover.killed:
                handover.taken_by = f"{name} ({holder})"
                handover.seconds = round(time.monotonic() - handover.killed_at, 1)
