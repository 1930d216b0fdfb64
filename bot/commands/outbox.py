"""`ritmo outbox --failed`: messages the dispatcher gave up on, with their last error."""

from __future__ import annotations

import argparse
import asyncio

from bot.commands.common import opened_app, print_json, say, say_n
from bot.config import Settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("outbox", help="proactive messages: what failed, what is waiting")
    p.add_argument("--failed", action="store_true", help="list messages that failed for good")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=show)


def show(args: argparse.Namespace, settings: Settings) -> int:
    async def go():
        async with opened_app(settings) as app:
            assert app.store is not None
            if args.failed:
                return await app.store.read(lambda tx: tx.outbox.failed())
            return await app.store.read(lambda tx: tx.outbox.backlog(app.now()))

    result = asyncio.run(go())
    if not args.failed:
        if args.json:
            print_json({"pending": result})
        else:
            print(say_n(settings, "cli.outbox_pending", result))
        return 0
    rows = [
        {
            "id": i.id,
            "person_id": i.person_id,
            "kind": i.kind,
            "attempts": i.attempts,
            "last_error": i.last_error,
            "dedupe_key": i.dedupe_key,
        }
        for i in result
    ]
    if args.json:
        print_json(rows)
    elif not rows:
        print(say(settings, "cli.outbox_none_failed"))
    else:
        for r in rows:
            print(
                f"#{r['id']:<6} person {r['person_id']:<5} {r['kind']:<9} "
                f"{r['attempts']} attempt(s)  {r['last_error']}"
            )
    return 0
