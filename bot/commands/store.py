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
from handlers.kernel import i18n
from storage import move

i18n.register(
    {
        "cli.move_table": {
            "pt-BR": "{table}: {done:,} de {total:,} linhas",
            "en": "{table}: {done:,} of {total:,} rows",
        },
        "cli.move_done": {
            "pt-BR": "Movido para {target}: {tables} tabelas, {rows:,} linhas, contagens e "
            "somas de verificação conferidas em cada tabela.",
            "en": "Moved to {target}: {tables} tables, {rows:,} rows, row counts and checksums "
            "verified for every table.",
        },
        "cli.move_next_sqlite": {
            "pt-BR": "Para usá-lo, aponte RITMO_DB para esse arquivo.",
            "en": "To use it, point RITMO_DB at that file.",
        },
        "cli.move_next_postgres": {
            "pt-BR": "O bot ainda roda só sobre SQLite: mantenha RITMO_DB como está até o ritmo "
            "rodar sobre PostgreSQL.",
            "en": "The bot still runs on SQLite only: keep RITMO_DB as it is until ritmo runs "
            "on PostgreSQL.",
        },
        "cli.move_running": {
            "pt-BR": "o ritmo está rodando sobre {path} (processo {pid}); pare o bot antes de "
            "mover o banco.",
            "en": "ritmo is running on {path} (process {pid}); stop the bot before moving the "
            "store.",
        },
        "cli.move_target_not_empty": {
            "pt-BR": "o destino já tem dados (a tabela {table} tem {rows} linhas); "
            "`ritmo store move` só preenche um banco vazio.",
            "en": "the target already holds data (table {table} has {rows} rows); "
            "`ritmo store move` only fills an empty store.",
        },
        "cli.move_same_store": {
            "pt-BR": "a origem e o destino são o mesmo banco; escolha outro destino.",
            "en": "the source and the target are the same store; choose another target.",
        },
        "cli.move_bad_url": {
            "pt-BR": "não entendi {url}; use postgresql://usuário:senha@host:porta/banco, "
            "sqlite:///arquivo.db ou o caminho de um arquivo.",
            "en": "could not read {url}; use postgresql://user:password@host:port/db, "
            "sqlite:///file.db or a file path.",
        },
        "cli.move_no_store": {
            "pt-BR": "não há banco em {path}; confira RITMO_DB ou --from.",
            "en": "there is no store at {path}; check RITMO_DB or --from.",
        },
        "cli.move_folder_missing": {
            "pt-BR": "a pasta {folder} não existe; crie-a antes.",
            "en": "the folder {folder} does not exist; create it first.",
        },
        "cli.move_unreachable": {
            "pt-BR": "não consegui conectar ao PostgreSQL ({detail}); confira a URL e se o "
            "servidor está no ar.",
            "en": "could not connect to PostgreSQL ({detail}); check the URL and that the "
            "server is up.",
        },
        "cli.move_schemas_differ": {
            "pt-BR": "os esquemas da origem e do destino não batem ({tables}); atualize o ritmo "
            "e rode `ritmo init` nos dois.",
            "en": "the source and target schemas differ ({tables}); upgrade ritmo and run "
            "`ritmo init` on both.",
        },
        "cli.move_verify_failed": {
            "pt-BR": "a tabela {table} não chegou inteira ao destino; nada foi gravado lá. "
            "Tente de novo.",
            "en": "table {table} did not arrive whole at the target; nothing was written "
            "there. Try again.",
        },
        "cli.move_broken_reference": {
            "pt-BR": "a origem tem linhas em {table} que apontam para registros que não "
            "existem; rode `ritmo check` e corrija antes de mover.",
            "en": "the source has rows in {table} that point to records that do not exist; "
            "run `ritmo check` and fix them before moving.",
        },
    }
)


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
        source = move.parse_location(args.source or str(settings.db_path))
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
