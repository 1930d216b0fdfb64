"""`ritmo users set NAME`: the settings a person owns (hours, quiet time, notifications, chat).

Each option is read into store values first; a bad one is one sentence naming the option and
an example, exit 2, and nothing is written.
"""

from __future__ import annotations

import argparse
import asyncio
import re

from bot import channels
from bot.commands.common import opened_app, person_named, say
from bot.config import Settings
from bot.errors import UserError
from storage import people, schedules
from storage.audit import CLI
from storage.interface import Tx

_CLOCK = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def add_set_parser(usub: argparse._SubParsersAction) -> None:
    s = usub.add_parser("set", help="working hours, quiet hours, notifications, preferred chat")
    s.add_argument("name")
    s.add_argument("--hours", metavar="HH:MM-HH:MM", help="working hours, e.g. 08:00-17:00")
    s.add_argument("--quiet", metavar="HH:MM-HH:MM|off", help="no messages then, e.g. lunch")
    s.add_argument("--notify", metavar="each|batched@HH:MM,…", help="one by one, or in batches")
    s.add_argument("--prefer", choices=channels.names(), help="the chat proactive messages go to")
    s.set_defaults(func=set_)


def clock(text: str) -> str | None:
    """'8:00' → '08:00'; None when it isn't a time of day."""
    match = _CLOCK.match(text.strip())
    return f"{int(match[1]):02d}:{match[2]}" if match else None


def clock_range(settings: Settings, option: str, value: str, example: str) -> tuple[str, str]:
    start, _, end = value.partition("-")
    first, last = clock(start), clock(end)
    if first is None or last is None or first >= last:
        raise UserError(
            say(settings, "cli.set.bad_range", option=option, value=value, example=example)
        )
    return first, last


def notify(settings: Settings, value: str) -> tuple[str, str | None]:
    """'each' or 'batched@10:00,15:00' → (mode, times)."""
    if value.strip().lower() == "each":
        return "each", None
    mode, _, times = value.partition("@")
    clocks = [clock(t) for t in times.split(",") if t.strip()]
    if mode.strip().lower() != "batched" or not clocks or None in clocks:
        raise UserError(say(settings, "cli.set.bad_notify", value=value))
    return "batched", ",".join(sorted(set(c for c in clocks if c)))


def changes_from(args: argparse.Namespace, settings: Settings) -> dict[str, str | None]:
    """The store columns the options ask to change (all checked before anything is written)."""
    changes: dict[str, str | None] = {}
    if args.hours is not None:
        hours = clock_range(settings, "--hours", args.hours, "08:00-17:00")
        changes["work_start"], changes["work_end"] = hours
    if args.quiet is not None:
        if args.quiet.strip().lower() in ("off", "none", "nenhum"):
            changes["quiet_start"] = changes["quiet_end"] = None
        else:
            quiet = clock_range(settings, "--quiet", args.quiet, "12:00-13:00")
            changes["quiet_start"], changes["quiet_end"] = quiet
    if args.notify is not None:
        changes["notify_mode"], changes["notify_times"] = notify(settings, args.notify)
    return changes


def set_(args: argparse.Namespace, settings: Settings) -> int:
    changes = changes_from(args, settings)
    if not changes and args.prefer is None:
        raise UserError(say(settings, "cli.set.nothing"))

    async def go() -> tuple[people.Person, schedules.Schedule, str | None]:
        async with opened_app(settings) as app:
            assert app.store is not None
            person = await person_named(app.store, settings, args.name)
            now = app.now()

            def apply(tx: Tx):
                if args.prefer and not tx.people.prefer_platform(person.id, args.prefer, CLI, now):
                    raise UserError(
                        say(settings, "cli.set.not_linked", name=person.name, platform=args.prefer)
                    )
                schedule = tx.schedules.set_preferences(CLI, person.id, changes, now)
                chosen = tx.people.preferred_identity(person.id)
                return schedule, chosen.platform if chosen else None

            schedule, chat = await app.store.write(apply)
            return person, schedule, chat

    person, schedule, chat = asyncio.run(go())
    none = say(settings, "cli.set.none")
    quiet = f"{schedule.quiet_start}–{schedule.quiet_end}" if schedule.quiet_start else none
    mode = schedule.notify_mode
    shown = f"{mode}@{schedule.notify_times}" if mode == "batched" else mode
    print(
        say(
            settings,
            "cli.set.done",
            name=person.name,
            start=schedule.work_start,
            end=schedule.work_end,
            quiet=quiet,
            notify=shown,
            chat=chat or none,
        )
    )
    return 0
