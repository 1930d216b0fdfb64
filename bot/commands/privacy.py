"""`ritmo privacy export|forget`: what the store keeps about a contact, out or erased (LGPD)."""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, TextIO

from bot.commands.common import require_store, say
from bot.config import Settings
from bot.errors import UserError
from handlers import i18n
from handlers.transfer.redact import redactor
from storage import db, privacy
from storage.audit import CLI

i18n.register({
    "privacy.redacted": {"pt-BR": "[removido]", "en": "[redacted]"},
    "cli.privacy.none": {
        "pt-BR": "Nenhum contato com nome ou e-mail {query!r}.",
        "en": "No contact has the name or e-mail {query!r}.",
    },
    "cli.privacy.ambiguous": {
        "pt-BR": "Há {count} contatos chamados {query!r} ({names}); use o e-mail.",
        "en": "There are {count} contacts called {query!r} ({names}); use the e-mail.",
    },
    "cli.privacy.confirm": {
        "pt-BR": "Apagar os dados pessoais de {name} ({details}) em todo o store? "
                 "Isso não pode ser desfeito. Digite sim para confirmar: ",
        "en": "Erase the personal data of {name} ({details}) across the whole store? "
              "This cannot be undone. Type yes to confirm: ",
    },
    "cli.privacy.needs_yes": {
        "pt-BR": "Apagar dados exige confirmação: rode num terminal ou passe --yes.",
        "en": "Erasing data needs confirmation: run it in a terminal or pass --yes.",
    },
    "cli.privacy.cancelled": {
        "pt-BR": "Nada foi apagado.",
        "en": "Nothing was erased.",
    },
    "cli.privacy.forgotten": {
        "pt-BR": "Dados pessoais de {name} apagados: {rows} valores redigidos em {columns} "
                 "colunas. A remoção ficou registrada na auditoria.",
        "en": "Personal data of {name} erased: {rows} values redacted in {columns} columns. "
              "The erasure is recorded in the audit log.",
    },
})

_CONFIRM_WORDS = {"sim", "s", "yes", "y"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("privacy", help="LGPD: export or erase what is stored about a contact")
    actions = p.add_subparsers(dest="privacy_action", metavar="ACTION", required=True)
    e = actions.add_parser("export", help="everything stored about a contact, as JSON")
    e.add_argument("--contact", required=True, help="the contact's name or e-mail")
    e.add_argument("--out", help="file to write (default: standard output)")
    e.set_defaults(func=privacy_export, quiet_log=True)
    f = actions.add_parser("forget", help="erase a contact's personal data everywhere")
    f.add_argument("--contact", required=True, help="the contact's name or e-mail")
    f.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    f.set_defaults(func=privacy_forget, quiet_log=True)


def _one_contact(conn: sqlite3.Connection, query: str, settings: Settings) -> dict[str, Any]:
    found = privacy.find_contacts(conn, query)
    if not found:
        raise UserError(say(settings, "cli.privacy.none", query=query))
    if len(found) > 1:
        names = ", ".join(f"{c['name']} <{c['email'] or '-'}>" for c in found)
        raise UserError(say(settings, "cli.privacy.ambiguous", count=len(found), query=query,
                            names=names))
    return found[0]


def _redactor(contact: dict[str, Any], settings: Settings):
    return redactor(say(settings, "privacy.redacted"), contact["name"], contact["email"],
                    contact["phone"])


@contextmanager
def _open_out(path: str | None) -> Iterator[TextIO]:
    if path is None:
        sys.stdout.reconfigure(encoding="utf-8")
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8") as out:
        yield out


def privacy_export(args: argparse.Namespace, settings: Settings) -> int:
    require_store(settings)

    def collect(conn: sqlite3.Connection) -> dict[str, Any]:
        contact = _one_contact(conn, args.contact, settings)
        return privacy.personal_data(conn, contact["id"], _redactor(contact, settings).mentions)

    async def go() -> dict[str, Any]:
        async with db.open_store(settings.db_path) as store:
            return await store.read(collect)

    data = asyncio.run(go())
    with _open_out(args.out) as out:
        json.dump(data, out, ensure_ascii=False, indent=2, default=str)
        out.write("\n")
    return 0


def _confirmed(args: argparse.Namespace, settings: Settings, contact: dict[str, Any]) -> bool:
    if args.yes:
        return True
    if not sys.stdin.isatty():
        raise UserError(say(settings, "cli.privacy.needs_yes"))
    details = ", ".join(filter(None, (contact["email"], contact["phone"]))) or "-"
    answer = input(say(settings, "cli.privacy.confirm", name=contact["name"], details=details))
    return answer.strip().casefold() in _CONFIRM_WORDS


def privacy_forget(args: argparse.Namespace, settings: Settings) -> int:
    require_store(settings)

    async def go() -> int:
        async with db.open_store(settings.db_path) as store:
            contact = await store.read(_one_contact, args.contact, settings)
            if not _confirmed(args, settings, contact):
                print(say(settings, "cli.privacy.cancelled"))
                return 1
            scrub = _redactor(contact, settings)
            counts = await store.write(
                lambda conn: privacy.forget(conn, contact["id"], redact=scrub.redact,
                                         mentions=scrub.mentions, marker=scrub.marker,
                                         actor=CLI, now=datetime.now(UTC)))
            print(say(settings, "cli.privacy.forgotten", name=contact["name"],
                      rows=sum(counts.values()), columns=len(counts)))
            return 0

    return asyncio.run(go())
