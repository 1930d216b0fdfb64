"""`ritmo inbox failed|show|retry|drop`: the incoming messages ritmo quarantined, for an operator.

An update that could not be journaled as it came, or whose handling failed every attempt, is
kept (state `failed`) instead of holding back everyone's messages. Someone has to look at it:
retry it once the cause is fixed, or drop it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
from collections.abc import Callable, Sequence
from typing import Any

from bot.commands.common import opened_app, print_json, say, say_n
from bot.config import Settings
from bot.errors import UserError
from storage import inbox
from storage.audit import CLI


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("inbox", help="incoming messages that were quarantined: list, retry, drop")
    isub = p.add_subparsers(dest="inbox_command", metavar="ACTION", parser_class=type(p))
    isub.required = True
    failed = isub.add_parser("failed", help="every quarantined message, with its last error")
    failed.add_argument("--json", action="store_true")
    failed.set_defaults(func=list_failed)
    show = isub.add_parser("show", help="the message exactly as the platform sent it")
    show.add_argument("id", type=int)
    show.set_defaults(func=show_payload)
    for name, func, text in (
        ("retry", retry, "put quarantined messages back in line, with fresh attempts"),
        ("drop", drop, "delete quarantined messages for good"),
    ):
        action = isub.add_parser(name, help=text)
        action.add_argument("ids", nargs="*", type=int, metavar="ID")
        action.add_argument("--all", action="store_true", help="every quarantined message")
        action.set_defaults(func=func)


def _counted(settings: Settings, key: str, count: int) -> str:
    return say_n(settings, key, count)


def list_failed(args: argparse.Namespace, settings: Settings) -> int:
    async def go() -> list[inbox.FailedItem]:
        async with opened_app(settings) as app:
            assert app.store is not None
            return await app.store.read(lambda tx: tx.inbox.failed())

    items = asyncio.run(go())
    if args.json:
        print_json([item.__dict__ for item in items])
        return 0
    if not items:
        print(say(settings, "cli.inbox_none_failed"))
        return 0
    for item in items:
        attempts = _counted(settings, "cli.inbox_attempts", item.attempts)
        received = item.received_at.replace("T", " ")
        row = dict(platform=item.platform, event=item.event_id, error=item.error or "-")
        print(
            say(settings, "cli.inbox_row", id=item.id, received=received, attempts=attempts, **row)
        )
    print(say(settings, "cli.inbox_hint"))
    return 0


def show_payload(args: argparse.Namespace, settings: Settings) -> int:
    async def go() -> str | None:
        async with opened_app(settings) as app:
            assert app.store is not None
            return await app.store.read(lambda tx: tx.inbox.payload(args.id))

    text = asyncio.run(go())
    if text is None:
        raise UserError(say(settings, "cli.inbox_no_such", id=args.id))
    try:
        text = json.dumps(json.loads(text), ensure_ascii=False, indent=2)
    except ValueError:
        pass  # shown as stored
    # What could not be stored can't be printed either: a lone surrogate shows as its escape.
    print(inbox.storable(text))
    return 0


def retry(args: argparse.Namespace, settings: Settings) -> int:
    moved = _change(args, settings, lambda tx, *a: tx.inbox.retry(*a))
    print(_counted(settings, "cli.inbox_retried", len(moved)))
    return 0


def drop(args: argparse.Namespace, settings: Settings) -> int:
    dropped = _change(args, settings, lambda tx, *a: tx.inbox.drop(*a))
    print(_counted(settings, "cli.inbox_dropped", len(dropped)))
    return 0


def _change(
    args: argparse.Namespace, settings: Settings, change: Callable[..., list[int]]
) -> list[int]:
    """Run `change` on the ids named (or --all) in one transaction; all of them, or none."""
    if bool(args.ids) == bool(args.all):
        raise UserError(say(settings, "cli.inbox_which"))
    ids: Sequence[int] | None = None if args.all else args.ids

    async def go() -> Any:
        async with opened_app(settings) as app:
            assert app.store is not None
            return await app.store.write(change, ids, CLI, app.now())

    try:
        return asyncio.run(go())
    except inbox.NotQuarantined as exc:
        listed = ", ".join(f"#{i}" for i in exc.ids)
        raise UserError(say(settings, "cli.inbox_not_failed", ids=listed)) from None
