"""The outbox dispatcher: delivers queued messages through the platforms, at their pace.

A row is marked sent only after the platform accepted it, in the commit right after the call
returns, keeping the platform's message id: a crash anywhere before that call leaves the row
pending and it is sent after the restart; only a crash in the instant between the platform's
answer and that commit can repeat a message (chat APIs take no idempotency key).

Failures are retried with exponential backoff, or after exactly the `retry_after` a platform
asked for (Telegram 429, Slack Retry-After), during which nothing else goes to that platform;
after `max_attempts`, or at once for a permanent refusal, the row is `failed` and
`ritmo outbox --failed` lists it.

A reply to a person's message that the platform failed to take is queued here too (kind
'reply', its buttons already sealed, addressed to the chat it answers) and retried the same way,
but only for REPLY_MAX_AGE: an answer that arrives much later than the question confuses more
than it helps, so after that it is given up and logged.
"""

from __future__ import annotations

import asyncio
import logging
import time as _time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from cadence_jobs.presenter import Presenter
from cadence_jobs.ratelimit import RateLimiter, limiter_for
from cadence_jobs.scan import deliverable
from cadence_jobs.workflow import Options, calendar_for, load_cadence
from storage import people
from storage.interface import Tx
from storage.outbox import OutboxItem

log = logging.getLogger(__name__)

# A channel's deliverer: (identity, the presenter's messages) -> the platform's message id.
Deliver = Callable[[Any, Sequence[Any]], Awaitable[str]]

MAX_ATTEMPTS = 8
BACKOFF_BASE_S = 5.0
BACKOFF_CAP_S = 900.0
BATCH = 200
LOOKAHEAD = 2000
UNLINKED_RECHECK = timedelta(minutes=30)
# Messages about the day's work: held at send time while the person is away or off hours.
WORK_KINDS = ("reminder", "agenda")
REPLY_MAX_AGE = timedelta(minutes=30)
# How long rows handed to this process stay its own on a shared store: well past one round,
# short enough that a crashed process's rows go out again within a minute.
CLAIM_TTL = timedelta(seconds=45)


def backoff(attempts: int) -> float:
    """Seconds before retry number `attempts` (1-based): 5, 10, 20, ... up to 15 minutes."""
    return min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2 ** max(0, attempts - 1))


@dataclass(frozen=True)
class Delivery:
    """How one outbox row's attempt ended: logged at INFO (one line a row, fields for JSON
    logs) and handed to the observer the app gives (its metrics). Ids only, never the text."""

    outbox_id: int
    kind: str
    platform: str
    person_id: int
    attempt: int
    outcome: str  # sent, retry, failed (for good), waiting (the chat is not open now)


@dataclass(frozen=True)
class Prepared:
    """One message ready to go: the rows it settles, who gets it, and its sealed replies (the
    presenter's messages, opaque here)."""

    items: tuple[OutboxItem, ...]
    identity: people.Identity | None
    replies: tuple[Any, ...]

    @property
    def chat(self) -> str:
        assert self.identity is not None
        return self.identity.chat_id or self.identity.external_id


def reply_payload(
    platform: str,
    external_id: str,
    chat_id: str,
    replies: Sequence[Mapping[str, Any]],
    now: datetime,
) -> dict[str, Any]:
    """What a 'reply' row holds: where the answer goes, the answer (already encoded by the
    caller's codec), and when to give up."""
    return {
        "platform": platform,
        "external_id": external_id,
        "chat_id": chat_id,
        "replies": list(replies),
        "expires_at": (now + REPLY_MAX_AGE).isoformat(),
    }


def _reply_expired(item: OutboxItem, moment: datetime) -> bool:
    return item.kind == "reply" and moment > datetime.fromisoformat(item.payload["expires_at"])


class Dispatcher:
    """Delivers due outbox rows; one instance per process, driven by `run` or `drain`."""

    def __init__(
        self,
        store: Any,
        deliverers: Mapping[str, Deliver],
        options: Options,
        now: Callable[[], datetime],
        *,
        presenter: Presenter,
        max_attempts: int = MAX_ATTEMPTS,
        monotonic: Callable[[], float] = _time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        concurrency: int = 16,
        observe: Callable[[Delivery], None] | None = None,
        claim_as: str | None = None,
        may_deliver: Callable[[str], bool] | None = None,
    ) -> None:
        self.store = store
        # On a store several processes share: the name rows are claimed under (see
        # storage.repositories.Outbox.claim_due), and whether this process leads a platform's
        # delivery now. Neither is set for a store one process owns.
        self.claim_as = claim_as
        self.may_deliver = may_deliver
        self.presenter = presenter
        self.observe = observe
        self.deliverers = dict(deliverers)
        self.options = options
        self.now = now
        self.max_attempts = max_attempts
        self.monotonic = monotonic
        self.sleep = sleep
        self.limiters: dict[str, RateLimiter] = {p: limiter_for(p) for p in self.deliverers}
        self.blocked_until: dict[str, float] = {}
        self._ready_at: dict[int, float] = {}
        self._slots = asyncio.Semaphore(concurrency)
        self._wake = asyncio.Event()
        # When each platform last accepted a message, for /healthz; process memory only, since
        # a restarted process has delivered nothing yet.
        self.last_delivery: dict[str, datetime] = {}

    def wake(self) -> None:
        """Something was queued: look at the outbox now instead of at the next poll."""
        self._wake.set()

    async def run(self, stop: asyncio.Event, poll_s: float = 1.0) -> None:
        """Deliver until `stop` is set, polling the outbox when idle."""
        while not stop.is_set():
            try:
                sent = await self.drain_once()
            except Exception:
                log.exception("outbox dispatcher round failed")
                sent = 0
            if sent:
                continue
            self._wake.clear()
            waiter = asyncio.ensure_future(self._wake.wait())
            stopper = asyncio.ensure_future(stop.wait())
            await asyncio.wait(
                {waiter, stopper}, timeout=poll_s, return_when=asyncio.FIRST_COMPLETED
            )
            waiter.cancel()
            stopper.cancel()

    async def drain(self, max_rounds: int = 1000) -> int:
        """Deliver everything due now (tests, the CLI); returns how many rows were settled."""
        total = 0
        for _ in range(max_rounds):
            settled = await self.drain_once()
            total += settled
            if not settled and not await self._has_due():
                break
            if not settled:
                await self.sleep(0.05)  # only chats that must wait their second are left
        return total

    async def _has_due(self) -> bool:
        return bool(await self.store.read(lambda tx: tx.outbox.due(self.now(), 1)))

    async def drain_once(self) -> int:
        """One round: every due row whose chat may receive now is sent (concurrently, within
        the platform limits); rows for a chat that must wait are left for the next round."""
        # Read well past one round's worth, so one rep with a long backlog (paced at one message
        # a second) does not hide everyone else's rows behind theirs.
        if self.may_deliver is not None and not any(map(self.may_deliver, self.deliverers)):
            return 0  # another process delivers to every platform this one runs
        rows = await self._due_rows()
        if not rows:
            return 0
        rows = self._one_message_per_person(rows)[:BATCH]
        if not rows:
            return 0
        prepared = await self.store.write(self._prepare, rows, self.now())
        tasks = []
        busy: set[tuple[str, str]] = set()
        not_mine: list[int] = []  # rows for a platform another process delivers to
        settled = 0
        for job in prepared:
            if job.identity is None or not job.replies:
                settled += len(job.items)  # settled inside _prepare (stale or unreachable)
                continue
            platform = job.identity.platform
            if self.may_deliver is not None and not self.may_deliver(platform):
                not_mine.extend(item.id for item in job.items)
                continue
            if platform not in self.deliverers:
                states = await self.store.write(
                    self._fail_attempt, job, f"{platform} is not running", None, False
                )
                self._report(job, states)
                settled += len(job.items)
                continue
            if (platform, job.chat) in busy or not await self._acquire(platform, job.chat):
                busy.add((platform, job.chat))
                continue
            tasks.append(asyncio.ensure_future(self._send(job)))
        if not_mine and self.claim_as is not None:
            holder = self.claim_as
            await self.store.write(lambda tx: tx.outbox.release(not_mine, holder))
        if tasks:
            settled += sum(await asyncio.gather(*tasks))
        return settled

    async def _due_rows(self) -> list[OutboxItem]:
        """Due rows to deliver: read, where this process owns the store; claimed, where other
        processes may deliver from it too, so no row goes to two of them."""
        if self.claim_as is None:
            return list(await self.store.read(lambda tx: tx.outbox.due(self.now(), LOOKAHEAD)))
        now, holder = self.now(), self.claim_as
        return list(
            await self.store.write(
                lambda tx: tx.outbox.claim_due(now, BATCH, holder, now + CLAIM_TTL)
            )
        )

    def _one_message_per_person(self, rows: list[OutboxItem]) -> list[OutboxItem]:
        """At most one message per person per round, and none to someone messaged less than
        their chat's interval ago: rows are rendered and their buttons sealed only when they
        can actually go now. A person's batched reminders travel together as one message."""
        now = self.monotonic()
        chosen: list[OutboxItem] = []
        taken: dict[int, bool] = {}  # person -> whether their message is a batch
        for item in rows:
            if self._ready_at.get(item.person_id, 0.0) > now:
                continue
            batched = _joins_batch(item)
            if item.person_id in taken and not (batched and taken[item.person_id]):
                continue
            taken[item.person_id] = batched
            chosen.append(item)
        return chosen

    async def _acquire(self, platform: str, chat: str) -> bool:
        """Wait for the platform's overall limit; False if this chat itself must wait."""
        limiter = self.limiters[platform]
        while True:
            now = self.monotonic()
            blocked = self.blocked_until.get(platform, 0.0) - now
            if limiter.chat_delay(chat, now) > 0:
                return False
            wait = max(blocked, limiter.delay(chat, now))
            if wait <= 0:
                limiter.record(chat, now)
                return True
            await self.sleep(wait)

    async def _send(self, job: Prepared) -> int:
        assert job.identity is not None  # _deliver settles the rows of a job with no identity
        platform = job.identity.platform
        interval = self.limiters[platform].limits.per_chat_interval or 0.0
        self._ready_at[job.items[0].person_id] = self.monotonic() + interval
        async with self._slots:
            try:
                message_id = await self.deliverers[platform](job.identity, job.replies)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # every failure is recorded on the row, never lost
                if getattr(exc, "unreachable", False):
                    await self.store.write(self._wait_for_chat, job)
                    self._report(job, ["waiting"] * len(job.items))
                    return len(job.items)
                retry_after = _retry_after(exc)
                if retry_after is not None:
                    self.blocked_until[platform] = self.monotonic() + retry_after
                permanent = bool(getattr(exc, "permanent", False))
                states = await self.store.write(
                    self._fail_attempt, job, _describe(exc), retry_after, permanent
                )
                self._report(job, states)
                return len(job.items)
        delivered_at = self.now()
        await self.store.write(self._mark_sent, job, platform, str(message_id), delivered_at)
        self.last_delivery[platform] = delivered_at
        self._report(job, ["sent"] * len(job.items))
        return len(job.items)

    def _report(self, job: Prepared, outcomes: Sequence[str]) -> None:
        """One INFO line and one observation per row of the message (a batch settles several)."""
        assert job.identity is not None
        for item, outcome in zip(job.items, outcomes, strict=True):
            event = Delivery(
                item.id,
                item.kind,
                job.identity.platform,
                item.person_id,
                item.attempts + 1,
                outcome,
            )
            log.info(
                "delivery of outbox row %s (%s) via %s, attempt %s: %s",
                event.outbox_id,
                event.kind,
                event.platform,
                event.attempt,
                event.outcome,
                extra={"event": "delivery", **asdict(event)},
            )
            if self.observe is not None:
                self.observe(event)

    # -- store work (transaction bodies, given the unit of work) ---------------------------

    def _prepare(self, tx: Tx, rows: list[OutboxItem], now: datetime) -> list[Prepared]:
        """Render and seal each row (batched reminders of one person become one message)."""
        out: list[Prepared] = []
        batches: dict[int, list[tuple[OutboxItem, dict]]] = {}
        reachable: dict[int, datetime] = {}
        for item in rows:
            if item.kind in WORK_KINDS:
                if item.person_id not in reachable:
                    reachable[item.person_id] = self._reachable_from(tx, item.person_id, now)
                if reachable[item.person_id] > now:
                    # Queued before an absence began, or a clock moved: wait for their day.
                    tx.outbox.postpone(item.id, reachable[item.person_id])
                    out.append(Prepared((item,), None, ()))
                    continue
            if item.kind == "reply":
                out.append(self._prepare_reply(tx, item, now))
                continue
            identity = tx.people.preferred_identity(item.person_id)
            locale = _locale(tx, item.person_id)
            if identity is None:
                # Not a delivery failure: the person hasn't linked a chat yet. Keep the row
                # (unattempted) and look again later, so linking starts the reminders.
                tx.outbox.postpone(item.id, now + UNLINKED_RECHECK)
                out.append(Prepared((item,), None, ()))
                continue
            if item.kind == "agenda" and _joins_batch(item):
                batches.setdefault(item.person_id, []).append((item, {"lead": item.payload}))
                continue
            if item.kind != "reminder":
                replies = self.presenter.stored(item.payload)
                out.append(Prepared((item,), identity, self._seal(tx, item, replies, now)))
                continue
            data = self._reminder_data(tx, item, locale)
            if data is None:
                tx.outbox.mark_sent(item.id, "stale", None, now)
                out.append(Prepared((item,), None, ()))
            elif item.payload.get("batched"):
                batches.setdefault(item.person_id, []).append((item, data))
            else:
                reply = self.presenter.reminder(data, locale)
                out.append(Prepared((item,), identity, self._seal(tx, item, [reply], now)))
        for person_id, group in batches.items():
            identity = tx.people.preferred_identity(person_id)
            leads = [d["lead"] for _, d in group if "lead" in d]
            steps = [d for _, d in group if "lead" not in d]
            replies = self.presenter.batch(steps, _locale(tx, person_id), leads)
            items = tuple(i for i, _ in group)
            out.append(Prepared(items, identity, self._seal(tx, items[0], replies, now)))
        return out

    def _reachable_from(self, tx: Tx, person_id: int, now: datetime) -> datetime:
        """When the person may get work messages, judged now rather than when queued: an
        absence recorded since, working and quiet hours. Their batch times were applied when
        the row was queued, so they are not applied again (a late round would skip a day)."""
        schedule = tx.schedules.schedule_of(person_id, now.date() - timedelta(days=1))
        schedule = replace(schedule, notify_mode="each")
        return deliverable(now, calendar_for(schedule, self.options), schedule)

    def _prepare_reply(self, tx: Tx, item: OutboxItem, now: datetime) -> Prepared:
        """A failed reply goes back to the chat it answers, its buttons as first sealed (their
        tokens are in the store already); past its age limit it is given up."""
        if _reply_expired(item, now):
            self._give_up_reply(tx, item, "not delivered before its age limit")
            return Prepared((item,), None, ())
        p = item.payload
        identity = people.Identity(
            0, item.person_id, p["platform"], p["external_id"], p["chat_id"], False
        )
        return Prepared((item,), identity, tuple(self.presenter.stored(p)))

    def _give_up_reply(self, tx: Tx, item: OutboxItem, why: str) -> None:
        tx.outbox.give_up(item.id, why)
        log.warning(
            "gave up on a reply to person %s (outbox row %s, %s attempts): %s",
            item.person_id,
            item.id,
            item.attempts,
            why,
        )

    def _reminder_data(self, tx: Tx, item: OutboxItem, locale: str) -> dict[str, Any] | None:
        """What the reminder shows, or None if the rep already moved past that step."""
        payload = item.payload
        if "follow_up_id" in payload:
            return _follow_up_data(tx, payload)
        enrolment = tx.enrolments.get(payload["enrolment_id"])
        if (
            enrolment is None
            or enrolment.state != "active"
            or enrolment.step_index != payload["step_index"]
        ):
            return None
        cadence = load_cadence(tx, enrolment.cadence_key)
        step = cadence.steps[enrolment.step_index]
        contact = tx.accounts.get_contact(enrolment.contact_id) if enrolment.contact_id else None
        account = tx.accounts.get_account(enrolment.account_id)
        owner = tx.people.get_person(enrolment.owner_id)
        return {
            "enrolment_id": enrolment.id,
            "step_index": enrolment.step_index,
            "steps": len(cadence.steps),
            "cadence": cadence.key,
            "cadence_name": cadence.name.as_dict(),
            "channel": step.channel,
            "action": step.action.as_dict(),
            "template": step.template.as_dict() if step.template else {},
            "contact": contact.name if contact else None,
            "phone": contact.phone if contact else None,
            "email": contact.email if contact else None,
            "account": account.name if account else None,
            "rep": owner.name.split()[0],
            "country": self.options.holidays_country,
            "due_at": payload.get("due_at"),
        }

    def _seal(
        self, tx: Tx, item: OutboxItem, replies: list[Any], now: datetime
    ) -> tuple[Any, ...]:
        """Swap each button's action for a server-side token, as the chat pipeline does."""

        def issue(actions: list[tuple[str, dict[str, Any]]]) -> list[str]:
            return tx.callbacks.issue_many(item.person_id, actions, now)

        return self.presenter.seal(replies, issue)

    def _mark_sent(
        self, tx: Tx, job: Prepared, platform: str, message_id: str, now: datetime
    ) -> None:
        for item in job.items:
            tx.outbox.mark_sent(item.id, platform, message_id, now)

    def _wait_for_chat(self, tx: Tx, job: Prepared) -> None:
        """The person's chat is not open now (someone else's console): keep the rows for them,
        unattempted, as for a person who has not linked a chat yet."""
        until = self.now() + UNLINKED_RECHECK
        for item in job.items:
            tx.outbox.postpone(item.id, until)

    def _fail_attempt(
        self, tx: Tx, job: Prepared, error: str, retry_after: float | None, permanent: bool
    ) -> list[str]:
        """Record a failed attempt on each row; returns each row's outcome (retry or failed)."""
        now = self.now()
        return [
            self._retry_row(tx, item, error, retry_after, permanent, now) for item in job.items
        ]

    def _retry_row(
        self,
        tx: Tx,
        item: OutboxItem,
        error: str,
        retry_after: float | None,
        permanent: bool,
        now: datetime,
    ) -> str:
        wait = retry_after if retry_after is not None else backoff(item.attempts + 1)
        if not permanent and _reply_expired(item, now + timedelta(seconds=wait)):
            tx.outbox.mark_retry(item.id, error, now, self.max_attempts)
            self._give_up_reply(tx, item, f"still failing at its age limit: {error}")
            return "failed"
        limit = item.attempts + 1 if permanent else self.max_attempts
        state = tx.outbox.mark_retry(item.id, error, now + timedelta(seconds=wait), limit)
        if state == "failed":
            log.warning(
                "outbox row %s failed for good after %s attempts: %s",
                item.id,
                item.attempts + 1,
                error,
            )
        return "failed" if state == "failed" else "retry"


def _follow_up_data(tx: Tx, payload: Mapping[str, Any]) -> dict[str, Any] | None:
    """What a follow-up's reminder shows; None once it is done, cancelled or moved."""
    follow_up = tx.tasks.get_follow_up(payload["follow_up_id"])
    if (
        follow_up is None
        or follow_up.state != "open"
        or follow_up.due_date != payload.get("due_date")
    ):
        return None
    account = tx.accounts.get_account(follow_up.account_id) if follow_up.account_id else None
    return {
        "follow_up_id": follow_up.id,
        "channel": follow_up.kind,
        "note": follow_up.note,
        "account": account.name if account else None,
        "due_time": follow_up.due_time,
    }


def _joins_batch(item: OutboxItem) -> bool:
    """Rows that travel in a person's batched message: their reminders and, on the day it
    falls in a batch, their morning agenda."""
    return item.kind in WORK_KINDS and bool(item.payload.get("batched"))


def _locale(tx: Tx, person_id: int) -> str:
    return tx.people.get_person(person_id).locale


def _retry_after(exc: BaseException) -> float | None:
    """Seconds the platform asked to wait, whatever shape the adapter's error gives them."""
    value = getattr(exc, "retry_after", None)
    if value is None:
        return None
    if isinstance(value, timedelta):
        return value.total_seconds()
    try:
        return max(0.0, float(value))
    except (TypeError, ValueError):
        return None


def _describe(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:500]
