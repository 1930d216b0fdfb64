"""`ritmo store move`: a team outgrowing one file moves its store to PostgreSQL (or back).

The copying is storage/move.py's; this command checks that no `ritmo run` holds either SQLite
file (bot/runlock.py), prints a line per table as it goes, and words every refusal as one
sentence in the person's language.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot import runlock
from bot.commands.common import say
from bot.config import Settings
from bot.errors import UserError
from storage import move


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("store", help="move the store to PostgreSQL, or back to a SQLite file")
    store_sub = p.add_subparsers(dest="store_command", metavar="ACTION", parser_class=type(p))
    store_sub.required = True
    mv = store_sub.add_parser(
        "move", help="copy every table of a stopped store into an empty one, verified"
    )
    mv.add_argument("--to", required=True, help="postgresql://… or sqlite:///file.db")
    mv.add_argument("--from", dest="source", help="the store to copy (default: RITMO_DB)")
    mv.set_defaults(func=move_store, quiet_log=True)


def _check_stopped(settings: Settings, location: move.Location) -> None:
    if location.engine != "sqlite":
        return
    pid = runlock.holder(Path(location.target))
    if pid is not None:
        raise UserError(say(settings, "cli.move_running", path=location.target, pid=pid or "?"))


def move_store(args: argparse.Namespace, settings: Settings) -> int:
    try:
        source = move.parse_location(args.source or settings.store_url)
        target = move.parse_location(args.to)
        for location in (source, target):
            _check_stopped(settings, location)
        moved = move.move(source, target, lambda *done: _progress(settings, *done))
    except move.MoveRefused as refused:
        raise UserError(say(settings, f"cli.move_{refused.reason}", **refused.details)) from None
    rows = sum(m.rows for m in moved)
    print(say(settings, "cli.move_done", target=target.display, tables=len(moved), rows=rows))
    print(say(settings, f"cli.move_next_{target.engine}"))
    return 0


def _progress(settings: Settings, table: str, done: int, total: int) -> None:
    # stderr: stdout carries only the final sentence, for scripts.
    sys.stderr.write(say(settings, "cli.move_table", table=table, done=done, total=total) + "\n")
