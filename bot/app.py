"""The composition root: settings → store → handlers → adapters → scheduler, in one place.

Everything that varies by capability is a list here, in a fixed order: the routers (first match
wins), the installers run by `ritmo init`, the adapters `ritmo run` may start, and the periodic
jobs. A capability joins the process by adding one entry to the right list.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import ipaddress
import logging
import signal
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from aiohttp import web
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot import channels, leaders
from bot import inbox as inbox_journal
from bot.ai.service import AIService
from bot.channels.base import Adapter
from bot.config import Settings
from bot.errors import UserError
from bot.logs import bound
from bot.metrics import CONTENT_TYPE, Metrics
from bot.runlock import RunLock
from cadence_jobs import digest as digest_job
from cadence_jobs import jobs as cadence_schedule
from cadence_jobs.clock import utc_now
from cadence_jobs.leadership import JOBS as JOBS_ROLE
from handlers.ai import confirm as ai_confirm
from handlers.ai import voice as ai_voice
from handlers.conversation import (
    ask_account,
    ask_agenda,
    ask_book,
    ask_pipeline,
    ask_team,
    away,
    cadence_actions,
    cadence_enrol,
    cadence_unenrol,
    checkin,
    deal_changes,
    preferences,
    tasks,
)
from handlers.conversation import log as log_handlers
from handlers.conversation.presenter import ChatPresenter
from handlers.kernel import asking, core, discovery, i18n, paging, records
from handlers.kernel.dispatch import Dispatcher, Parser
from handlers.kernel.router import Router
from handlers.reports import digest
from storage import backends, daily_backups
from storage.audit import Actor
from storage.errors import StoreUnavailable
from storage.interface import Store, Tx
from storage.timefmt import from_db

log = logging.getLogger(__name__)

# /healthz answers 503 when the oldest due outbox row has waited longer than this: the
# dispatcher is stuck or a platform has been refusing for that long.
BACKLOG_MAX_AGE = timedelta(minutes=5)
HEALTH_STORE_TIMEOUT_S = 5.0
# How long SIGTERM waits for in-flight handling and deliveries before closing anyway.
SHUTDOWN_GRACE_S = 10.0


def build_routers() -> list[Router]:
    """Routers in the order they are tried; the core (link, help) comes first."""
    return [
        core.router,
        ai_voice.router,  # a voice note, heard when a transcription model is set
        checkin.router,  # a shared location or a bare photo/voice
        preferences.router,  # "meu horário é das 8 às 17": before the intent parser
        asking.router,
        log_handlers.router,
        deal_changes.router,
        cadence_actions.router,
        cadence_enrol.router,
        cadence_unenrol.router,
        away.router,
        tasks.router,
        records.router,
        digest.router,
        ask_agenda.router,
        ask_account.router,
        ask_pipeline.router,
        ask_team.router,
        ask_book.router,
        paging.router,
        *discovery.plugin_routers(),  # handlers/plugins/: intents that are one module each
        ai_confirm.router,  # what the optional model read, and its confirm cards
    ]


def build_parser() -> Parser | None:
    """The text → intent parser used for messages no router check claimed: the rules, and
    the optional model where they are unsure (a no-op without RITMO_AI_BASE_URL)."""
    return ai_confirm.parser


def _install_stages(tx: Tx, settings: Settings) -> int:
    return tx.stages.install_stages(settings.stages, Actor.system("init"))


# Installers run by `ritmo init` (and before `run`/`demo`), each in its own transaction:
# fn(tx, settings) -> number of things changed.
def _install_team_targets(tx: Tx, settings: Settings) -> int:
    teams = settings.extra.get("teams", {}) if settings.extra else {}
    return digest_job.apply_team_targets(tx, teams, Actor.system("init"), utc_now())


INSTALLERS: list[Callable[[Any, Settings], int]] = [
    _install_stages,
    cadence_schedule.install_cadences,
    _install_team_targets,
]


@dataclass(frozen=True)
class JobSpec:
    """A periodic job; the scheduler only keeps time, the job finds its work in the store."""

    id: str
    func: Callable[[App], Awaitable[None]]
    trigger: str = "interval"
    trigger_args: dict[str, Any] = field(default_factory=lambda: {"seconds": 60})
    # False: only the process holding the `jobs` lease runs it (bot/leaders.py).
    every_process: bool = False


async def _queue_digests(app: App) -> None:
    assert app.store is not None
    options = app.settings.options()
    build = digest.outbox_builder(app.store, options)
    queued = await digest_job.queue_digests(
        app.store,
        app.now(),
        build,
        digest.holiday_calendar(options),
        digest_job.parse_time(options.digest_time),
        options.default_timezone,
    )
    if queued:
        app.metrics.digests_queued.inc(queued)


async def _snapshot_forecasts(app: App) -> None:
    assert app.store is not None
    await digest_job.snapshot_forecasts(
        app.store, app.now(), digest.team_forecast, app.settings.options().default_timezone
    )


BACKUP_SERVICE = "backup"  # services key: how the last daily backup attempt went


async def _daily_backup(app: App) -> None:
    """A copy of the store once a day into `[backup] folder`, the newest `keep` kept."""
    folder = app.settings.backup_folder
    if folder is None or app.store is None:
        return
    try:
        copy = await daily_backups.run_daily(
            app.store, folder, app.settings.backup_keep, app.now()
        )
    except OSError as exc:
        # Said in /healthz too: a backup that silently stops is the one nobody notices.
        app.services[BACKUP_SERVICE] = f"error: {exc.strerror or type(exc).__name__}"
        log.error("daily backup into %s failed: %s", folder, exc)
        return
    app.services[BACKUP_SERVICE] = "ok"
    if copy is not None:
        log.info("daily backup written to %s", copy)


async def _prune_inbox(app: App) -> None:
    assert app.store is not None
    await inbox_journal.prune(app.store, app.now(), app.settings.inbox_keep_days)


JOBS: list[JobSpec] = [
    JobSpec(job_id, func, trigger, args, job_id in cadence_schedule.EVERY_PROCESS)
    for job_id, func, trigger, args in cadence_schedule.SCHEDULE
] + [
    JobSpec("digest", _queue_digests),
    JobSpec("forecast_snapshot", _snapshot_forecasts, trigger_args={"minutes": 15}),
    # Checks every 10 minutes whether a day has passed since the newest copy in the folder.
    JobSpec("daily_backup", _daily_backup, trigger_args={"minutes": 10}),
    JobSpec("inbox.prune", _prune_inbox, trigger_args={"hours": 1}),
]


class App:
    """One running ritmo: the store, the dispatcher, adapters, the web server and the scheduler."""

    def __init__(self, settings: Settings, *, now: Callable[[], datetime] = utc_now) -> None:
        self.settings = settings
        self.now = now
        self.store: Store | None = None
        self.dispatcher: Dispatcher | None = None
        self.adapters: dict[str, Adapter] = {}
        self.web = web.Application(client_max_size=1024 * 1024, middlewares=[_request_context])
        self.web.router.add_get("/healthz", self._healthz)
        self.web.router.add_get("/metrics", self._metrics)
        self.metrics = Metrics()
        self.scheduler: AsyncIOScheduler | None = None
        self._runner: web.AppRunner | None = None
        self.services: dict[str, Any] = {}
        self.stopping = asyncio.Event()
        self._jobs_running: set[asyncio.Task[Any]] = set()
        self.services[cadence_schedule.DELIVERY_OBSERVER] = self.metrics.delivery
        self.services[cadence_schedule.PRESENTER] = ChatPresenter()
        ai = AIService.from_settings(settings, self.metrics)
        if ai is not None:
            self.services["ai"] = ai
        self.services["downloads"] = {}  # platform -> fetch a file by its id (voice notes)

    async def open(self) -> None:
        """Open and migrate the store, run the installers, build the dispatcher."""
        self.store = await backends.connect(self.settings.store_url)
        self.store.on_commit = self.metrics.store_commit
        try:
            for install in INSTALLERS:
                await self.store.write(install, self.settings)
        except BaseException:
            await self.close()
            raise
        # The parser recognises the configured stages by key and both labels.
        # …and the installed cadences by key and both names ("no follow_up", "na Nutrição").
        self.services["cadence_words"] = tuple(
            (c.key, c.name_pt, c.name_en)
            for c in await self.store.read(lambda tx: tx.cadences.list_all())
        )
        self.services["stage_words"] = tuple(
            (st.key, st.label_pt, st.label_en) for st in self.settings.stages
        )
        self.dispatcher = Dispatcher(
            build_routers(),
            self.store,
            self.settings.options(),
            self.now,
            build_parser(),
            self.services,
        )

    def build_adapters(self) -> dict[str, Adapter]:
        """Every registered channel these settings turn on, built but not started."""
        built: dict[str, Adapter] = {}
        for spec in channels.registered():
            if spec.build is None or not spec.enabled(self.settings):
                continue
            adapter = spec.build(self)
            if adapter is None:
                continue
            # The registry is what says which platforms exist (the store accepts any name):
            # a channel journals and is reached under the name it is listed by, no other.
            if adapter.platform != spec.name:
                raise channels.UnknownPlatform(adapter.platform)
            built[spec.name] = adapter
        return built

    async def start_adapters(self) -> None:
        for name, adapter in self.build_adapters().items():
            self.adapters[name] = adapter
            self.instrument(adapter)
            self.lend_files(adapter)
        if not self.adapters:
            locale = self.settings.locale
            raise UserError(
                i18n.t(locale, "app.nothing_to_run", variables=channels.enabling_variables(locale))
            )
        for adapter in self.adapters.values():
            await adapter.start()

    def instrument(self, adapter: Adapter) -> None:
        """Count what an adapter's inbox worker handles (adapters with no inbox, the console,
        have nothing to count)."""
        worker = getattr(adapter, "worker", None)
        if worker is not None:
            worker.observer = self.metrics.update_handled
            worker.claim_as = leaders.claim_name(self)

    def lend_files(self, adapter: Adapter) -> None:
        """Let the handlers fetch a file a person sent on this platform (a voice note), through
        the adapter's own client; handlers never see the platform."""
        download = getattr(adapter, "download", None)
        if download is not None:
            self.services["downloads"][adapter.platform] = download

    async def start_web(self) -> None:
        self._runner = web.AppRunner(self.web, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.settings.http_host, self.settings.http_port)
        try:
            await site.start()
        except OSError as exc:
            raise UserError(
                i18n.t(
                    self.settings.locale,
                    "app.cannot_listen",
                    host=self.settings.http_host,
                    port=self.settings.http_port,
                    reason=exc.strerror,
                )
            ) from None

    def start_scheduler(self) -> None:
        # A tick delayed by load or a suspended machine still runs once (coalesced) instead of
        # being dropped: APScheduler's default misfire grace is one second.
        self.scheduler = AsyncIOScheduler(
            timezone="UTC",
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 3600},
        )
        for spec in JOBS:
            # Interval jobs also run once right away: after a restart, due reminders and the
            # outbox are picked up at once, not one interval later.
            first = {"next_run_time": self.now()} if spec.trigger == "interval" else {}
            self.scheduler.add_job(
                self._run_job, spec.trigger, args=[spec], id=spec.id, **first, **spec.trigger_args
            )
        self.scheduler.start()

    async def _run_job(self, spec: JobSpec) -> None:
        if not spec.every_process and not leaders.leads(self, JOBS_ROLE):
            return  # another process on this store holds the jobs lease
        task = asyncio.current_task()
        if task is not None:
            self._jobs_running.add(task)
        started = time.perf_counter()
        try:
            await spec.func(self)
        except Exception:
            log.exception("scheduled job %s failed", spec.id)
        finally:
            self.metrics.job_ran(spec.id, time.perf_counter() - started)
            if task is not None:
                self._jobs_running.discard(task)

    async def _healthz(self, request: web.Request) -> web.Response:
        """The store writable, the scheduler alive, deliveries per platform, the outbox backlog;
        503 when any of them is unhealthy (or the process is shutting down)."""
        report = await self.health()
        return web.json_response(report, status=200 if report["status"] == "ok" else 503)

    async def _metrics(self, request: web.Request) -> web.Response:
        """Prometheus text format. With `metrics_token` set, only for `Authorization: Bearer
        <token>` (401 otherwise); without one, only for a loopback client that came through
        no proxy, so a bot listening on 0.0.0.0 does not publish its numbers (404 elsewhere)."""
        token = self.settings.metrics_token
        if token is not None:
            given = request.headers.get("Authorization", "")
            if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
                return web.Response(
                    status=401,
                    text="a bearer token is required\n",
                    headers={"WWW-Authenticate": 'Bearer realm="ritmo"'},
                )
        elif not _loopback(request):
            raise web.HTTPNotFound()
        await self._refresh_gauges()
        return web.Response(body=self.metrics.render(), headers={"Content-Type": CONTENT_TYPE})

    async def _refresh_gauges(self) -> None:
        """What is read from the store rather than counted: the outbox backlog and the newest
        daily backup."""
        outage = getattr(self.store, "outage", None)  # PostgreSQL's (storage.postgres.link)
        if outage is not None:
            self.metrics.store_outages.set(outage.outages)
            self.metrics.store_reconnects.set(outage.reconnects)
        outbox_now = await self._outbox_health(self.now())
        self.metrics.outbox_backlog.set(outbox_now.get("backlog", 0))
        self.metrics.outbox_oldest.set(outbox_now.get("oldest_due_s", 0.0))
        if self.settings.backup_folder is not None:
            taken = daily_backups.last(self.settings.backup_folder, self.settings.db_path)
            self.metrics.backup_last.set(taken.timestamp() if taken else 0)

    async def health(self) -> dict[str, Any]:
        """What /healthz reports, as data."""
        now = self.now()
        problems: list[str] = []
        report: dict[str, Any] = {"store": await self._store_health(now)}
        if report["store"] != "ok":
            problems.append("store")
        scheduler_ok = self.scheduler is not None and self.scheduler.running
        report["scheduler"] = "ok" if scheduler_ok else "stopped"
        if not scheduler_ok:
            problems.append("scheduler")
        delivered = getattr(self.services.get(cadence_schedule.SERVICE), "last_delivery", {})
        report["platforms"] = {
            name: {"last_delivery": delivered[name].isoformat() if name in delivered else None}
            for name in sorted(self.adapters)
        }
        report["outbox"] = await self._outbox_health(now)
        report["leadership"] = leaders.health(self)
        if report["outbox"].get("oldest_due_s", 0) > BACKLOG_MAX_AGE.total_seconds():
            problems.append("outbox")
        if self.settings.backup_folder is not None:
            report["backup"] = self._backup_health()
            if report["backup"]["state"] != "ok":
                problems.append("backup")
        if "ai" in self.services:
            report["ai"] = await self._ai_health(now)
        if self.stopping.is_set():
            problems.append("stopping")
        report["status"] = "ok" if not problems else "unhealthy"
        report["problems"] = problems
        return report

    async def _ai_health(self, now: datetime) -> dict[str, Any]:
        """The optional model's last 24 hours: calls by outcome and the tokens they cost, and how
        the last call went (a failing endpoint never makes ritmo unhealthy: the rules answer
        alone). Never the key."""
        assert self.store is not None
        tally = await self.store.read(lambda tx: tx.ai_calls.tally(now - timedelta(days=1)))
        return {
            "model": self.settings.ai_model,
            "transcribe_model": self.settings.ai_transcribe_model,
            "calls_24h": tally.by_outcome,
            "prompt_tokens_24h": tally.prompt_tokens,
            "completion_tokens_24h": tally.completion_tokens,
            "last_call": getattr(self.services["ai"], "last_call", None),
        }

    def _backup_health(self) -> dict[str, Any]:
        """When the newest daily copy was taken (read from the folder, so it survives a
        restart) and whether the last attempt worked."""
        assert self.settings.backup_folder is not None
        taken = daily_backups.last(self.settings.backup_folder, self.settings.db_path)
        return {
            "last": taken.isoformat() if taken else None,
            "state": self.services.get(BACKUP_SERVICE, "ok"),
        }

    async def _store_health(self, now: datetime) -> str:
        if self.store is None:
            return "closed"
        try:
            await asyncio.wait_for(
                self.store.write(lambda tx: tx.kv.probe("health.last_write", now.isoformat())),
                HEALTH_STORE_TIMEOUT_S,
            )
        except TimeoutError:
            return "error: no write within 5 s"
        except StoreUnavailable as exc:
            if exc.kind == "reconnecting":  # a database server away: the store tries again
                return "reconnecting"
            return f"error: {exc.sentence}"
        except Exception as exc:
            return f"error: {type(exc).__name__}"
        return "ok"

    async def _outbox_health(self, now: datetime) -> dict[str, Any]:
        if self.store is None:
            return {}
        try:
            backlog = await self.store.read(lambda tx: tx.outbox.backlog(now))
            oldest = await self.store.read(lambda tx: tx.outbox.due(now, 1))
        except Exception as exc:
            return {"error": type(exc).__name__}
        waited = (now - from_db(oldest[0].next_attempt_at)).total_seconds() if oldest else 0.0
        return {"backlog": backlog, "oldest_due_s": round(max(0.0, waited), 1)}

    async def run_forever(self) -> None:
        """`ritmo run`: everything configured, until SIGTERM or SIGINT."""
        await self.open()
        # Tells a big `ritmo import` that the bot runs on this store (see bot/runlock.py). A
        # server store has no file to lock, and several processes may share it.
        run_lock = RunLock(self.settings.db_path)
        if not self.settings.on_server and not run_lock.acquire():
            log.warning("another ritmo run seems to use %s", self.settings.db_path)
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(sig, self.stopping.set)
        try:
            await self.start_adapters()
            await leaders.start(self)
            await self.start_web()
            self.start_scheduler()
            log.info("ritmo running: %s", ", ".join(sorted(self.adapters)))
            await self.stopping.wait()
            log.info("ritmo stopping: finishing what is in flight")
        finally:
            await self.close()
            run_lock.release()
        log.info("ritmo stopped")

    async def close(self) -> None:
        """Stop taking new work, finish what is in flight, close the store.

        The order matters: the web server stops taking webhooks first; scheduled ticks in
        progress finish their transaction; the dispatcher finishes the sends it began (a send
        cut off mid-call could repeat a message after restart) while the adapters' clients are
        still open; then the adapters stop polling and finish the updates they are handling
        (what was journaled but not started stays pending for the next start); the store
        closes last.
        """
        self.stopping.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self.scheduler and self.scheduler.running:
            # Pause first and let a tick in progress finish its transaction: shutting down
            # APScheduler's asyncio executor cancels running jobs mid-write.
            self.scheduler.pause()
            if self._jobs_running:
                await asyncio.wait(set(self._jobs_running), timeout=SHUTDOWN_GRACE_S)
            self.scheduler.shutdown(wait=False)
        delivering = self.services.get(cadence_schedule.TASK)
        if delivering is not None and not delivering.done():
            # `stopping` ends the dispatcher's loop after its current round.
            await asyncio.wait({delivering}, timeout=SHUTDOWN_GRACE_S)
        await cadence_schedule.stop_dispatcher(self)
        if self.store is not None:
            await leaders.stop(self)  # a standby takes the roles over at once
        for adapter in self.adapters.values():
            try:
                await asyncio.wait_for(adapter.stop(), SHUTDOWN_GRACE_S)
            except Exception:
                log.exception("stopping the %s adapter failed", adapter.platform)
        ai = self.services.get("ai")
        if ai is not None:
            await ai.close()
        if self.store is not None:
            await self.store.close()
            self.store = None


def _loopback(request: web.Request) -> bool:
    """A client on this machine that no proxy forwarded (a proxy on the same host would make a
    public request look local)."""
    if "X-Forwarded-For" in request.headers or "Forwarded" in request.headers:
        return False
    try:
        return ipaddress.ip_address(request.remote or "").is_loopback
    except ValueError:
        return False


@web.middleware
async def _request_context(
    request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
) -> web.StreamResponse:
    """Tag every line logged while serving a request with its id (the caller's, if it sent one),
    and refuse a JSON body that is not a JSON object before any handler sees it: every webhook
    ritmo serves takes an object, and SDKs behind them fail with a 500 on anything else."""
    request_id = request.headers.get("X-Request-Id", "")[:64] or uuid.uuid4().hex[:12]
    with bound(request_id=f"http:{request_id}"):
        if request.method == "POST" and request.content_type == "application/json":
            try:
                body = await request.json()  # aiohttp keeps the bytes for the handler
            except ValueError:
                body = None
            if not isinstance(body, dict):
                return web.json_response({"error": "the body must be a JSON object"}, status=400)
        return await handler(request)
