"""Scheduled cadence work and the outbox dispatcher's lifetime; the one place that reads the
clock (through the app's `now`).

The scheduler only keeps time: each tick runs an indexed query on the store (see scan.py), so a
million enrolments cost one job, not a million. bot/app.py turns `SCHEDULE` into its JobSpecs
and runs `install_cadences` with the other installers at start.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from cadence_jobs import scan, workflow
from cadence_jobs.clock import utc_now
from cadence_jobs.definitions import load_all, to_dict
from cadence_jobs.dispatcher import Dispatcher
from cadence_jobs.leadership import LEADERSHIP, delivery
from storage.audit import Actor
from storage.interface import Tx

log = logging.getLogger(__name__)

SERVICE = "outbox_dispatcher"
TASK = "outbox_dispatcher_task"
# services key: a callable told each delivery's outcome (the app's metrics)
DELIVERY_OBSERVER = "delivery_observer"
# services key: the cadence_jobs.presenter.Presenter that words reminders, agendas and alerts
# (handlers implements it; the engine never imports handlers)
PRESENTER = "presenter"


def install_cadences(tx: Tx, settings: Any) -> int:
    """Installer: the built-in cadences plus the configured folder, into the cadences table.

    Raises:
        cadence_jobs.definitions.CadenceError: a custom file is broken (names file and field).
    """
    now = utc_now()
    found = load_all(getattr(settings, "cadence_folder", None))
    actor = Actor.system("init")
    for cadence in found.values():
        if cadence.replaces_builtin:  # deliberate, but worth a line at every start
            log.warning(
                "custom cadence %s from %s replaces the built-in one", cadence.key, cadence.file
            )
    changed = 0
    for source in ("builtin", "custom"):
        data = [to_dict(c) for c in found.values() if c.source == source]
        changed += tx.cadences.install(data, source, actor, now)
    return changed


def dispatcher_for(app: Any) -> Dispatcher:
    """The process's one dispatcher, delivering through the running adapters."""
    existing = app.services.get(SERVICE)
    if existing is None:
        leadership = app.services.get(LEADERSHIP)
        shared = leadership is not None and not leadership.solo
        existing = Dispatcher(
            app.store,
            {name: adapter.deliver for name, adapter in app.adapters.items()},
            app.settings.options(),
            app.now,
            presenter=app.services[PRESENTER],
            observe=app.services.get(DELIVERY_OBSERVER),
            claim_as=leadership.holder if shared else None,
            may_deliver=(lambda p: leadership.holds(delivery(p))) if shared else None,
        )
        app.services[SERVICE] = existing
    return existing


async def ensure_dispatcher(app: Any) -> None:
    """Start the dispatcher task, or restart it if it died (checked on every tick)."""
    task = app.services.get(TASK)
    if task is not None and not task.done():
        return
    if task is not None and task.done() and not task.cancelled() and task.exception():
        log.error("outbox dispatcher stopped: %r; restarting", task.exception())
    dispatcher = dispatcher_for(app)
    app.services[TASK] = asyncio.ensure_future(dispatcher.run(app.stopping))


async def stop_dispatcher(app: Any) -> None:
    task = app.services.pop(TASK, None)
    if task is not None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task


async def due_scan(app: Any) -> None:
    """Resume paused enrolments that reached their date, then queue every due step."""
    now, options = app.now(), app.settings.options()
    await app.store.write(workflow.resume_paused, now, options)
    queued = await app.store.write(scan.queue_due, now, options)
    await ensure_dispatcher(app)
    if queued:
        log.info("due scan queued %d reminder(s)", queued)
        dispatcher_for(app).wake()


async def morning_agendas(app: Any) -> None:
    queued = await app.store.write(
        scan.queue_agendas, app.now(), app.settings.options(), app.services[PRESENTER]
    )
    if queued:
        dispatcher_for(app).wake()


async def inactivity(app: Any) -> None:
    options = app.settings.options()
    queued = await app.store.write(
        scan.flag_idle, app.now(), options, app.services[PRESENTER], options.stalled_days
    )
    if queued:
        dispatcher_for(app).wake()


# (id, coroutine function taking the app, APScheduler trigger, trigger arguments). The due scan
# runs twice a minute so a step is reminded at most ~30 s late; the app's scheduler coalesces
# missed ticks and gives them a generous misfire grace, so a suspended laptop catches up once.
# Jobs every process runs (the rest run only on the holder of the `jobs` lease): the watchdog
# keeps this process's dispatcher alive, which itself delivers only what this process leads.
EVERY_PROCESS = frozenset({"outbox.watchdog"})

SCHEDULE: list[tuple[str, Any, str, dict[str, Any]]] = [
    ("cadence.due_scan", due_scan, "interval", {"seconds": 30}),
    ("cadence.agendas", morning_agendas, "interval", {"minutes": 5}),
    ("cadence.inactivity", inactivity, "interval", {"hours": 1}),
    ("outbox.watchdog", ensure_dispatcher, "interval", {"seconds": 60}),
]
