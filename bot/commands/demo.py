"""`ritmo demo`: a fresh demo store, the scheduler running, and the console chat as a rep."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
from pathlib import Path

from bot import demo as demo_data
from bot.app import App
from bot.commands.chat import console_for
from bot.commands.common import person_named, say
from bot.config import Settings
from bot.errors import UserError
from handlers.kernel import i18n


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="seeded demo data, console chat as a demo rep")
    p.add_argument(
        "--db",
        default="ritmo-demo.db",
        help="where to build the demo store (rebuilt each time; default ritmo-demo.db)",
    )
    p.add_argument(
        "--as",
        dest="as_name",
        default=demo_data.DEFAULT_DEMO_PERSON,
        metavar="NAME",
        help=f"who to chat as (default {demo_data.DEFAULT_DEMO_PERSON}; "
        "Emily Carter speaks English)",
    )
    p.add_argument("--no-chat", action="store_true", help="build the store and exit")
    p.set_defaults(func=demo, quiet_log=True)


def _fresh(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        candidate = Path(f"{path}{suffix}")
        if candidate.exists():
            candidate.unlink()


def demo(args: argparse.Namespace, settings: Settings) -> int:
    path = Path(args.db)
    if not path.parent.exists():
        raise UserError(say(settings, "cli.backup_folder", path=path))
    _fresh(path)
    settings = dataclasses.replace(settings, db_path=path)

    async def go() -> None:
        app = App(settings)
        await app.open()
        try:
            assert app.store is not None
            counts = await app.store.write(demo_data.build, app.now())
            person = await person_named(app.store, settings, args.as_name)
            print(i18n.t(person.locale, "cli.demo_ready", path=path, name=person.name, **counts))
            if args.no_chat:
                return
            print(i18n.t(person.locale, "cli.demo_hint"))
            adapter = await console_for(app, person, None, preferred=True)
            app.start_scheduler()
            await adapter.run()
        finally:
            await app.close()

    asyncio.run(go())
    return 0
