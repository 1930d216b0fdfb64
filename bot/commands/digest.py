"""`ritmo digest --manager NAME` and `ritmo teams target TEAM AMOUNT`: the manager's view."""

from __future__ import annotations

import argparse
import asyncio
from pathlib import Path

from bot.commands.common import opened_app, person_named, print_json, say
from bot.config import Settings
from bot.errors import UserError
from handlers.kernel.markup import plain
from handlers.reports import digest
from handlers.understanding.amounts import read_amount
from storage.audit import CLI
from storage.interface import Tx


def register(sub: argparse._SubParsersAction) -> None:
    d = sub.add_parser("digest", help="print the digest a manager would get now")
    d.add_argument("--manager", required=True, metavar="NAME")
    d.add_argument("--json", action="store_true", help="the numbers, for scripts")
    d.add_argument("--chart", metavar="FILE.png", help="also save the chart as a PNG")
    d.add_argument("--full", action="store_true", help="every item, as `team` shows in the chat")
    d.set_defaults(func=show)
    teams = sub.add_parser("teams", help="team settings")
    tsub = teams.add_subparsers(dest="teams_command", metavar="ACTION", parser_class=type(teams))
    tsub.required = True
    target = tsub.add_parser("target", help="set a team's monthly target")
    target.add_argument("team")
    target.add_argument("amount")
    target.add_argument("--currency", help="ISO code, e.g. BRL (default: the team's)")
    target.set_defaults(func=set_target)


def show(args: argparse.Namespace, settings: Settings) -> int:
    chart_path = Path(args.chart) if args.chart else None
    if chart_path is not None and not chart_path.parent.exists():
        raise UserError(say(settings, "cli.digest.chart_dir", path=chart_path))

    async def go():
        async with opened_app(settings) as app:
            assert app.store is not None
            person = await person_named(app.store, settings, args.manager)
            found = await digest.manager_digests(app.store, person, app.now(), settings.options())
            return person, found

    person, found = asyncio.run(go())
    if not found:
        raise UserError(say(settings, "cli.digest.digest_not_manager", name=person.name))
    if chart_path is not None:
        chart_path.write_bytes(digest.chart_png(found[0], person.locale))
    if args.json:
        print_json({"manager": person.name, "teams": [digest.to_data(d) for d in found]})
        return 0
    # The same text the chat shows, with the light markup removed for a terminal.
    print("\n\n".join(plain(digest.render(d, person.locale, args.full)) for d in found))
    if chart_path is not None:
        print(say(settings, "cli.digest.chart_saved", path=chart_path))
    return 0


def set_target(args: argparse.Namespace, settings: Settings) -> int:
    # The chat's own reading: "250.000" is R$ 250 000 here too, never R$ 250.
    read = read_amount(args.amount)
    if read is None:
        raise UserError(say(settings, "cli.digest.bad_amount", value=args.amount))
    amount = read.value

    async def go():
        async with opened_app(settings) as app:
            assert app.store is not None
            now = app.now()

            def update(tx: Tx):
                team = tx.people.get_team_by_name(args.team)
                if team is None:
                    return None
                currency = (args.currency or read.currency or team.target_currency).upper()
                tx.people.set_team_target(team.id, amount, currency, CLI, now)
                return team, currency

            return await app.store.write(update)

    found = asyncio.run(go())
    if found is None:
        raise UserError(say(settings, "cli.digest.unknown_team", name=args.team))
    team, currency = found
    money = digest.money(amount, currency, settings.locale)
    print(say(settings, "cli.digest.target_set", team=team.name, amount=money))
    return 0
