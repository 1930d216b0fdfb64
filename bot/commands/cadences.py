"""`ritmo cadences list|show|validate|preview|pause` and `ritmo users away`.

Cadences are read from their files (built-ins plus the configured folder), so Sales Ops can
check a new file, and see its calendar, before `ritmo init` installs it.
"""

from __future__ import annotations

import argparse
import asyncio
from datetime import date
from pathlib import Path

from bot.commands import days_off
from bot.commands.common import opened_app, person_named, print_json, say, say_n
from bot.config import Settings
from bot.errors import UserError
from cadence_jobs import workflow
from cadence_jobs.calendar import WorkCalendar, parse_holidays
from cadence_jobs.definitions import (
    Cadence,
    CadenceError,
    by_key,
    load_all,
    load_builtin,
    load_file,
    to_dict,
)
from cadence_jobs.rules import preview as preview_steps
from handlers.kernel import cadence_problems
from handlers.kernel import formatting as fmt
from storage.audit import CLI
from storage.errors import NotFound


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("cadences", help="list, show, validate and preview cadences")
    csub = p.add_subparsers(dest="cadences_command", metavar="ACTION", parser_class=type(p))
    csub.required = True
    ls = csub.add_parser("list", help="every cadence: built-in and from the cadence folder")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=list_)
    sh = csub.add_parser("show", help="one cadence's steps")
    sh.add_argument("key")
    sh.add_argument("--json", action="store_true")
    sh.set_defaults(func=show)
    va = csub.add_parser("validate", help="check a cadence file; names file, field and problem")
    va.add_argument("file")
    va.set_defaults(func=validate)
    pr = csub.add_parser("preview", help="each step's due date, as a rep would get it")
    pr.add_argument("key")
    pr.add_argument("--start", required=True, help="YYYY-MM-DD")
    pr.add_argument("--tz", help="time zone of the rep (default RITMO_TIMEZONE)")
    pr.add_argument("--holidays", help="BR, BR-SP, PT, none… (default from config)")
    pr.add_argument("--json", action="store_true")
    pr.set_defaults(func=preview)
    pa = csub.add_parser("pause", help="pause every active enrolment of a cadence until a date")
    pa.add_argument("key")
    pa.add_argument("--until", required=True, help="YYYY-MM-DD: reminders resume that day")
    pa.set_defaults(func=pause)


def add_away_parser(usub: argparse._SubParsersAction) -> None:
    """`ritmo users away NAME --from D --to D`; bot/commands/users.py calls this."""
    aw = usub.add_parser("away", help="mark a rep away; their due steps move past it")
    aw.add_argument("name")
    aw.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
    aw.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD")
    aw.set_defaults(func=away)


def _all(settings: Settings) -> dict[str, Cadence]:
    try:
        return load_all(settings.cadence_folder)
    except CadenceError as exc:
        raise UserError(cadence_problems.describe(exc, settings.locale)) from None


def _one(settings: Settings, key: str) -> Cadence:
    found = _all(settings).get(key)
    if found is None:
        raise UserError(say(settings, "cli.cadence_unknown", cadence=key))
    return found


def list_(args: argparse.Namespace, settings: Settings) -> int:
    cadences = _all(settings)
    if args.json:
        print_json(
            [
                {
                    "key": c.key,
                    "name": c.name.as_dict(),
                    "kind": c.kind,
                    "steps": len(c.steps),
                    "source": c.source,
                    "business_days": c.business_days,
                }
                for c in cadences.values()
            ]
        )
        return 0
    for c in sorted(cadences.values(), key=lambda c: c.key):
        print(
            f"{c.key:<24} {c.kind:<20} {len(c.steps):>2} steps  {c.source:<8} "
            f"{c.name.get(settings.locale)}"
        )
    return 0


def show(args: argparse.Namespace, settings: Settings) -> int:
    cadence = _one(settings, args.key)
    if args.json:
        print_json(to_dict(cadence))
        return 0
    loc = settings.locale
    unit = "dias úteis" if loc != "en" else "business days"
    if not cadence.business_days:
        unit = "dias" if loc != "en" else "days"
    print(f"{cadence.name.get(loc)} ({cadence.key}) · {cadence.kind}")
    print(
        f"on_reply={cadence.on_reply} on_complete={cadence.on_complete} "
        f"stop_account_on_reply={str(cadence.stop_account_on_reply).lower()}"
    )
    for n, step in enumerate(cadence.steps, 1):
        print(f"{n:>2}. +{step.wait} {unit:<13} {step.channel:<9} {step.action.get(loc)}")
    return 0


def validate(args: argparse.Namespace, settings: Settings) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise UserError(say(settings, "cli.missing_file", path=path))
    try:
        cadence = load_file(path)
        known = {**load_builtin(), **_all(settings)}
        known.pop(cadence.key, None)
        by_key([cadence], known)
    except CadenceError as exc:
        raise UserError(cadence_problems.describe(exc, settings.locale)) from None
    print(
        say_n(
            settings,
            "cli.cadence_valid",
            len(cadence.steps),
            file=path,
            cadence=cadence.key,
            steps=len(cadence.steps),
        )
    )
    return 0


def _date(settings: Settings, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(say(settings, "cli.bad_date", value=value)) from None


def _calendar(settings: Settings, tz: str | None, holidays: str | None) -> WorkCalendar:
    country: str | None
    if holidays is None:
        country, subdivision = settings.holidays_country, settings.holidays_subdivision
    else:
        try:
            country, subdivision = parse_holidays(holidays)
        except ValueError:
            raise UserError(say(settings, "cli.bad_holidays", value=holidays)) from None
    # The configured categories belong to the configured country; extra days are the
    # company's own, whatever the country.
    categories = settings.holidays_categories if country == settings.holidays_country else None
    try:
        return WorkCalendar(
            timezone=tz or settings.timezone,
            country=country,
            subdivision=subdivision,
            holiday_categories=categories,
            extra_holidays=settings.holidays_extra,
        )
    except (KeyError, ValueError):  # ZoneInfoNotFoundError is a KeyError
        raise UserError(say(settings, "cli.bad_zone", value=tz)) from None


def _last(steps: list, cal: WorkCalendar, start: date) -> date:
    """The local date of the last step (the end of the period the preview covers)."""
    return steps[-1].due_at.astimezone(cal.tz).date() if steps else start


def preview(args: argparse.Namespace, settings: Settings) -> int:
    cadence = _one(settings, args.key)
    start = _date(settings, args.start)
    cal = _calendar(settings, args.tz, args.holidays)
    steps = preview_steps(cadence, start, cal)
    loc = settings.locale
    holidays = "-".join(p for p in (cal.country, cal.subdivision) if p) or "none"
    if args.json:
        print_json(
            {
                "cadence": cadence.key,
                "start": start.isoformat(),
                "timezone": cal.timezone,
                "holidays": holidays,
                "days_off": days_off.sentence(cal, start, _last(steps, cal, start), loc),
                "replaces_builtin": cadence.replaces_builtin,
                "steps": [
                    {
                        "step": p.index,
                        "due_at": p.due_at.isoformat(),
                        "date": p.due_at.date().isoformat(),
                        "channel": p.step.channel,
                        "action": p.step.action.get(loc),
                    }
                    for p in steps
                ],
            }
        )
        return 0
    print(
        say(
            settings,
            "cli.preview_head",
            name=cadence.name.get(loc),
            cadence=cadence.key,
            start=start.isoformat(),
            tz=cal.timezone,
            holidays=holidays,
        )
    )
    if cadence.replaces_builtin:
        print(say(settings, "cli.preview_replaces", file=cadence.file))
    print(days_off.sentence(cal, start, _last(steps, cal, start), loc))
    for p in steps:
        print(
            f"{p.index:>2}. {fmt.weekday(p.due_at.date(), loc)} "
            f"{p.due_at.strftime('%Y-%m-%d %H:%M')}  {p.step.channel:<9} "
            f"{p.step.action.get(loc)}"
        )
    return 0


def away(args: argparse.Namespace, settings: Settings) -> int:
    start, end = _date(settings, args.start), _date(settings, args.end)
    if end < start:
        raise UserError(say(settings, "cli.away_order", start=start, end=end))

    async def go() -> tuple[str, int]:
        async with opened_app(settings) as app:
            assert app.store is not None
            person = await person_named(app.store, settings, args.name)
            moved = await app.store.write(
                lambda tx: workflow.set_away(
                    tx,
                    actor=CLI,
                    person_id=person.id,
                    start=start,
                    end=end,
                    now=app.now(),
                    options=settings.options(),
                )
            )
            return person.name, moved

    name, moved = asyncio.run(go())
    print(say_n(settings, "cli.away_done", moved, name=name, start=start, end=end))
    return 0


def pause(args: argparse.Namespace, settings: Settings) -> int:
    until = _date(settings, args.until)

    async def go() -> int:
        async with opened_app(settings) as app:
            assert app.store is not None
            try:
                return await app.store.write(
                    lambda tx: workflow.pause_cadence(
                        tx, actor=CLI, cadence_key=args.key, until=until, now=app.now()
                    )
                )
            except NotFound:
                raise UserError(say(settings, "cli.cadence_unknown", cadence=args.key)) from None

    count = asyncio.run(go())
    print(say_n(settings, "cli.cadence_paused", count, cadence=args.key, until=until))
    return 0
