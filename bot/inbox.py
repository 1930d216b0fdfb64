"""The journaled incoming path shared by every channel (bot/channels/base.Inbound).

A channel gets its worker from `InboxWorker.for_channel(channel, …)` and calls `take()` (which
keys each payload by the channel's `event_id` and commits it, ignoring a duplicate id) BEFORE
it acknowledges the platform; the worker then handles pending rows: the channel's parse →
dispatcher → the channel's respond → mark done. A row is marked done only after its replies went out, so a crash anywhere re-handles
it once after restart. Messages of one chat are handled in order; different chats in parallel.

One sender flooding updates must not starve everyone else: each sender has a token bucket, and
past it their messages get one polite sentence, then silence until they slow down; a dropped
message is kept in the inbox journal only (marked done), never handled.

What can't be journaled, or fails to be handled MAX_ATTEMPTS times, is quarantined (stored, state
`failed`) and never blocks what comes after it; `ritmo inbox` shows it to an operator.

A message that fails because the store can't write (disk full, I/O error) is not poison: it stays
pending and is tried again with a growing pause, without counting an attempt, and its sender is
told once that it will be done when the store can write again.

A reply the platform fails to take (an outage) is not a reason to handle the message again: the
replies left are queued in the outbox (kind 'reply') in the same commit that marks the row done,
and the outbox dispatcher retries them with backoff, as it does reminders.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.channels.base import Inbound, UndeliveredReplies
from bot.logs import bind
from cadence_jobs.dispatcher import backoff, reply_payload
from handlers.kernel import i18n, outbox_codec
from handlers.kernel.dispatch import Dispatcher
from handlers.kernel.messages import Answer, Incoming, Reply
from storage import inbox
from storage.errors import StoreUnavailable
from storage.interface import Store, Tx

log = logging.getLogger(__name__)

# On a store several processes share, the rows this process takes stay its own this long (each
# poll renews the claims of the chats it holds). A killed process's rows are handed out as soon
# as its presence lease expires (15 s, storage/leases.py PRESENCE); this longer expiry only
# matters for a process that never had one, or that stopped renewing yet still runs.
CLAIM_TTL = timedelta(seconds=120)

FINISHED_MEMORY = 10_000  # finished row ids remembered; far more than one read of pending rows

# Pauses between tries of a message the store couldn't write: 1, 2, 4 … seconds, at most a minute.
STORE_RETRY_FIRST_S = 1.0
STORE_RETRY_MAX_S = 60.0

# A person typing, or pressing buttons, stays far below this; a script or a stuck client doesn't.
BURST = 12
PER_SECOND = 0.5
MAX_SENDERS = 10_000


@dataclass
class _Bucket:
    tokens: float
    at: float
    warned: bool = False


class SenderThrottle:
    """A token bucket per sender: `BURST` messages at once, then `PER_SECOND` on average."""

    def __init__(
        self,
        burst: int = BURST,
        per_second: float = PER_SECOND,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.burst = burst
        self.per_second = per_second
        self.monotonic = monotonic
        self._buckets: dict[str, _Bucket] = {}
        self.dropped = 0

    def admit(self, sender: str) -> str:
        """'ok' to handle the message, 'warn' for the first one over the limit, else 'drop'."""
        now = self.monotonic()
        bucket = self._buckets.get(sender)
        if bucket is None:
            self._forget_idle(now)
            bucket = self._buckets[sender] = _Bucket(float(self.burst), now)
        bucket.tokens = min(self.burst, bucket.tokens + (now - bucket.at) * self.per_second)
        bucket.at = now
        if bucket.tokens >= 1:
            bucket.tokens -= 1
            bucket.warned = False
            return "ok"
        self.dropped += 1
        if bucket.warned:
            return "drop"
        bucket.warned = True
        return "warn"

    def _forget_idle(self, now: float) -> None:
        """Keep memory bounded under a flood of distinct senders: a full bucket holds nothing."""
        if len(self._buckets) < MAX_SENDERS:
            return
        refill = self.burst / self.per_second
        self._buckets = {k: b for k, b in self._buckets.items() if now - b.at < refill}


async def prune(store: Store, now: datetime, keep_days: int) -> int:
    """Delete handled inbox rows older than `keep_days`, one small batch per transaction;
    returns how many went. Between batches the writer takes whatever else is queued, so a
    first prune of months of journal never holds the bot's writes back."""
    before = now - timedelta(days=keep_days)
    total = 0
    while True:
        gone = await store.write(lambda tx: tx.inbox.prune(before))
        total += gone
        if gone < inbox.PRUNE_BATCH:
            break
        await asyncio.sleep(0)
    if total:
        log.info("pruned %d handled inbox row(s) older than %d days", total, keep_days)
    return total


# Told (platform, intent, seconds, outcome, replies sent) for each handled update; the app sets
# it to its metrics (see App.instrument).
UpdateObserver = Callable[[str, str, float, str, int], None]


@dataclass
class _Outcome:
    """What one update came to, for its INFO line and the metrics."""

    intent: str = "unknown"
    replies: int = 0
    outcome: str = "ok"  # ok, ignored, throttled, dropped, reply_queued, store_wait, failed


class _Settled(Exception):
    """Internal: the row was settled another way (its replies queued in the outbox)."""


Parse = Callable[[dict[str, Any]], Incoming | None]
Respond = Callable[[Incoming | None, dict[str, Any], Answer | None], Awaitable[None]]
# An adapter's last step before dispatch that may need the network (Slack asks a stranger's
# language); parsing itself stays a pure function of the journaled payload.
Prepare = Callable[[Incoming], Awaitable[Incoming]]


class InboxWorker:
    def __init__(
        self,
        store: Store,
        dispatcher: Dispatcher,
        platform: str,
        parse: Parse,
        respond: Respond,
        now: Callable[[], datetime],
        concurrency: int = 16,
        throttle: SenderThrottle | None = None,
        prepare: Prepare | None = None,
    ) -> None:
        self.store = store
        self.dispatcher = dispatcher
        self.platform = platform
        self.parse = parse
        self.respond = respond
        self.prepare = prepare
        self.now = now
        self._wake = asyncio.Event()
        self._in_flight: set[int] = set()
        # Rows this process finished (or gave up on). A read of pending rows can start before a
        # handler marks its row done and be filtered after the handler left _in_flight: without
        # this, that stale read would handle the row a second time (an update answered twice).
        self._finished: set[int] = set()
        self._finished_order: deque[int] = deque()
        self._chat_locks: dict[str, asyncio.Lock] = {}
        self._slots = asyncio.Semaphore(concurrency)
        self._task: asyncio.Task[None] | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self.throttle = throttle or SenderThrottle()
        self.handled = 0
        self.observer: UpdateObserver | None = None
        # Rows waiting for the store to take writes again: (tries so far, not before when).
        self._store_waits: dict[int, tuple[int, datetime]] = {}
        # The channel's inbox key, set by for_channel (workers built by hand key events themselves).
        self.event_id: Callable[[dict[str, Any]], str | None] | None = None
        # The name rows are claimed under on a store other processes share (the app sets it);
        # None where this process owns the store and pending rows are simply read.
        self.claim_as: str | None = None

    @classmethod
    def for_channel(
        cls,
        channel: Inbound,
        store: Store,
        dispatcher: Dispatcher,
        now: Callable[[], datetime],
        *,
        prepare: Prepare | None = None,
        concurrency: int = 16,
    ) -> InboxWorker:
        """The shared journaled path for one channel: journal before the acknowledgement, dedupe
        by the channel's event id, per-chat order, throttling, retries and quarantine."""
        worker = cls(
            store,
            dispatcher,
            channel.platform,
            channel.parse,
            channel.respond,
            now,
            concurrency=concurrency,
            prepare=prepare,
        )
        worker.event_id = channel.event_id
        return worker

    async def take(self, payloads: list[dict[str, Any]]) -> int:
        """Journal what the platform sent, keyed by the channel's event id (a payload without
        one is not kept); returns how many were new. Acknowledge the platform only after this
        returns: what was acknowledged is then never lost."""
        if self.event_id is None:
            raise TypeError("take() needs a worker made by InboxWorker.for_channel")
        keyed = [(key, p) for p in payloads if (key := self.event_id(p)) is not None]
        return await self.accept_many(keyed, self._chats(keyed)) if keyed else 0

    def _chats(self, keyed: list[tuple[str, dict[str, Any]]]) -> dict[str, str] | None:
        """Each event's chat, where other processes share the store: their claims keep a
        chat's messages in order. Parsing is pure; a payload it can't read has no chat."""
        if self.claim_as is None:
            return None
        chats = {}
        for key, payload in keyed:
            try:
                incoming = self.parse(payload)
            except Exception:  # handled (and reported) when the row is handled
                continue
            if incoming is not None:
                chats[key] = incoming.chat_id
        return chats

    async def accept(self, event_id: str, payload: dict[str, Any]) -> bool:
        """Journal one event durably; True if it was new. Call before acknowledging it."""
        return await self.accept_many([(event_id, payload)]) == 1

    async def accept_many(
        self, events: list[tuple[str, dict[str, Any]]], chats: dict[str, str] | None = None
    ) -> int:
        """Journal a batch in one transaction (a getUpdates page); returns how many were new.

        An event that can't be stored as it came is quarantined in that same transaction (see
        storage.inbox), so the batch still commits and can be confirmed: one bad update must not
        hold back every message after it.
        """
        journaled = await self.store.write(
            lambda tx: tx.inbox.accept_many(self.platform, events, self.now(), chats)
        )
        for event_id in journaled.quarantined:
            log.warning(
                "%s event %s could not be journaled and was quarantined; see `ritmo inbox failed`",
                self.platform,
                event_id,
            )
        self._wake.set()
        return journaled.new

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name=f"inbox-{self.platform}")

    async def stop(self) -> None:
        """Stop taking new rows, and let the ones in flight finish."""
        if self._task:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        if self._tasks:
            await asyncio.gather(*self._tasks, return_exceptions=True)

    async def drain(self) -> None:
        """Handle everything pending now (tests and shutdown use it)."""
        while True:
            items = [i for i in await self._pending() if self._is_new(i.id)]
            if not items and not self._tasks:
                return
            for item in items:
                self._spawn(item)
            if self._tasks:
                await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def _run(self) -> None:
        while True:
            try:
                items = await self._pending()
            except StoreUnavailable:
                items = []  # the store logs its outage once; this loop polls every second
            except Exception:
                log.exception("reading the %s inbox failed", self.platform)
                items = []
            fresh = [i for i in items if self._is_new(i.id)]
            for item in fresh:
                self._spawn(item)
            self._wake.clear()
            try:
                await asyncio.wait_for(self._wake.wait(), timeout=1.0 if not fresh else 0.05)
            except TimeoutError:
                pass

    async def _pending(self) -> list[inbox.InboxItem]:
        """Rows to handle: read, where this process owns the store; claimed, where others may
        handle rows of the same store, so no row is handled by two of them."""
        if self.claim_as is None:
            return list(await self.store.read(lambda tx: tx.inbox.pending(self.platform, 200)))
        now, holder = self.now(), self.claim_as
        return list(
            await self.store.write(
                lambda tx: tx.inbox.claim_pending(self.platform, 200, holder, now, now + CLAIM_TTL)
            )
        )

    def _is_new(self, item_id: int) -> bool:
        if item_id in self._in_flight or item_id in self._finished:
            return False
        waiting = self._store_waits.get(item_id)
        return waiting is None or self.now() >= waiting[1]

    def _remember_finished(self, item_id: int) -> None:
        self._finished.add(item_id)
        self._finished_order.append(item_id)
        if len(self._finished_order) > FINISHED_MEMORY:
            self._finished.discard(self._finished_order.popleft())

    def _spawn(self, item: inbox.InboxItem) -> None:
        self._in_flight.add(item.id)
        task = asyncio.create_task(self._handle(item))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _handle(self, item: inbox.InboxItem) -> None:
        # This task's own context: the fields below tag every line logged while handling it.
        bind(platform=self.platform, request_id=f"{self.platform}:{item.event_id}")
        incoming: Incoming | None = None
        payload: dict[str, Any] = {}
        answered = False
        result = _Outcome()
        started = time.perf_counter()
        try:
            payload = json.loads(item.payload)
            incoming = self.parse(payload)
            key = incoming.chat_id if incoming else f"raw:{item.id}"
            lock = self._chat_locks.setdefault(key, asyncio.Lock())
            async with self._slots, lock:
                started = time.perf_counter()  # handling, not the wait for this chat's turn
                if incoming is not None and self.prepare is not None:
                    incoming = await self.prepare(incoming)
                try:
                    result = await self._answer(
                        incoming, payload, retrying=item.id in self._store_waits
                    )
                except UndeliveredReplies as undelivered:
                    answered = True
                    await self._queue_replies(item, incoming, undelivered)
                    result.outcome = "reply_queued"
                    raise _Settled from undelivered
                answered = True
                await self.store.write(lambda tx: tx.inbox.mark_done(item.id, self.now()))
                self._store_waits.pop(item.id, None)
                self._remember_finished(item.id)
                self.handled += 1
        except _Settled:
            self._store_waits.pop(item.id, None)
            self._remember_finished(item.id)
            self.handled += 1
        except StoreUnavailable as exc:
            result.outcome = "store_wait"
            if answered:
                # The replies went out; handling it again would say them twice. Left pending,
                # it is handled once more only after a restart, like a crash at this point.
                log.warning("inbox row %s answered but not marked done: %s", item.id, exc)
                self._remember_finished(item.id)
            else:
                await self._wait_for_store(item, incoming, payload, exc)
        except Exception as exc:
            result.outcome = "failed"
            log.exception("handling %s event %s failed", self.platform, item.event_id)
            await self._record_failure(item, exc)
        finally:
            self._in_flight.discard(item.id)
        self._report(item, result, time.perf_counter() - started)

    def _report(self, item: inbox.InboxItem, result: _Outcome, seconds: float) -> None:
        """One INFO line per update, with ids and numbers only (never what was written), and
        the same facts to the metrics."""
        latency_ms = round(seconds * 1000, 1)
        log.info(
            "handled %s update %s: intent %s, %s ms, %s",
            self.platform,
            item.event_id,
            result.intent,
            latency_ms,
            result.outcome,
            extra={
                "event": "update",
                "intent": result.intent,
                "latency_ms": latency_ms,
                "outcome": result.outcome,
                "replies": result.replies,
            },
        )
        if self.observer is not None:
            self.observer(self.platform, result.intent, seconds, result.outcome, result.replies)

    async def _record_failure(self, item: inbox.InboxItem, exc: Exception) -> None:
        """Count a failed attempt; the last allowed one quarantines the row.

        If even that write fails, this process leaves the row alone until it restarts: picked
        up again at once, it would fail and log again every second, for ever.
        """
        error = f"handling: {inbox.describe(exc)}"
        try:
            parked = await self.store.write(
                lambda tx: tx.inbox.mark_attempt_failed(item.id, error, self.now())
            )
        except Exception:
            log.exception("could not record the failure of inbox row %s; leaving it", item.id)
            self._remember_finished(item.id)
            return
        if parked:
            log.warning(
                "%s event %s failed %d times and was quarantined; see `ritmo inbox failed`",
                self.platform,
                item.event_id,
                inbox.MAX_ATTEMPTS,
            )

    async def _queue_replies(
        self, item: inbox.InboxItem, incoming: Incoming | None, undelivered: UndeliveredReplies
    ) -> None:
        """Hand replies the platform failed to take to the outbox, in the commit that marks the
        row done: the message is never handled twice, and the answer is not lost.

        Raises:
            UndeliveredReplies: nobody to queue them for (a stranger has no outbox); the row
                then counts a failed attempt as before.
        """
        if not undelivered.replies:
            # Every reply went out and only a follow-up call failed: a row with nothing to send
            # would wait in the outbox for ever.
            await self.store.write(lambda tx: tx.inbox.mark_done(item.id, self.now()))
            return
        ctx = await self.dispatcher.context_for(incoming) if incoming is not None else None
        if incoming is None or ctx is None or ctx.person is None:
            raise undelivered
        now = self.now()
        payload = reply_payload(
            self.platform,
            incoming.sender.external_id,
            incoming.chat_id,
            outbox_codec.encode(undelivered.replies),
            now,
        )
        person_id = ctx.person.id

        def park(tx: Tx) -> None:
            tx.outbox.enqueue(
                person_id,
                "reply",
                f"reply:{self.platform}:{item.event_id}",
                payload,
                now,
                not_before=now + timedelta(seconds=backoff(1)),
            )
            tx.inbox.mark_done(item.id, now)

        await self.store.write(park)
        log.warning(
            "%s reply to event %s not delivered (%s); queued in the outbox for retry",
            self.platform,
            item.event_id,
            undelivered,
        )

    async def _wait_for_store(
        self,
        item: inbox.InboxItem,
        incoming: Incoming | None,
        payload: dict[str, Any],
        exc: StoreUnavailable,
    ) -> None:
        """Leave the row pending and try it again after a pause that doubles each time; no
        attempt is counted (the message did nothing wrong). The sender hears about it once."""
        tries, _ = self._store_waits.get(item.id, (0, self.now()))
        pause = min(STORE_RETRY_MAX_S, STORE_RETRY_FIRST_S * 2**tries)
        self._store_waits[item.id] = (tries + 1, self.now() + timedelta(seconds=pause))
        log.warning(
            "%s event %s waits for the store (%s); trying again in %.0f s",
            self.platform,
            item.event_id,
            exc.sentence,
            pause,
        )
        if tries or incoming is None:
            return
        try:
            try:
                said = (await self.dispatcher.context_for(incoming)).t("inbox.store_unavailable")
            except StoreUnavailable:
                # A database server away: not even who is writing can be read. Said in the
                # language their app asks for, as to someone not linked yet.
                default = self.dispatcher.options.default_locale
                locale = i18n.normalize_locale(incoming.sender.language_hint, default)
                said = i18n.t(locale, "inbox.store_unavailable")
            await self.respond(incoming, payload, Answer([Reply(said)]))
        except Exception:
            log.exception("telling the sender the store is unavailable failed")

    async def _answer(
        self, incoming: Incoming | None, payload: dict[str, Any], retrying: bool = False
    ) -> _Outcome:
        """Dispatch and respond, unless the sender is over their limit (a message retried after
        a store failure was admitted when it first came); says what it came to."""
        if incoming is None:
            await self.respond(None, payload, None)
            return _Outcome(outcome="ignored")
        ctx = await self.dispatcher.context_for(incoming)
        if ctx.person is not None:
            bind(person_id=ctx.person.id)
        verdict = "ok" if retrying else self.throttle.admit(incoming.sender.external_id)
        if verdict == "ok":
            answer = await self.dispatcher.handle(incoming)
            # DEBUG only: the text as written, for finding out why a message was misread. It
            # holds what people wrote (names, contact details), so never at INFO.
            log.debug(
                "update text %r read as %s %s", incoming.text, answer.intent, answer.entities
            )
            await self.respond(incoming, payload, answer)
            return _Outcome(answer.intent, len(answer.replies))
        if verdict == "warn":
            log.info("sender over the message limit; dropping until they slow down")
            await self.respond(incoming, payload, Answer([Reply(ctx.t("inbox.throttled"))]))
            return _Outcome(replies=1, outcome="throttled")
        # Still answer the platform's own bookkeeping (a pressed button stops spinning),
        # but say nothing.
        await self.respond(None, payload, None)
        return _Outcome(outcome="dropped")
