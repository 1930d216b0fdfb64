"""`ritmo privacy export|forget`: what the store keeps about a contact, out or erased (LGPD)."""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, TextIO

from bot.commands.common import require_store, say
from bot.config import Settings
from bot.errors import UserError
from handlers.transfer.redact import redactor, scrub_for
from storage import backends, backups
from storage.audit import CLI
from storage.erasure import Scrub, Survey
from storage.errors import StoreError
from storage.interface import Store, Tx

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
    c = actions.add_parser(
        "compact",
        help="rewrite the store's files so nothing erased is "
        "left in them (privacy forget does it itself)",
    )
    c.set_defaults(func=privacy_compact, quiet_log=True)


def _one_contact(tx: Tx, query: str, settings: Settings) -> dict[str, Any]:
    found = tx.privacy.find_contacts(query)
    if not found:
        raise UserError(say(settings, "cli.privacy.none", query=query))
    if len(found) > 1:
        names = ", ".join(f"{c['name']} <{c['email'] or '-'}>" for c in found)
        raise UserError(
            say(settings, "cli.privacy.ambiguous", count=len(found), query=query, names=names)
        )
    return found[0]


def _redactor(contact: dict[str, Any], settings: Settings):
    return redactor(
        say(settings, "privacy.redacted"), contact["name"], contact["email"], contact["phone"]
    )


@contextmanager
def _open_out(path: str | None) -> Iterator[TextIO]:
    if path is None:
        if isinstance(sys.stdout, io.TextIOWrapper):  # a StringIO put in its place has none
            sys.stdout.reconfigure(encoding="utf-8")
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8") as out:
        yield out


def privacy_export(args: argparse.Namespace, settings: Settings) -> int:
    require_store(settings)

    def collect(tx: Tx) -> dict[str, Any]:
        contact = _one_contact(tx, args.contact, settings)
        return tx.privacy.personal_data(contact["id"], _redactor(contact, settings).mentions)

    async def go() -> dict[str, Any]:
        async with backends.open_store(settings.store_url) as store:
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


# How many times `erase_everywhere` looks again on the reader before its last look is made
# inside the write itself.
ERASE_ROUNDS = 3


async def erase_everywhere(
    store: Store, contact_id: int, scrub: Scrub, now: Callable[[], datetime]
) -> dict[str, int]:
    """Survey, forget, and survey again until the store holds nothing of her; the values
    rewritten, by table.column.

    Why the second look: the survey reads the whole store on the reader (so the bot keeps
    writing) and the forget runs after it, sweeping what the survey found and rows added past
    its ids. A row written in between that names her escapes both: an old row edited (a deal
    renamed after her), or on PostgreSQL another process's row whose id was drawn before the
    survey but committed after it. Looking again once the forget has committed finds those;
    a clean store answers with nothing found and the loop ends. If writes keep naming her
    round after round, the last look is made inside the write transaction, holding the bot's
    writes back for that long: slower, but nothing slips in between.
    """
    totals: dict[str, int] = {}
    for round_ in range(ERASE_ROUNDS + 1):
        found = await store.read(lambda tx: tx.erasure.survey(contact_id, scrub))
        if round_ and not found.found:
            return totals
        if round_ < ERASE_ROUNDS:
            counts = await store.write(_forget, contact_id, scrub, found, now())
        else:
            counts = await store.write(_survey_and_forget, contact_id, scrub, now())
        for key, value in counts.items():
            totals[key] = totals.get(key, 0) + value
    return totals


def _forget(tx: Tx, contact_id: int, scrub: Scrub, found: Survey, now: datetime) -> dict[str, int]:
    return tx.erasure.forget(contact_id, scrub, found, actor=CLI, now=now)


def _survey_and_forget(tx: Tx, contact_id: int, scrub: Scrub, now: datetime) -> dict[str, int]:
    return _forget(tx, contact_id, scrub, tx.erasure.survey(contact_id, scrub), now)


def privacy_forget(args: argparse.Namespace, settings: Settings) -> int:
    require_store(settings)
    marker = say(settings, "privacy.redacted")

    async def erase() -> tuple[dict[str, Any] | None, dict[str, int], list[backups.Backup]]:
        async with backends.open_store(settings.store_url) as store:
            contact = await store.read(_one_contact, args.contact, settings)
            if not _confirmed(args, settings, contact):
                return None, {}, []
            around = await store.read(lambda tx: tx.privacy.surroundings(contact["id"]))
            scrub = scrub_for(marker, contact, around)
            counts = await erase_everywhere(store, contact["id"], scrub, lambda: datetime.now(UTC))
            return contact, counts, await store.read(lambda tx: tx.backups.remembered())

    contact, counts, copies = asyncio.run(erase())
    if contact is None:
        print(say(settings, "cli.privacy.cancelled"))
        return 1
    print(
        say(
            settings,
            "cli.privacy.forgotten",
            name=contact["name"],
            rows=sum(counts.values()),
            columns=len(counts),
        )
    )
    _tell_backups(settings, copies)
    if settings.on_server:
        print(say(settings, "cli.privacy.server_copies"))
    # With the rows rewritten and committed, the files: this process's store is closed, the
    # bot's (if it runs) stays open and only waits for the VACUUM like for any write.
    return 0 if _compacted(settings) else 1


def privacy_compact(args: argparse.Namespace, settings: Settings) -> int:
    require_store(settings)
    if not _compacted(settings):
        return 1
    print(say(settings, "cli.privacy.compacted"))
    return 0


def _compacted(settings: Settings) -> bool:
    """Rewrite the store's files so nothing erased is left in them; say so if it can't."""
    try:
        if backends.compact(settings.store_url):
            return True
        key = "cli.privacy.server_rights" if settings.on_server else "cli.privacy.wal_in_use"
        reason = say(settings, key)
    except StoreError as exc:
        reason = str(exc)
    sys.stderr.write(say(settings, "cli.privacy.not_compacted", reason=reason) + "\n")
    return False


def _tell_backups(settings: Settings, copies: list[backups.Backup]) -> None:
    """Say that copies taken before still hold what was erased, naming those ritmo made."""
    existing = [copy for copy in copies if copy.path.exists()]
    if not existing:
        print(say(settings, "cli.privacy.backups_none"))
        return
    print(say(settings, "cli.privacy.backups_listed"))
    for copy in existing:
        print(f"  {copy.path}  ({copy.taken_at})")
