"""`ritmo import`, `ritmo export` and `ritmo restore`."""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot import runlock
from bot.commands.common import require_store, say, say_n
from bot.config import Settings
from bot.errors import UserError
from handlers.transfer import export, presets, report
from handlers.transfer.columns import KINDS, map_columns
from handlers.transfer.importer import ImportOptions, run_import
from handlers.transfer.reading import TableError, read_table
from handlers.transfer.records import parse_rows
from storage import backends, backups
from storage import transfer as bulk
from storage.audit import CLI
from storage.interface import Tx


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="import accounts, contacts or deals from a CSV export")
    p.add_argument("kind", choices=KINDS)
    p.add_argument("file", help="CSV (any delimiter, UTF-8 or Latin-1) or JSON lines")
    p.add_argument("--preset", choices=presets.PRESETS, help="the CRM the file was exported from")
    p.add_argument(
        "--dry-run", action="store_true", help="report what would change; write nothing"
    )
    p.add_argument("--strict", action="store_true", help="write nothing if any row is rejected")
    p.set_defaults(func=import_file, quiet_log=True)

    p = sub.add_parser("export", help="export records as CSV or JSON lines (import reads them)")
    p.add_argument("kind", choices=(*KINDS, "interactions"))
    p.add_argument("--format", choices=export.FORMATS, default="csv")
    p.add_argument("--out", help="file to write (default: standard output)")
    p.set_defaults(func=export_records, quiet_log=True)

    p = sub.add_parser("restore", help="replace the store with a backup")
    p.add_argument("file", help="a file written by `ritmo backup`")
    p.add_argument("--force", action="store_true", help="replace an existing store")
    p.set_defaults(func=restore, quiet_log=True)


# --- import -------------------------------------------------------------------------------------


def _progress(rows: list[tuple[int, list[str]]], label: str) -> Iterable[tuple[int, list[str]]]:
    """A progress bar on stderr when it is a terminal; the rows untouched otherwise."""
    if not sys.stderr.isatty():
        return rows
    try:
        from tqdm import tqdm
    except ImportError:  # the bar is a nicety; the import works without it
        return rows
    return tqdm(rows, desc=label, unit=" rows", file=sys.stderr, leave=False)


# An import is one transaction holding SQLite's write lock; this many rows write in well under
# a second, a pause the running bot's writer (busy_timeout 10 s) rides out. Past it, an import
# while the bot runs is refused rather than stalling every chat for its whole length.
RUNNING_IMPORT_MAX_ROWS = 5_000


def import_file(args: argparse.Namespace, settings: Settings) -> int:
    require_store(settings)
    path = Path(args.file)
    if not path.is_file():
        raise UserError(say(settings, "cli.missing_file", path=path))
    try:
        table = read_table(path.read_bytes())
        columns = map_columns(args.kind, table.headers, args.preset)
    except TableError as problem:
        raise UserError(say(settings, problem.key, **problem.params)) from None
    _refuse_while_running(settings, len(table.rows), args.dry_run)
    parsed = parse_rows(
        args.kind, columns, _progress(table.rows, say(settings, "transfer.reading"))
    )
    if sys.stderr.isatty():
        step = "cli.transfer.checking" if args.dry_run else "cli.transfer.writing"
        sys.stderr.write(say(settings, step) + "\n")
    options = ImportOptions(CLI, datetime.now(UTC), path.name, args.dry_run, args.strict)

    async def go():
        async with backends.open_store(settings.store_url) as store:
            run = store.read if args.dry_run else store.write
            return await run(run_import, parsed, options)

    outcome = asyncio.run(go())
    print(
        report.render(
            outcome.plan.summary, settings.locale, applied=outcome.applied, dry_run=args.dry_run
        )
    )
    return 0 if outcome.applied or args.dry_run else 1


def _refuse_while_running(settings: Settings, rows: int, dry_run: bool) -> None:
    """A large import would hold the write lock for its whole length: not under a running bot.

    Raises:
        UserError: `ritmo run` uses this store and the file is past RUNNING_IMPORT_MAX_ROWS.
    """
    if dry_run or rows <= RUNNING_IMPORT_MAX_ROWS or settings.on_server:
        return  # a server store takes other writers beside a long transaction
    pid = runlock.holder(settings.db_path)
    if pid is not None:
        raise UserError(
            say(
                settings,
                "cli.import.bot_running",
                pid=pid or "?",
                rows=rows,
                limit=RUNNING_IMPORT_MAX_ROWS,
            )
        )


# --- export -------------------------------------------------------------------------------------


def export_records(args: argparse.Namespace, settings: Settings) -> int:
    require_store(settings)

    async def go() -> list[dict[str, Any]]:
        async with backends.open_store(settings.store_url) as store:
            return await store.read(lambda tx: list(tx.transfer.export_rows(args.kind)))

    rows = asyncio.run(go())
    if args.out is None:
        if isinstance(sys.stdout, io.TextIOWrapper):  # a StringIO put in its place has none
            sys.stdout.reconfigure(encoding="utf-8")
        try:
            export.write(args.kind, args.format, rows, sys.stdout)
            sys.stdout.flush()
        except BrokenPipeError:  # `ritmo export deals | head`: the reader had enough
            sys.stdout = open(os.devnull, "w")  # so the interpreter's exit flush can't fail
        return 0
    # A BOM lets Excel open the accents right; every importer (ours included) skips it.
    encoding = "utf-8-sig" if args.format == "csv" else "utf-8"
    with open(args.out, "w", encoding=encoding, newline="") as out:
        count = export.write(args.kind, args.format, rows, out)
    sys.stderr.write(say_n(settings, "cli.transfer.exported", count, path=args.out) + "\n")
    return 0


# --- restore ------------------------------------------------------------------------------------


def _remembered_backups(path: Path) -> list[backups.Backup]:
    """The backups a store about to be replaced knew of (none if it is not a ritmo store)."""
    if not bulk.is_ritmo_store(path):
        return []
    store = backends.connect_sync(path, migrate_schema=False)
    try:
        return store.read(lambda tx: tx.backups.remembered())
    finally:
        store.close()


def restore(args: argparse.Namespace, settings: Settings) -> int:
    if settings.on_server:
        raise UserError(say(settings, "cli.restore.on_server", store=settings.store_display))
    source, target = Path(args.file), settings.db_path
    if not source.is_file():
        raise UserError(say(settings, "cli.missing_file", path=source))
    if not bulk.is_ritmo_store(source):
        raise UserError(say(settings, "cli.restore.not_backup", path=source))
    pid = runlock.holder(target)
    if pid is not None:  # copying over the file a running bot writes would corrupt it
        raise UserError(say(settings, "cli.restore.bot_running", pid=pid or "?", path=target))
    kept, copies = None, []
    if target.exists() and target.stat().st_size > 0:
        if not args.force:
            raise UserError(say(settings, "cli.restore.exists", path=target))
        kept = target.with_name(f"{target.name}.before-restore-{datetime.now(UTC):%Y%m%dT%H%M%S}")
        bulk.copy_store(target, kept)
        copies = _remembered_backups(target)
    bulk.copy_store(source, target)
    store = backends.connect_sync(target)  # an older backup is migrated to this version now
    try:
        # The copies the replaced store knew of, and the one just kept, stay known: a later
        # `privacy forget` names them as still holding what it erases.
        def note(tx: Tx) -> None:
            tx.backups.remember_all(copies)
            if kept:
                tx.backups.remember(kept, datetime.now(UTC))

        store.write(note)
    finally:
        store.close()
    print(say(settings, "cli.restore.done", source=source, path=target))
    if kept:
        print(say(settings, "cli.restore.kept", path=kept))
    return 0
