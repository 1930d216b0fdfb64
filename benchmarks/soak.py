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
checked on the store and on what the fakes received. Exit status 1 when one is broken.
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
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from benchmarks.fakes import telegram_api as tg
from benchmarks.fakes.slack_api import FakeSlackApi
from benchmarks.fakes.slack_signing import action_request, event_request
from bot.app import App
from bot.config import Settings
from cadence_jobs import digest as digest_job
from cadence_jobs import workflow
from handlers.reports import digest as digest_handlers
from storage import backends
from storage.audit import Actor
from storage.interface import Tx
from storage.sqlite.db import connect_sync, transaction
from storage.sqlite.repositories import SqliteTx, connection_of
from storage.timefmt import to_db

ROOT = Path(__file__).resolve().parents[1]
SIGNING_SECRET = "soak-signing-secret"
SLACK_TOKEN = "xoxb-soak-token"
ACTOR = Actor.system("soak")
TEAM_SIZE = 15
TG_BASE_USER = 500_000


# -- the team ---------------------------------------------------------------------------------


@dataclass
class Member:
    person_id: int
    name: str
    platform: str
    chat: str  # Telegram user/chat id, or the Slack DM channel
    user: str  # Telegram user id, or the Slack user id
    account: str
    manager: bool = False


async def seed_team(
    db: Path, reps: int, start: datetime, seconds: float, rnd: random.Random
) -> list[Member]:
    """Write the team, link everyone, and spread one due step per rep across the run."""
    await _install(db)
    conn = connect_sync(db)
    members: list[Member] = []
    options = Settings(db_path=db).options()
    with transaction(conn):
        for i in range(reps + max(1, reps // TEAM_SIZE)):
            manager = i >= reps
            team = f"Time {(i - reps) if manager else i // TEAM_SIZE:03d}"
            platform = "telegram" if i % 2 == 0 else "slack"
            name = f"{'Gestor' if manager else 'Rep'} {i:04d} Soak"
            person = SqliteTx(conn).people.add_person(
                name=name,
                role="manager" if manager else "rep",
                team=team,
                timezone="UTC",
                locale="pt-BR" if i % 3 else "en",
                actor=ACTOR,
                now=start,
            )
            SqliteTx(conn).people.set_schedule(
                person.id,
                work_start="00:00",
                work_end="23:59",
                work_days="1,2,3,4,5,6,7",
                actor=ACTOR,
                now=start,
            )
            user = str(TG_BASE_USER + i) if platform == "telegram" else f"U{i:06d}"
            chat = user if platform == "telegram" else f"D{i:06d}"
            SqliteTx(conn).people.link_identity(person.id, platform, user, chat, ACTOR, start)
            account = f"Cliente {i:04d} Soak"
            members.append(Member(person.id, name, platform, chat, user, account, manager))
            if manager:
                continue
            acc = SqliteTx(conn).accounts.create_account(
                name=account, owner_id=person.id, actor=ACTOR, now=start
            )
            contact = SqliteTx(conn).accounts.create_contact(
                account_id=acc.id, name=f"Contato {i:04d}", actor=ACTOR, now=start
            )
            enrolment = workflow.enrol(
                SqliteTx(conn),
                actor=ACTOR,
                cadence_key="exploratory",
                account_id=acc.id,
                owner_id=person.id,
                now=start,
                options=options,
                contact_id=contact.id,
            )
            due = start + timedelta(seconds=rnd.uniform(0, seconds * 0.6))
            conn.execute(
                "UPDATE enrolments SET due_at = ? WHERE id = ?", (to_db(due), enrolment.id)
            )
    conn.close()
    return members


async def _install(db: Path) -> None:
    app = App(Settings(db_path=db))
    await app.open()
    await app.close()


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


async def queue_digests(db: Path, clock: SimClock) -> int:
    """Queue the next business day's digests now: the bot's own job only queues today's, and a
    soak must see digests it asked for go out whatever day its world is in."""
    store = await backends.connect(db)
    try:
        options = Settings(db_path=db).options()
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
        await store.write(_due_now, "digest", clock.now())
        return queued
    finally:
        await store.close()


def _due_now(tx: Tx, kind: str, now: datetime) -> None:
    connection_of(tx).execute(
        "UPDATE outbox SET next_attempt_at = ? WHERE kind = ? AND state = 'pending'",
        (to_db(now), kind),
    )


# -- the fakes, with faults -------------------------------------------------------------------


class FaultyTelegram(tg.FakeTelegram):
    """The test fake, plus dropped connections (on sendMessage, or on any call but getUpdates
    with `drop_any`)."""

    drop = 0
    drop_any = False

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
    proc: subprocess.Popen | None = None
    warm_after: float = 10.0
    starts: int = 0
    kills: int = 0
    rss_warm: int | None = None  # of the process running now, `warm_after` seconds after start
    _sampler: asyncio.Task | None = None

    def start(self) -> None:
        self.starts += 1
        log = open(self.logs / f"run-{self.starts}.log", "wb")  # noqa: SIM115 - the child's
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
        bot: Bot,
        tgram: FaultyTelegram,
        slack: FaultySlack,
        members: list[Member],
        rnd: random.Random,
        per_minute: float,
    ) -> None:
        self.bot, self.tg, self.slack = bot, tgram, slack
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
            update = await self.tg.push(tg.message_update(tg.user(int(member.user)), text))
            key = f"tg:{update['update_id']}"
            self.load.tg_updates[key] = update["update_id"]
            self.load.journal_ids[key] = ("telegram", str(update["update_id"]))
            if self.rnd.random() < 0.02:  # Telegram delivers an update twice
                await self.tg.push(update)
                self.load.duplicates_sent += 1
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
                    pushed = await self.tg.push(update)
                    key = f"tgp:{self.load.presses}"
                    self.load.tg_updates[key] = pushed["update_id"]
                    self.load.journal_ids[key] = ("telegram", str(pushed["update_id"]))
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

    async def _post(self, body: bytes, headers: dict[str, str], key: str) -> bool:
        url = f"http://127.0.0.1:{self.bot.port}/slack/events"
        try:
            async with self.session.post(
                url, data=body, headers=headers, timeout=aiohttp.ClientTimeout(total=10)
            ) as resp:
                if resp.status == 200:
                    self.load.acked.add(key)
                    return True
        except (aiohttp.ClientError, TimeoutError):
            pass
        return False


# -- faults ------------------------------------------------------------------------------------


async def faults(
    bot: Bot,
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
    while not stop.is_set():
        await asyncio.sleep(rnd.uniform(2.0, 5.0))
        if stop.is_set():
            return
        if time.monotonic() >= next_kill and time.monotonic() - started < seconds * 0.85:
            log.append(f"{time.monotonic() - started:6.1f}s SIGKILL")
            bot.kill()
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


def proactive_duplicates(db: Path, tgram: FaultyTelegram, slack: FaultySlack) -> int:
    """Messages the platforms accepted more than once: the same reminder or digest (same chat,
    same text, carrying step or digest buttons) sent twice."""
    conn = sqlite3.connect(db)
    actions = dict(conn.execute("SELECT token, action FROM callbacks"))
    conn.close()

    def proactive(tokens: list[str]) -> bool:
        return any(actions.get(t, "").startswith(("step.", "digest.")) for t in tokens)

    seen: dict[tuple[str, str], int] = defaultdict(int)
    for call in tgram.calls:
        if call.status == 200 and call.method == "sendMessage":
            tokens = [b.get("callback_data", "") for b in call.buttons]
            if proactive(tokens):
                seen[(str(call.params.get("chat_id")), call.params.get("text", ""))] += 1
    for call in slack.calls_to("chat.postMessage"):
        tokens = [
            e.get("value", "")
            for b in call.blocks
            if b.get("type") == "actions"
            for e in b.get("elements", [])
        ]
        if proactive(tokens):
            seen[(str(call.params.get("channel")), call.params.get("text", ""))] += 1
    return sum(n - 1 for n in seen.values())


def store_checks(db: Path, load: Load, tgram: FaultyTelegram, clock: SimClock) -> dict[str, Any]:
    conn = sqlite3.connect(db)
    try:
        confirmed = tgram.confirmed_offset
        acked = {k for k in load.acked}
        acked |= {k for k, uid in load.tg_updates.items() if uid < confirmed}
        bodies = defaultdict(int)
        for (body,) in conn.execute("SELECT body FROM interactions WHERE body LIKE '%soak%'"):
            for word in (body or "").split():
                if word.startswith("soak"):
                    bodies[word] += 1
        acked_logs = [m for m, key in load.logs.items() if key in acked]
        missing = [m for m in acked_logs if bodies.get(m, 0) == 0]
        doubled = [m for m, n in bodies.items() if n > 1]
        outbox = {
            f"{k}/{s}": n
            for k, s, n in conn.execute(
                "SELECT kind, state, count(*) FROM outbox GROUP BY kind, state"
            )
        }
        undelivered = conn.execute(
            "SELECT count(*) FROM outbox WHERE kind IN ('reminder', 'digest')"
            " AND (state = 'failed' OR (state = 'pending' AND next_attempt_at <= ?))",
            (to_db(clock.now()),),
        ).fetchone()[0]
        # Every digest owed by now, whoever queued it: the soak's own and the bot's job's.
        digests_due = conn.execute(
            "SELECT count(*) FROM outbox WHERE kind = 'digest'"
            " AND (state != 'pending' OR next_attempt_at <= ?)",
            (to_db(clock.now()),),
        ).fetchone()[0]
        inbox = dict(conn.execute("SELECT state, count(*) FROM inbox GROUP BY state"))
        journaled = set(conn.execute("SELECT platform, event_id FROM inbox"))
        not_journaled = [k for k in acked if load.journal_ids.get(k) not in journaled]
        return {
            "acked_messages": len(acked),
            "acked_not_journaled": len(not_journaled),
            "acked_logs": len(acked_logs),
            "logs_missing": len(missing),
            "logs_stored_twice": len(doubled),
            "reminders_sent": outbox.get("reminder/sent", 0),
            "digests_sent": outbox.get("digest/sent", 0),
            "digests_due": digests_due,
            "due_undelivered": undelivered,
            "outbox": outbox,
            "inbox": inbox,
            "integrity": conn.execute("PRAGMA integrity_check").fetchone()[0],
        }
    finally:
        conn.close()


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


async def wait_quiet(db: Path, clock: SimClock, timeout: float) -> bool:
    """Until the bot has handled every journaled update and sent every due message."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        conn = sqlite3.connect(db)
        try:
            pending = conn.execute("SELECT count(*) FROM inbox WHERE state = 'pending'")
            inbox = pending.fetchone()[0]
            now = clock.now()
            # Rows waiting out a retry backoff after a fault count as owed too (only what is
            # scheduled well ahead, e.g. tomorrow's digest, is not), and so do due steps the
            # scan has not queued yet.
            due = conn.execute(
                "SELECT count(*) FROM outbox WHERE state = 'pending' AND next_attempt_at <= ?",
                (to_db(now + timedelta(minutes=10)),),
            ).fetchone()[0]
            due += conn.execute(
                "SELECT count(*) FROM enrolments WHERE state = 'active' AND due_at <= ?"
                " AND (notified_step IS NULL OR notified_step != step_index)",
                (to_db(now),),
            ).fetchone()[0]
        finally:
            conn.close()
        if inbox == 0 and due == 0:
            return True
        await asyncio.sleep(0.5)
    return False


async def soak(args: argparse.Namespace) -> dict[str, Any]:
    rnd = random.Random(args.seed)
    seconds = args.seconds or args.minutes * 60
    work = Path(args.workdir or tempfile.mkdtemp(prefix="ritmo-soak-"))
    work.mkdir(parents=True, exist_ok=True)
    db = work / "soak.db"
    clock = SimClock.starting_at(datetime.fromisoformat(args.start))
    members = await seed_team(db, args.reps, clock.now(), seconds, rnd)
    async with FaultyTelegram() as tgram, FaultySlack() as slack:
        tgram.drop_any = args.drop_any
        for m in members:
            if m.platform == "slack":
                slack.add_user(m.user, m.name)
        port = free_port()
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("RITMO_", "SLACK_", "TELEGRAM_"))
        }
        env.update(
            RITMO_DB=str(db),
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
        bot = Bot(env, work, port, clock, warm_after=min(10.0, seconds * 0.15))
        bot.start()
        await bot.wait_up()
        driver = Driver(bot, tgram, slack, members, rnd, args.per_minute)
        stop = asyncio.Event()
        fault_log: list[str] = []
        started = time.monotonic()
        async with aiohttp.ClientSession() as session:
            driver.session = session
            reps = [asyncio.ensure_future(driver.rep(m, stop)) for m in members if not m.manager]
            chaos = asyncio.ensure_future(
                faults(bot, tgram, slack, stop, rnd, seconds, args.kill_every, fault_log)
                if args.faults
                else stop.wait()
            )
            await asyncio.sleep(seconds * 0.3)
            digests = await queue_digests(db, clock)
            await asyncio.sleep(max(0.0, seconds - (time.monotonic() - started)))
            stop.set()
            await asyncio.gather(*reps, chaos, return_exceptions=True)
            if bot.rss_warm is None:  # the last restart came too late to sample its warm-up
                bot.rss_warm = bot.rss()
            if driver.load.in_flight:
                await asyncio.gather(*list(driver.load.in_flight), return_exceptions=True)
            elapsed = time.monotonic() - started
            quiet = await wait_quiet(db, clock, timeout=max(60.0, seconds))
            rss_end = bot.rss()
            code = bot.terminate()
    checks = store_checks(db, driver.load, tgram, clock)
    unhandled, errors = log_problems(work)
    lat = latencies(driver.load, tgram, slack)
    out_calls = sum(1 for c in tgram.calls if c.status == 200 and c.method.startswith("send"))
    out_calls += len(slack.calls_to("chat.postMessage")) + len(
        slack.calls_to("chat.postEphemeral")
    )
    duplicates = proactive_duplicates(db, tgram, slack)
    report = {
        "seconds": round(elapsed, 1),
        "reps": args.reps,
        "people": len(members),
        "starts": bot.starts,
        "sigkills": bot.kills,
        "faults": len(fault_log),
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
        "rss_warm_kb": bot.rss_warm,
        "rss_end_kb": rss_end,
        "drained": quiet,
        "sigterm_exit": code,
        "unhandled_exceptions": unhandled,
        "error_lines": errors,
        "workdir": str(work),
    }
    # A duplicate can only come from a kill landing between a platform's answer and the commit
    # that records it; each kill can catch at most the sends in flight (16).
    report["invariants"] = {
        "acked_stored_exactly_once": checks["logs_missing"] == 0
        and checks["logs_stored_twice"] == 0
        and checks["acked_not_journaled"] == 0,
        "due_delivered": checks["due_undelivered"] == 0 and quiet,
        "digests_sent_once": checks["digests_sent"] == checks["digests_due"] >= digests,
        "duplicates_only_in_crash_window": duplicates <= 16 * bot.kills,
        "integrity_ok": checks["integrity"] == "ok",
        "rss_within_20pct": bool(bot.rss_warm) and rss_end <= bot.rss_warm * 1.2,
        "no_unhandled_exceptions": unhandled == 0,
        "clean_sigterm": code == 0,
    }
    return report


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
        "--start",
        default=DEFAULT_START,
        help="the moment (ISO, with offset) the bot's clock starts at",
    )
    parser.add_argument("--workdir", help="keep the store and logs here")
    parser.add_argument("--json", action="store_true")
    return parser.parse_args(argv)


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
