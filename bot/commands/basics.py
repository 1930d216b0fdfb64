"""`ritmo init`, `ritmo run` and `ritmo backup`."""

from __future__ import annotations

import argparse
import asyncio
from datetime import UTC, datetime
from pathlib import Path

from bot.commands.common import opened_app, say
from bot.config import Settings
from bot.errors import UserError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="create or migrate the store; install stages and cadences")
    p.set_defaults(func=init)
    p = sub.add_parser("run", help="the bot, on every configured platform")
    p.set_defaults(func=run)
    p = sub.add_parser("backup", help="online copy of the store (safe while the bot runs)")
    p.add_argument("file", help="where to write the copy")
    p.set_defaults(func=backup)


def init(args: argparse.Namespace, settings: Settings) -> int:
    async def go() -> int:
        async with opened_app(settings, must_exist=False) as app:
            assert app.store is not None
            return await app.store.schema_version()

    version = asyncio.run(go())
    print(say(settings, "cli.init_done", path=settings.store_display, version=version))
    return 0


def run(args: argparse.Namespace, settings: Settings) -> int:
    from bot.app import App  # only `run` needs it before opening (see common.opened_app)

    asyncio.run(App(settings).run_forever())
    return 0


def backup(args: argparse.Namespace, settings: Settings) -> int:
    target = Path(args.file)
    if target.exists():
        raise UserError(say(settings, "cli.backup_exists", path=target))
    if not target.parent.exists():
        raise UserError(say(settings, "cli.backup_folder", path=target))

    async def go() -> None:
        async with opened_app(settings) as app:
            assert app.store is not None
            await app.store.backup(target)
            # Remembered so that `privacy forget` can say this copy still holds what it erases.
            await app.store.write(lambda tx: tx.backups.remember(target, datetime.now(UTC)))

    asyncio.run(go())
    print(say(settings, "cli.backup_done", path=target))
    return 0
