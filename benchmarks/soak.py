"""The soak: `ritmo run` as a real process under a synthetic team's load, with faults, checked
against ritmo's promises at the end.

    python -m benchmarks.soak --minutes 2 --reps 300

A synthetic team (half the reps on Telegram, half on Slack, a manager per team) is written to a
fresh store and linked directly; local fake Telegram and Slack servers (the end-to-end tests'
fakes) stand in for the platforms. Reps log interactions, ask for their pipeline and press their
reminder buttons; enrolments come due across the run and digests are queued. On a schedule the
fakes answer 5xx and 429 bursts, stall for 2 seconds, drop connections; a Telegram update is
delivered twice, a Slack event retried with X-Slack-Retry-Num, and the bot is killed with SIGKILL
and restarted. At the end the load stops, the bot drains and gets SIGTERM, and the invariants are
checked on the store (through the store interface: benchmarks/soak_store.py) and on what the
fakes received. Exit status 1 when one is broken.

    python -m benchmarks.soak --store postgres --processes 2 --minutes 3

runs the same on a throwaway PostgreSQL with two processes (benchmarks/soak_cluster.py): Telegram
by webhook and Slack over HTTP, both through a balancer the soak plays (round robin, and a
request one process could not take goes to the other); the SIGKILLs hit the leader of the
periodic jobs and a non-leader in turn. It also checks that no role ever had two holders at once
and that the jobs role moved to another holder after its leader was killed.

The crash window: a reminder or digest may go out twice only when a process dies between the
platform accepting it and the commit that marks it sent (chat APIs take no idempotency key);
with several processes, the row is then sent again by whichever process delivers next, once the
dead one's presence lease has expired. So duplicates are allowed only up to the sends a kill can
catch in flight (16 per SIGKILL), and none at all in a run without kills.
"""

from __future__ import annotations

import argparse
import asyncio
import bisect
import contextlib
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from benchmarks import soak_store
from benchmarks.fakes import telegram_api as tg
from benchmarks.fakes.slack_api import FakeSlackApi
from benchmarks.fakes.slack_signing import action_request, event_request
from benchmarks.soak_cluster import Cluster
from benchmarks.soak_store import Member
from cadence_jobs import digest as digest_job
from handlers.reports import digest as digest_handlers
from storage import backends
from storage.postgres.testing import ThrowawayServer

ROOT = Path(__file__).resolve().parents[1]
SIGNING_SECRET = "soak-signing-secret"
SLACK_TOKEN = "xoxb-soak-token"
WEBHOOK_SECRET = "soak-webhook-secret"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


# -- the team: benchmarks/soak_store.py ----------------------------------------------------------


# The moment the soak's world starts: a Thursday evening, after the managers' 08:00 digest, so
# the bot's own digest job queues that day's digests while the soak queues Friday's. Chosen, not
# read from the wall clock: the run means the same thing at any hour of any day.
DEFAULT_START = "2026-12-03T20:30:00+00:00"


@dataclass(frozen=True)
class SimClock:
    """The soak's time: the wall clock moved by a fixed offset, shared with the bot process
    (benchmarks.shifted_clock), so both sides agree on what "now" and "due" mean."""

    offset: timedelta

    @classmethod
    def starting_at(cls, start: datetime) -> SimClock:
        return cls(start - datetime.now(UTC))

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset


async def queue_digests(url: str, clock: SimClock) -> int:
    """Queue the next business day's digests now: the bot's own job only queues today's, and a
    soak must see digests it asked for go out whatever day its world is in."""
    store = await backends.connect(url)
    try:
        options = soak_store.settings_for(url).options()
        day = clock.now() + timedelta(days=1)
        while day.weekday() >= 5:
            day += timedelta(days=1)
        at = day.replace(hour=8, minute=5, second=0, microsecond=0)
        queued = await digest_job.queue_digests(
            store,
            at,
            digest_handlers.outbox_builder(store, options),
            digest_handlers.holiday_calendar(options),
            digest_job.parse_time("08:00"),
            "UTC",
        )
        # Due now rather than on that morning, so the run sees them delivered.
        await store.write(soak_store.due_now, "digest", clock.now(), timedelta(days=4))
        return queued
    finally:
        await store.close()


# -- the fakes, with faults -------------------------------------------------------------------


class FaultyTelegram(tg.FakeTelegram):
    """The test fake, plus dropped connections (on sendMessage, or on any call but getUpdates
    with `drop_any`)."""

    drop = 0
    drop_any = False

    def number(self, update: dict[str, Any]) -> dict[str, Any]:
        """Give an update the next update_id, for delivery by webhook (nothing is queued for
        getUpdates)."""
        update = {"update_id": self._next_update_id, **update}
        self._next_update_id += 1
        return update

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if self.drop > 0 and (method == "sendMessage" or self.drop_any and method != "getUpdates"):
            self.drop -= 1
            request.transport.close()  # the bot sees the connection reset
            return web.Response(status=502)
        return await super()._handle(request)


class FaultySlack(FakeSlackApi):
    """The test fake, plus 5xx bursts, stalls and dropped connections."""

    errors = 0
    drop = 0
    stall_until = 0.0

    async def _api(self, request: web.Request) -> web.Response:
        if request.match_info["method"] != "auth.test":
            if self.stall_until > time.monotonic():
                await asyncio.sleep(self.stall_until - time.monotonic())
            if self.drop > 0:
                self.drop -= 1
                request.transport.close()
                return web.Response(status=502)
            if self.errors > 0:
                self.errors -= 1
                return web.Response(status=503, text="upstream unavailable")
        return await super()._api(request)


# -- the bot process ---------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Bot:
    env: dict[str, str]
    logs: Path
    port: int
    clock: SimClock
    name: str = "a"
    proc: subprocess.Popen | None = None
    warm_after: float = 10.0
    starts: int = 0
    kills: int = 0
    rss_warm: int | None = None  # of the process running now, `warm_after` seconds after start
    _sampler: asyncio.Task | None = None

    def start(self) -> None:
        self.starts += 1
        log = open(self.logs / f"run-{self.name}{self.starts}.log", "wb")  # noqa: SIM115 - the child's
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "benchmarks.shifted_clock",
                str(self.clock.offset.total_seconds()),
                "run",
            ],
            env=self.env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        self.rss_warm = None

    async def wait_up(self, timeout: float = 30.0) -> None:
        deadline = time.monotonic() + timeout
        async with aiohttp.ClientSession() as session:
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"ritmo run exited with {self.proc.returncode}")
                with contextlib.suppress(aiohttp.ClientError):
                    async with session.get(f"http://127.0.0.1:{self.port}/healthz") as resp:
                        if resp.status in (200, 503):
                            self._sampler = asyncio.ensure_future(self._sample_warm())
                            return
                await asyncio.sleep(0.1)
        raise TimeoutError("ritmo run did not start serving")

    async def _sample_warm(self) -> None:
        pid = self.proc.pid
        await asyncio.sleep(self.warm_after)
        if self.proc.pid == pid and self.proc.poll() is None:
            self.rss_warm = self.rss()

    def kill(self) -> None:
        self.kills += 1
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()

    def terminate(self, timeout: float = 30.0) -> int:
        self.proc.send_signal(signal.SIGTERM)
        return self.proc.wait(timeout)

    def rss(self) -> int:
        """Resident memory of the bot, in kB (Linux)."""
        with open(f"/proc/{self.proc.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0


# -- the load ----------------------------------------------------------------------------------


@dataclass
class Load:
    sent: list[tuple[str, float]] = field(default_factory=list)  # (chat, monotonic), all
    said: list[tuple[str, float]] = field(default_factory=list)  # the same, typed text only
    logs: dict[str, str] = field(default_factory=dict)  # marker -> event key
    acked: set[str] = field(default_factory=set)  # event keys acknowledged by the bot
    tg_updates: dict[str, int] = field(default_factory=dict)  # event key -> update_id
    journal_ids: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> inbox id
    presses: int = 0
    duplicates_sent: int = 0
    retries_sent: int = 0
    in_flight: set[asyncio.Task] = field(default_factory=set)


class Driver:
    def __init__(
        self,
        cluster: Cluster,
        tgram: FaultyTelegram,
        slack: FaultySlack,
        members: list[Member],
        rnd: random.Random,
        per_minute: float,
        webhook: bool = False,
    ) -> None:
        # Every request goes through the balancer (one process: always that one). With
        # `webhook`, Telegram POSTs updates to the processes instead of being polled.
        self.cluster, self.tg, self.slack = cluster, tgram, slack
        self.webhook = webhook
        self.members, self.rnd, self.per_minute = members, rnd, per_minute
        self.load = Load()
        self.counter = 0
        self.session: aiohttp.ClientSession | None = None

    async def rep(self, member: Member, stop: asyncio.Event) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), self.rnd.uniform(0, 60 / self.per_minute))
        while not stop.is_set():
            roll = self.rnd.random()
            if roll < 0.6:
                self.counter += 1
                marker = f"soak{self.counter:07d}"
                await self.say(
                    member, f"log call {member.account}: {marker} pediu proposta", marker
                )
            elif roll < 0.85:
                await self.say(
                    member, "meu pipeline" if self.rnd.random() < 0.5 else "my pipeline"
                )
            else:
                await self.press(member)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), self.rnd.expovariate(self.per_minute / 60))

    async def say(self, member: Member, text: str, marker: str | None = None) -> None:
        self.load.sent.append((member.chat, time.monotonic()))
        self.load.said.append(self.load.sent[-1])
        if member.platform == "telegram":
            update = tg.message_update(tg.user(int(member.user)), text)
            key = await self.send_telegram("tg", update)
        else:
            self.counter += 1
            key = f"Ev{self.counter:09d}"
            self.load.journal_ids[key] = ("slack", f"event:{key}")
            event = {
                "type": "message",
                "channel_type": "im",
                "channel": member.chat,
                "user": member.user,
                "text": text,
                "ts": f"{time.time():.6f}",
            }
            self._spawn(self.post_slack(key, event))
        if marker:
            self.load.logs[marker] = key

    async def press(self, member: Member) -> None:
        if member.platform == "telegram":
            for call in reversed(self.tg.sent_to(member.chat)):
                data = [b.get("callback_data") for b in call.buttons if b.get("callback_data")]
                if data and call.result:
                    self.load.presses += 1
                    self.load.sent.append((member.chat, time.monotonic()))
                    update = tg.callback_update(
                        tg.user(int(member.user)), data[0], message=call.result
                    )
                    await self.send_telegram("tgp", update)
                    return
            return
        for call in reversed(self.slack.calls_to("chat.postMessage")):
            if call.params.get("channel") != member.chat:
                continue
            values = [
                e.get("value")
                for b in call.blocks
                if b.get("type") == "actions"
                for e in b.get("elements", [])
                if e.get("value")
            ]
            if values:
                self.load.presses += 1
                self.load.sent.append((member.chat, time.monotonic()))
                trigger = f"{self.load.presses}.soak"  # Slack's is unique per press
                request = action_request(
                    SIGNING_SECRET,
                    values[0],
                    user_id=member.user,
                    channel_id=member.chat,
                    trigger_id=trigger,
                )
                key = f"act:{self.load.presses}"
                self.load.journal_ids[key] = ("slack", f"action:{trigger}")
                self._spawn(self._post(request.body, request.headers, key))
                return

    async def send_telegram(self, prefix: str, update: dict[str, Any]) -> str:
        """Hand an update to the bot as Telegram would (queued for getUpdates, or POSTed to the
        webhook behind the balancer); sometimes twice. Returns its event key."""
        if not self.webhook:
            update = await self.tg.push(update)
        else:
            update = self.tg.number(update)
        uid = update["update_id"]
        key = f"{prefix}:{uid}"
        self.load.journal_ids[key] = ("telegram", str(uid))
        twice = self.rnd.random() < 0.02  # Telegram delivers an update twice
        self.load.duplicates_sent += twice
        if not self.webhook:
            self.load.tg_updates[key] = uid  # acknowledged once a getUpdates confirms it
            if twice:
                await self.tg.push(update)
        else:
            self._spawn(self.post_telegram(key, update, twice))
        return key

    async def post_telegram(self, key: str, update: dict[str, Any], twice: bool) -> None:
        """Telegram's webhook delivery: retried until a process answers 200."""
        body = json.dumps(update).encode()
        headers = {"Content-Type": "application/json", SECRET_HEADER: WEBHOOK_SECRET}
        for attempt in range(8):
            if await self._post(body, headers, key, "/telegram/webhook"):
                if twice:
                    await self._post(body, headers, key, "/telegram/webhook")
                return
            await asyncio.sleep(min(8.0, 0.5 * 2**attempt))

    def _spawn(self, coro: Any) -> None:
        task = asyncio.ensure_future(coro)
        self.load.in_flight.add(task)
        task.add_done_callback(self.load.in_flight.discard)

    async def post_slack(self, key: str, event: dict[str, Any]) -> None:
        """Slack's delivery: retry (with X-Slack-Retry-Num) until acknowledged, and sometimes
        retry an event that was acknowledged, as Slack does after a slow answer."""
        for attempt in range(8):
            retry = attempt or None
            request = event_request(SIGNING_SECRET, event, event_id=key, retry_num=retry)
            if await self._post(request.body, request.headers, key):
                if self.rnd.random() < 0.03:
                    again = event_request(SIGNING_SECRET, event, event_id=key, retry_num=1)
                    self.load.retries_sent += 1
                    await self._post(again.body, again.headers, key)
                return
            await asyncio.sleep(min(8.0, 0.5 * 2**attempt))

    async def _post(
        self, body: bytes, headers: dict[str, str], key: str, path: str = "/slack/events"
    ) -> bool:
        assert self.session is not None
        if await self.cluster.post(self.session, path, body, headers):
            self.load.acked.add(key)
            return True
        return False


# -- faults ------------------------------------------------------------------------------------


async def faults(
    cluster: Cluster,
    tgram: FaultyTelegram,
    slack: FaultySlack,
    stop: asyncio.Event,
    rnd: random.Random,
    seconds: float,
    kill_every: float,
    log: list[str],
) -> None:
    started = time.monotonic()
    next_kill = started + rnd.uniform(0.3, 0.6) * min(kill_every, seconds)
    kinds = ["tg5xx", "tg429", "slack5xx", "slack429", "stall", "drop"]
    # The first event is a platform fault and the second a SIGKILL if none came yet, whatever
    # the clock says: on a crowded machine a restart can outlast the run, and a soak that
    # injected nothing has proved nothing.
    killed = False
    while not stop.is_set():
        await asyncio.sleep(rnd.uniform(2.0, 5.0))
        if stop.is_set():
            return
        due = time.monotonic() >= next_kill and time.monotonic() - started < seconds * 0.85
        if log and (due or not killed):
            killed = True
            bot, leader = await victim(cluster, len(log))
            role = "" if len(cluster.bots) == 1 else " leader" if leader else " non-leader"
            log.append(f"{time.monotonic() - started:6.1f}s SIGKILL {bot.name}{role}")
            bot.kill()
            if leader:
                cluster.killed_leader(leader)
            await asyncio.sleep(rnd.uniform(0.2, 1.5))
            bot.start()
            await bot.wait_up()
            next_kill = time.monotonic() + rnd.uniform(0.7, 1.3) * kill_every
            continue
        kind = rnd.choice(kinds)
        log.append(f"{time.monotonic() - started:6.1f}s {kind}")
        if kind == "tg5xx":
            tgram.fail("sendMessage", status=502, retry_after=None, times=5)
        elif kind == "tg429":
            tgram.fail("sendMessage", status=429, retry_after=1, times=3)
        elif kind == "slack5xx":
            slack.errors += 5
        elif kind == "slack429":
            slack.rate_limit("chat.postMessage", times=3, retry_after=1)
        elif kind == "stall":
            slack.stall_until = time.monotonic() + 2.0
            tgram.stall("sendMessage")
            await asyncio.sleep(2.0)
            tgram.release("sendMessage")
        else:
            tgram.drop += 3
            slack.drop += 3


async def victim(cluster: Cluster, n: int) -> tuple[Bot, str | None]:
    """The process to kill, and its holder name if it leads the periodic jobs: with several
    processes, the leader and a non-leader in turn (leader first)."""
    if len(cluster.bots) == 1:
        return cluster.bots[0], None
    async with aiohttp.ClientSession() as session:
        leader = await cluster.leader(session)
        # Between leaders (the last one's lease not expired yet, or nobody has taken the roles
        # yet on a slow start): wait for one, so the leader is killed when its turn comes.
        deadline = time.monotonic() + 30
        while leader is None and time.monotonic() < deadline:
            await asyncio.sleep(0.5)
            leader = await cluster.leader(session)
        if leader is None:
            return cluster.bots[n % len(cluster.bots)], None
        kills = sum(b.kills for b in cluster.bots)
        if kills % 2 == 0:
            return leader, await cluster.holder_of(session, leader)
        return next(b for b in cluster.bots if b is not leader), None


# -- the checks --------------------------------------------------------------------------------


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def latencies(load: Load, tgram: FaultyTelegram, slack: FaultySlack) -> list[float]:
    """Seconds from each typed message to the first answer the platform accepted in that chat.

    Button presses are left out (Slack answers them through response_url, which names no
    chat). Each rep writes every ~20 s, so the first answer after a message is its reply; a
    message that got none is matched to a later answer and counts as slow, never as fast.
    """
    answers: dict[str, list[float]] = defaultdict(list)
    for call in tgram.calls:
        if call.status == 200 and call.method in ("sendMessage", "sendPhoto"):
            answers[str(call.params.get("chat_id"))].append(call.at)
    for call in slack.calls:
        if call.status == 200 and call.method in ("chat.postMessage", "chat.postEphemeral"):
            answers[str(call.params.get("channel"))].append(call.at)
    for times in answers.values():
        times.sort()
    out = []
    for chat, at in load.said:
        replies = answers.get(chat, [])
        j = bisect.bisect_left(replies, at)
        if j < len(replies):
            out.append(replies[j] - at)
    return out


def proactive_duplicates(
    actions: dict[str, str], tgram: FaultyTelegram, slack: FaultySlack
) -> list[float]:
    """Messages the platforms accepted more than once: the same reminder or digest (same chat,
    same text, carrying step or digest buttons) sent twice; the monotonic time of each repeat,
    to set beside the kills. `actions`: callback token -> action, from the store."""

    def proactive(tokens: list[str]) -> bool:
        return any(actions.get(t, "").startswith(("step.", "digest.")) for t in tokens)

    seen: dict[tuple[str, str], list[float]] = defaultdict(list)
    for call in tgram.calls:
        if call.status == 200 and call.method == "sendMessage":
            tokens = [b.get("callback_data", "") for b in call.buttons]
            if proactive(tokens):
                seen[(str(call.params.get("chat_id")), call.params.get("text", ""))].append(
                    call.at
                )
    for call in slack.calls_to("chat.postMessage"):
        tokens = [
            e.get("value", "")
            for b in call.blocks
            if b.get("type") == "actions"
            for e in b.get("elements", [])
        ]
        if proactive(tokens):
            seen[(str(call.params.get("channel")), call.params.get("text", ""))].append(call.at)
    return sorted(t for times in seen.values() for t in sorted(times)[1:])


def store_checks(found: soak_store.Census, load: Load, tgram: FaultyTelegram) -> dict[str, Any]:
    confirmed = tgram.confirmed_offset
    acked = {k for k in load.acked}
    acked |= {k for k, uid in load.tg_updates.items() if uid < confirmed}
    acked_logs = [m for m, key in load.logs.items() if key in acked]
    missing = [m for m in acked_logs if found.soak_bodies.get(m, 0) == 0]
    doubled = [m for m, n in found.soak_bodies.items() if n > 1]
    not_journaled = [k for k in acked if load.journal_ids.get(k) not in found.journaled]
    return {
        "acked_messages": len(acked),
        "acked_not_journaled": len(not_journaled),
        "acked_logs": len(acked_logs),
        "logs_missing": len(missing),
        "logs_stored_twice": len(doubled),
        "reminders_sent": found.outbox.get("reminder/sent", 0),
        "digests_sent": found.outbox.get("digest/sent", 0),
        "digests_due": found.digests_due,
        "due_undelivered": found.undelivered,
        "outbox": found.outbox,
        "inbox": found.inbox,
        "integrity": found.integrity,
    }


def log_problems(logs: Path) -> tuple[int, int]:
    """(unhandled exceptions, ERROR lines) in the bot's logs: anything that is not a JSON log
    line with a traceback is an exception nothing caught."""
    unhandled = errors = 0
    for path in logs.glob("run-*.log"):
        for line in path.read_text("utf-8", errors="replace").splitlines():
            try:
                record = json.loads(line)
            except ValueError:
                unhandled += "Traceback" in line
                continue
            if record.get("level") in ("ERROR", "CRITICAL"):
                errors += 1
                msg = record.get("message", "")
                unhandled += record.get("logger") == "asyncio" or "never retrieved" in msg
    return unhandled, errors


# -- the run -----------------------------------------------------------------------------------


async def wait_quiet(url: str, clock: SimClock, timeout: float) -> bool:
    """Until the bot has handled every journaled update and sent every due message."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        # Rows waiting out a retry backoff after a fault count as owed too (only what is
        # scheduled well ahead, e.g. tomorrow's digest, is not).
        owed = await asyncio.to_thread(soak_store.owed, url, clock.now(), timedelta(minutes=10))
        if owed == 0:
            return True
        await asyncio.sleep(0.5)
    return False


@contextlib.contextmanager
def store_for(kind: str) -> Iterator[str | None]:
    """A throwaway PostgreSQL's URL for `--store postgres` (stopped at the end), or None for
    SQLite (the file goes in the workdir). The server runs without fsync: the soak kills
    ritmo's processes, never the database server, so what it checks does not depend on it."""
    if kind == "sqlite":
        yield None
        return
    server = ThrowawayServer()
    server.start()
    try:
        yield server.url("postgres")
    finally:
        server.stop()


async def soak(args: argparse.Namespace) -> dict[str, Any]:
    work = Path(args.workdir or tempfile.mkdtemp(prefix="ritmo-soak-"))
    work.mkdir(parents=True, exist_ok=True)
    with store_for(args.store) as server_url:
        return await _soak(args, work, server_url or str(work / "soak.db"))


def _env(url: str, port: int, tgram: FaultyTelegram, slack: FaultySlack) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("RITMO_", "SLACK_", "TELEGRAM_"))
    }
    env.update(
        RITMO_DB=url,
        RITMO_HTTP_PORT=str(port),
        RITMO_LOG_FORMAT="json",
        RITMO_TIMEZONE="UTC",
        TELEGRAM_BOT_TOKEN=tgram.token,
        TELEGRAM_API_BASE_URL=tgram.base_url,
        SLACK_BOT_TOKEN=SLACK_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_BASE_URL=slack.base_url,
        PYTHONUNBUFFERED="1",
    )
    return env


def _webhook(env: dict[str, str], balancer_port: int) -> None:
    """Telegram by webhook (long polling has one consumer), at the address a balancer in front
    of every process would have; the soak itself plays that balancer."""
    env.update(
        TELEGRAM_WEBHOOK_URL=f"http://127.0.0.1:{balancer_port}/telegram/webhook",
        TELEGRAM_WEBHOOK_SECRET=WEBHOOK_SECRET,
    )


async def _soak(args: argparse.Namespace, work: Path, url: str) -> dict[str, Any]:
    rnd = random.Random(args.seed)
    seconds = args.seconds or args.minutes * 60
    clock = SimClock.starting_at(datetime.fromisoformat(args.start))
    setup = time.monotonic()
    members = await soak_store.seed_team(url, args.reps, clock.now(), seconds, rnd)
    several = args.processes > 1
    async with FaultyTelegram() as tgram, FaultySlack() as slack:
        tgram.drop_any = args.drop_any
        for m in members:
            if m.platform == "slack":
                slack.add_user(m.user, m.name)
        bots: list[Bot] = []
        for n in range(args.processes):
            port = free_port()
            env = _env(url, port, tgram, slack)
            if args.lease_ttl:
                env["RITMO_LEASE_TTL"] = str(args.lease_ttl)
            if several:
                _webhook(env, bots[0].port if bots else port)
            # A process on a shared store settles later (leases, claims, the first scans):
            # its warm-up memory is sampled no sooner than 5 s after it serves.
            warm = max(5.0 if several else 0.0, min(10.0, seconds * 0.15))
            bots.append(
                Bot(env, work, port, clock, name="ab"[n] if n < 2 else str(n), warm_after=warm)
            )
        for bot in bots:  # at once: whichever is first takes every role
            bot.start()
        await asyncio.gather(*(bot.wait_up() for bot in bots))
        cluster = Cluster(bots)
        setup_s = time.monotonic() - setup
        driver = Driver(cluster, tgram, slack, members, rnd, args.per_minute, webhook=several)
        stop, watched = asyncio.Event(), asyncio.Event()
        fault_log: list[str] = []
        started = time.monotonic()
        async with aiohttp.ClientSession() as session:
            driver.session = session
            watch = asyncio.ensure_future(cluster.watch(session, watched))
            reps = [asyncio.ensure_future(driver.rep(m, stop)) for m in members if not m.manager]
            chaos = asyncio.ensure_future(
                faults(cluster, tgram, slack, stop, rnd, seconds, args.kill_every, fault_log)
                if args.faults
                else stop.wait()
            )
            await asyncio.sleep(seconds * 0.3)
            digests = await queue_digests(url, clock)
            await asyncio.sleep(max(0.0, seconds - (time.monotonic() - started)))
            stop.set()
            await asyncio.gather(*reps, chaos, return_exceptions=True)
            for bot in bots:
                if bot.rss_warm is None:  # the last restart came too late to sample warm-up
                    bot.rss_warm = bot.rss()
            if driver.load.in_flight:
                await asyncio.gather(*list(driver.load.in_flight), return_exceptions=True)
            elapsed = time.monotonic() - started
            draining = time.monotonic()
            quiet = await wait_quiet(url, clock, timeout=max(60.0, seconds))
            drain_s = time.monotonic() - draining
            # Past the leases' ttl (15 s by default): the last killed leader's role moved.
            await cluster.settled(watched, timeout=2.0 * (args.lease_ttl or 15))
            await watch
            rss_end = [bot.rss() for bot in bots]
            codes = [bot.terminate() for bot in bots]
    found = await asyncio.to_thread(soak_store.census, url, clock.now())
    checks = store_checks(found, driver.load, tgram)
    unhandled, errors = log_problems(work)
    lat = latencies(driver.load, tgram, slack)
    out_calls = sum(1 for c in tgram.calls if c.status == 200 and c.method.startswith("send"))
    out_calls += len(slack.calls_to("chat.postMessage")) + len(
        slack.calls_to("chat.postEphemeral")
    )
    repeats = proactive_duplicates(found.actions, tgram, slack)
    duplicates = len(repeats)
    kills = sum(bot.kills for bot in bots)
    rss_warm = [bot.rss_warm or 0 for bot in bots]
    report = {
        "store": args.store,
        "processes": args.processes,
        "seconds": round(elapsed, 1),
        "setup_s": round(setup_s, 1),  # seeding and the processes' start
        "drain_s": round(drain_s, 1),  # after the load stopped, until nothing was owed
        "reps": args.reps,
        "people": len(members),
        "starts": sum(bot.starts for bot in bots),
        "sigkills": kills,
        "faults": len(fault_log),
        "fault_log": fault_log if several else len(fault_log),
        "messages_in": len(driver.load.sent),
        "messages_in_per_s": round(len(driver.load.sent) / elapsed, 1),
        "messages_out": out_calls,
        "messages_out_per_s": round(out_calls / elapsed, 1),
        "latency_p50_s": round(percentile(lat, 0.5), 3),
        "latency_p95_s": round(percentile(lat, 0.95), 3),
        "telegram_duplicates_sent": driver.load.duplicates_sent,
        "slack_retries_sent": driver.load.retries_sent,
        "button_presses": driver.load.presses,
        "digests_queued": digests,
        **checks,
        "proactive_duplicates": duplicates,
        "proactive_duplicates_at_s": [round(t - started, 1) for t in repeats],
        "rss_warm_kb": rss_warm if several else rss_warm[0],
        "rss_end_kb": rss_end if several else rss_end[0],
        "drained": quiet,
        "sigterm_exit": codes if several else codes[0],
        "unhandled_exceptions": unhandled,
        "error_lines": errors,
        "workdir": str(work),
    }
    # A duplicate can only come from a kill landing between a platform's answer and the commit
    # that records it (the crash window); each kill can catch at most the sends in flight (16).
    invariants = {
        "acked_stored_exactly_once": checks["logs_missing"] == 0
        and checks["logs_stored_twice"] == 0
        and checks["acked_not_journaled"] == 0,
        "due_delivered": checks["due_undelivered"] == 0 and quiet,
        "digests_sent_once": checks["digests_sent"] == checks["digests_due"] >= digests,
        "duplicates_only_in_crash_window": duplicates <= 16 * kills,
        "integrity_ok": checks["integrity"] == "ok",
        "rss_within_20pct": all(
            w and e <= w * 1.2 for w, e in zip(rss_warm, rss_end, strict=True)
        ),
        "no_unhandled_exceptions": unhandled == 0,
        "clean_sigterm": not any(codes),
    }
    if several:
        report |= leadership_report(cluster)
        invariants |= {
            "one_holder_per_role": report["most_holders_at_once"] <= 1,
            "leadership_moved": all(h["taken_by"] for h in report["handovers"]),
        }
    report["invariants"] = invariants
    return report


def leadership_report(cluster: Cluster) -> dict[str, Any]:
    """What the watch saw: how many processes held a role at once (1: the leases held), and
    each kill of the jobs leader with who took over and how many seconds later."""
    return {
        "leadership_polls": cluster.polls,
        "most_holders_at_once": max(cluster.most_holders.values(), default=0),
        "most_holders_by_role": dict(cluster.most_holders),
        "handovers": [
            {"killed": h.killed, "taken_by": h.taken_by, "after_s": h.seconds}
            for h in cluster.handovers
        ],
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=2.0)
    parser.add_argument("--seconds", type=float, help="overrides --minutes (short runs)")
    parser.add_argument("--reps", type=int, default=300)
    parser.add_argument(
        "--per-minute",
        type=float,
        default=3.0,
        help="messages each rep sends per minute, on average",
    )
    parser.add_argument(
        "--kill-every", type=float, default=45.0, help="seconds between SIGKILLs, on average"
    )
    parser.add_argument("--no-faults", dest="faults", action="store_false")
    parser.add_argument(
        "--drop-any",
        action="store_true",
        help="drop connections on every Telegram call, not only sendMessage",
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--store",
        choices=("sqlite", "postgres"),
        default="sqlite",
        help="a SQLite file in the workdir, or a throwaway PostgreSQL server",
    )
    parser.add_argument(
        "--processes",
        type=int,
        default=1,
        help="`ritmo run` processes on the store (2+: PostgreSQL, Telegram by webhook)",
    )
    parser.add_argument(
        "--lease-ttl",
        type=int,
        help="RITMO_LEASE_TTL for the processes (seconds; ritmo's default 15): shorter leases "
        "make a killed leader's roles and messages move sooner (short test runs)",
    )
    parser.add_argument(
        "--start",
        default=DEFAULT_START,
        help="the moment (ISO, with offset) the bot's clock starts at",
    )
    parser.add_argument("--workdir", help="keep the store and logs here")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.processes > 1 and args.store == "sqlite":
        parser.error("several processes need --store postgres (SQLite has one process)")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    report = asyncio.run(soak(args))
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for key, value in report.items():
            if key != "invariants":
                print(f"{key:>28}: {value}")
        for name, ok in report["invariants"].items():
            print(f"{'ok ' if ok else 'FAIL'} {name}")
    return 0 if all(report["invariants"].values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
