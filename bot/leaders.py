"""The running app's leadership: which roles this process asks for, starting and stopping the
renewal loop, and what /healthz says about it (see cadence_jobs/leadership.py for the rules).

On SQLite one process owns the store, so it holds every role at once and nothing changes; on
PostgreSQL the periodic jobs run on the holder of `jobs` and each platform's delivery on the
holder of `delivery:<platform>`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta
from typing import Any

from cadence_jobs.jobs import dispatcher_for
from cadence_jobs.leadership import JOBS, LEADERSHIP, Leadership, delivery, new_holder
from handlers.kernel import i18n
from storage import backends

log = logging.getLogger(__name__)

TASK = "leadership_task"  # services key: the renewal loop
HOLDER = "holder"  # services key: this process's name in leases and claims
WAKE_TASK = "outbox_wake_task"  # services key: the PostgreSQL NOTIFY listener


def backend(app: Any) -> str:
    """Which storage backend this process runs on (`sqlite`, `postgresql`)."""
    return backends.backend_of(app.settings.store_url)


def polling_telegram(app: Any) -> bool:
    """Telegram runs with long polling (no webhook URL): getUpdates has one consumer."""
    return "telegram" in app.adapters and not app.settings.telegram_webhook_url


def claim_name(app: Any) -> str | None:
    """The name this process claims inbox and outbox rows under, on a store other processes
    may share (None on SQLite, where nothing is claimed)."""
    if backend(app) == "sqlite":
        return None
    return str(app.services.setdefault(HOLDER, new_holder()))


async def start(app: Any) -> Leadership:
    """Ask for the jobs and every running platform's delivery, renew until the app stops."""
    solo = backend(app) == "sqlite"
    roles = [JOBS, *(delivery(name) for name in sorted(app.adapters))]
    ttl = timedelta(seconds=app.settings.lease_ttl)
    leadership = Leadership(app.store, roles, app.now, holder=claim_name(app), ttl=ttl, solo=solo)
    app.services[LEADERSHIP] = leadership
    if solo:
        return leadership
    if polling_telegram(app):
        log.warning(i18n.t(app.settings.locale, "app.telegram_polling_shared"))
    await leadership.tick()
    app.services[TASK] = asyncio.ensure_future(leadership.run(app.stopping))
    _listen_for_outbox(app)
    return leadership


def _listen_for_outbox(app: Any) -> None:
    """Wake this process's dispatcher when any process queues a message (PostgreSQL NOTIFY;
    the dispatcher's poll stays the fallback)."""

    def nudge() -> None:
        dispatcher_for(app).wake()

    listening = backends.listen_for_outbox(app.store, nudge, app.stopping)
    app.services[WAKE_TASK] = asyncio.ensure_future(listening)


async def stop(app: Any) -> None:
    """Stop renewing and hand every role back, so a standby takes over at once."""
    for key in (WAKE_TASK, TASK):
        task = app.services.pop(key, None)
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
    leadership = app.services.get(LEADERSHIP)
    if leadership is not None:
        await leadership.release()


def leads(app: Any, role: str) -> bool:
    """Whether this process may act in `role` (always, before leadership started: tests and
    tools that drive the app by hand run alone)."""
    leadership = app.services.get(LEADERSHIP)
    return leadership is None or bool(leadership.holds(role))


def health(app: Any) -> dict[str, Any]:
    """/healthz's view: the backend, this process's roles with their lease ages, and a warning
    when Telegram polls while other processes share the store."""
    report: dict[str, Any] = {"backend": backend(app)}
    leadership = app.services.get(LEADERSHIP)
    if leadership is not None:
        report.update(leadership.report())
        if polling_telegram(app) and leadership.others:
            report["warning"] = i18n.t(app.settings.locale, "app.telegram_polling_shared")
    return report
