"""`ritmo users add|list|link-code|set`: people, their teams, and one-time link codes."""

from __future__ import annotations

import argparse
import asyncio
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot import channels
from bot.commands.common import opened_app, person_named, print_json, say, say_n
from bot.config import Settings
from bot.errors import UserError
from handlers.kernel import i18n
from storage import people
from storage.audit import CLI
from storage.errors import ConstraintError
from storage.interface import Tx


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("users", help="people, teams and link codes")
    usub = p.add_subparsers(dest="users_command", metavar="ACTION", parser_class=type(p))
    usub.required = True
    a = usub.add_parser("add", help="add a person and print their one-time link code")
    a.add_argument("name")
    a.add_argument("--role", required=True, choices=people.ROLES)
    a.add_argument("--team")
    a.add_argument("--tz", dest="timezone")
    a.add_argument("--locale")
    a.add_argument("--email")
    a.set_defaults(func=add)
    ls = usub.add_parser("list", help="everyone, with role, team and linked chats")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=list_)
    lc = usub.add_parser("link-code", help="a fresh one-time link code for a person")
    lc.add_argument("name")
    lc.set_defaults(func=link_code)
    from bot.commands.users_set import add_set_parser

    add_set_parser(usub)
    from bot.commands.cadences import add_away_parser  # away periods belong to the cadence engine

    add_away_parser(usub)


def _check_timezone(settings: Settings, tz: str) -> str:
    try:
        ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError(say(settings, "cli.bad_timezone", tz=tz)) from None
    return tz


def add(args: argparse.Namespace, settings: Settings) -> int:
    tz = _check_timezone(settings, args.timezone or settings.timezone)
    locale = args.locale or settings.locale
    if locale not in i18n.LOCALES:
        raise UserError(say(settings, "cli.bad_locale"))

    async def go() -> tuple[people.Person, str]:
        async with opened_app(settings, must_exist=False) as app:
            assert app.store is not None
            now = app.now()

            def create(tx: Tx):
                person = tx.people.add_person(
                    name=args.name,
                    role=args.role,
                    timezone=tz,
                    locale=locale,
                    actor=CLI,
                    now=now,
                    team=args.team,
                    email=args.email,
                )
                ttl = timedelta(days=settings.link_code_ttl_days)
                return person, tx.people.create_link_code(person.id, ttl, CLI, now)

            try:
                return await app.store.write(create)
            except ConstraintError:
                raise UserError(say(settings, "cli.duplicate_person", name=args.name)) from None

    person, code = asyncio.run(go())
    team = say(settings, "cli.in_team", team=args.team) if args.team else ""
    print(
        say(
            settings,
            "cli.user_added",
            name=person.name,
            role=person.role,
            team=team,
            days=settings.link_code_ttl_days,
            how=channels.link_instructions(settings.locale),
        )
    )
    print(code)
    return 0


def list_(args: argparse.Namespace, settings: Settings) -> int:
    async def go():
        async with opened_app(settings) as app:
            assert app.store is not None

            def rows(tx: Tx):
                teams = {t.id: t for t in tx.people.list_teams()}
                out = []
                for p in tx.people.list_people():
                    team = teams.get(p.team_id) if p.team_id is not None else None
                    out.append(
                        {
                            "name": p.name,
                            "role": p.role,
                            "team": team.name if team else None,
                            "manages": [t.name for t in teams.values() if t.manager_id == p.id],
                            "timezone": p.timezone,
                            "locale": p.locale,
                            "email": p.email,
                            "linked": sorted({i.platform for i in tx.people.identities_of(p.id)}),
                        }
                    )
                return out

            return await app.store.read(rows)

    rows = asyncio.run(go())
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print(say(settings, "cli.no_people"))
        return 0
    for r in rows:
        linked = ",".join(r["linked"]) or "-"
        print(
            f"{r['name']:<28} {r['role']:<8} {r['team'] or '-':<16} {r['timezone']:<22} "
            f"{r['locale']:<6} {linked}"
        )
    return 0


def link_code(args: argparse.Namespace, settings: Settings) -> int:
    async def go() -> tuple[people.Person, datetime | None, str]:
        async with opened_app(settings) as app:
            assert app.store is not None
            person = await person_named(app.store, settings, args.name)
            ttl = timedelta(days=settings.link_code_ttl_days)
            now = app.now()

            def replace_code(tx: Tx):
                earlier = tx.people.pending_link_code_since(person.id, now)
                return earlier, tx.people.create_link_code(person.id, ttl, CLI, now)

            earlier, code = await app.store.write(replace_code)
            return person, earlier, code

    person, earlier, code = asyncio.run(go())
    if earlier is not None:
        when = earlier.strftime("%Y-%m-%d %H:%M UTC")
        print(say(settings, "cli.link_code_replaced", name=person.name, when=when))
    print(
        say_n(
            settings,
            "cli.link_code",
            settings.link_code_ttl_days,
            name=person.name,
            days=settings.link_code_ttl_days,
        )
    )
    print(code)
    return 0
