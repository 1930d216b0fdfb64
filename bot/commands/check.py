"""`ritmo check`: is this machine ready for `ritmo run`? One line per item, ok or problem.

Run before the bot on a deployed machine (and after an upgrade): it reads the settings, looks
at the store without changing it, and asks each configured platform once who the token
belongs to, through the same SDK calls `ritmo run` makes at start. It never migrates, sends or
starts anything, so it is safe beside a running bot. Exit status: 0 when every line is ok, 1
when the store or a platform has a problem, 2 when the settings themselves are wrong (as for
every other command).
"""

from __future__ import annotations

import argparse
import asyncio
import os
from collections.abc import Awaitable
from dataclasses import dataclass
from pathlib import Path

from bot import channels
from bot.config import Settings, spoken_locale
from bot.errors import ConfigError, UserError
from handlers.kernel import i18n
from storage import backends, daily_backups, inspection
from storage.errors import NotAStore, StoreError


@dataclass(frozen=True)
class Finding:
    """One line of the report: which item, whether it is fine, and the sentence about it."""

    item: str
    ok: bool
    detail: str

    def line(self, locale: str) -> str:
        mark = i18n.t(locale, "check.ok" if self.ok else "check.problem")
        # A platform's line is named by the platform itself, the same in every language.
        label = (
            self.item
            if self.item in channels.names()
            else i18n.t(locale, "check.item." + self.item)
        )
        return f"{mark} {label}: {self.detail}"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check", help="is this machine ready for `ritmo run`? (settings, store, platform tokens)"
    )
    p.set_defaults(func=check, reports_settings=True)


def check(args: argparse.Namespace, _settings: Settings | None = None) -> int:
    """Print one line per item; see the module docstring for the exit status."""
    locale = spoken_locale()
    try:
        settings = Settings.from_env()
    except ConfigError as exc:
        print(Finding("config", False, str(exc)).line(locale))
        return 2
    locale = settings.locale
    findings = [config_finding(settings), store_finding(settings), backup_finding(settings)]
    findings += asyncio.run(platform_findings(settings))
    for finding in findings:
        print(finding.line(locale))
    return 0 if all(f.ok for f in findings) else 1


def config_finding(settings: Settings) -> Finding:
    locale = settings.locale
    source = settings.config_path or i18n.t(locale, "check.config_source_env")
    platforms = settings.enabled_channels()
    shown = ", ".join(platforms) or i18n.t(
        locale, "check.no_platform", variables=channels.enabling_variables(locale)
    )
    return Finding(
        "config", True, i18n.t(locale, "check.config_ok", source=source, platforms=shown)
    )


def _server_finding(settings: Settings) -> Finding:
    """A server store is reachable, or the sentence saying why not (never migrated here)."""
    where = settings.store_display
    try:
        backends.connect_sync(settings.store_url, migrate_schema=False).close()
    except StoreError as exc:
        text = i18n.t(settings.locale, "check.server_unreachable", store=where, reason=exc)
        return Finding("store", False, text)
    return Finding("store", True, i18n.t(settings.locale, "check.server_ok", store=where))


def store_finding(settings: Settings) -> Finding:
    """The store as the next start would find it; never migrated or written here."""
    locale, path = settings.locale, settings.db_path
    if settings.on_server:
        return _server_finding(settings)
    if not path.is_file():
        return Finding("store", False, i18n.t(locale, "check.store_missing", path=path))
    try:
        state = inspection.inspect(path)
    except NotAStore as exc:
        return Finding(
            "store", False, i18n.t(locale, "check.not_a_store", path=path, reason=exc.reason)
        )
    facts = {"path": path, "version": state.version, "latest": state.latest}
    if state.pending < 0:
        return Finding("store", False, i18n.t(locale, "check.store_too_new", **facts))
    if state.integrity != "ok":
        return Finding(
            "store",
            False,
            i18n.t(locale, "check.store_damaged", path=path, detail=state.integrity),
        )
    key = "check.store_pending" if state.pending else "check.store_ok"
    return Finding("store", True, i18n.t(locale, key, **facts))


def backup_finding(settings: Settings) -> Finding:
    """Whether daily copies can be written, and when the last one was taken."""
    locale, folder = settings.locale, settings.backup_folder
    if folder is None:
        return Finding("backup", True, i18n.t(locale, "check.backup_off"))
    if not _writable(folder):
        return Finding("backup", False, i18n.t(locale, "check.backup_unwritable", folder=folder))
    last = daily_backups.last(folder, settings.db_path)
    if last is None:
        return Finding("backup", True, i18n.t(locale, "check.backup_none", folder=folder))
    return Finding(
        "backup",
        True,
        i18n.t(
            locale,
            "check.backup_last",
            folder=folder,
            at=last.isoformat(),
            keep=settings.backup_keep,
        ),
    )


def _writable(folder: Path) -> bool:
    """The folder, or the nearest existing folder above it (the job creates the rest)."""
    while not folder.exists() and folder.parent != folder:
        folder = folder.parent
    return folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)


async def platform_findings(settings: Settings) -> list[Finding]:
    """Each configured platform's "who am I" call, asked at the same time."""
    locale = settings.locale
    asks: list[tuple[str, Awaitable[str]]] = [
        (spec.name, spec.who_am_i(settings, locale))
        for spec in channels.registered()
        if spec.who_am_i is not None and spec.enabled(settings)
    ]
    answers = await asyncio.gather(*(ask for _, ask in asks), return_exceptions=True)
    findings = []
    for (item, _), answer in zip(asks, answers, strict=True):
        if isinstance(answer, UserError):
            findings.append(Finding(item, False, str(answer)))
        elif isinstance(answer, BaseException):
            raise answer
        else:
            findings.append(Finding(item, True, i18n.t(locale, "check.platform_ok", who=answer)))
    return findings
