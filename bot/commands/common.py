"""What the commands share: settings, the store, finding a person, printing for scripts."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import asynccontextmanager
from typing import Any

from bot.config import Settings
from bot.errors import UserError
from handlers.kernel import i18n
from storage import people
from storage.interface import Store


def say(settings: Settings, key: str, **params: object) -> str:
    return i18n.t(settings.locale, key, **params)


def say_n(settings: Settings, key: str, n: int, **params: object) -> str:
    """`say` for a sentence about a count: the plural form `n` takes in RITMO_LOCALE."""
    return i18n.tn(settings.locale, key, n, **params)


def require_store(settings: Settings) -> None:
    """Commands that read data refuse to invent an empty store where the user expected one."""
    if not settings.on_server and not settings.db_path.exists():
        raise UserError(say(settings, "cli.no_store", path=settings.db_path))


@asynccontextmanager
async def opened_app(settings: Settings, *, must_exist: bool = True):
    if must_exist:
        require_store(settings)
    # The app (aiohttp, the scheduler, every handler: ~0.3 s of CPU) is imported only by a
    # command that opens it, so `--help`, a usage mistake or a bad setting answers without it.
    from bot.app import App

    app = App(settings)
    await app.open()
    try:
        yield app
    finally:
        await app.close()


async def person_named(store: Store, settings: Settings, name: str) -> people.Person:
    person = await store.read(lambda tx: tx.people.find_person(name))
    if person is None:
        raise UserError(say(settings, "cli.unknown_person", name=name))
    return person


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def lines(rows: Iterator[str] | list[str]) -> None:
    for row in rows:
        print(row)
