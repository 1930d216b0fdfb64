"""`ritmo chat` and `ritmo ask`: the console adapter against the real store."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import uuid

from bot.app import App
from bot.channels.console.adapter import ConsoleAdapter
from bot.commands.common import opened_app, person_named, print_json
from bot.config import Settings
from handlers.kernel.markup import plain
from handlers.kernel.messages import Answer, Incoming, Sender
from storage import people
from storage.audit import CLI


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("chat", help="console chat against the real store")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--as", dest="as_name", metavar="NAME", help="chat as this person")
    who.add_argument("--identity", help="chat as an unlinked console identity (link with a code)")
    p.set_defaults(func=chat, quiet_log=True)
    a = sub.add_parser("ask", help="one message through the same pipeline")
    a.add_argument("--as", dest="as_name", metavar="NAME", required=True)
    a.add_argument("text")
    a.add_argument("--json", action="store_true", help="print intent, entities, text and data")
    a.set_defaults(func=ask, quiet_log=True)


def console_id(person: people.Person) -> str:
    return f"person-{person.id}"


async def console_for(
    app: App, person: people.Person | None, identity: str | None, *, preferred: bool = False
) -> ConsoleAdapter:
    """A console adapter for a person (linked on the spot) or for an unlinked identity."""
    assert app.store is not None and app.dispatcher is not None
    if person is not None:
        external_id = console_id(person)
        await app.store.write(
            lambda tx: tx.people.link_identity(
                person.id, "console", external_id, external_id, CLI, app.now(), preferred=preferred
            )
        )
        adapter = ConsoleAdapter(
            app.dispatcher, external_id, locale=person.locale, display_name=person.name
        )
    else:
        external_id = identity or f"console-{getpass.getuser()}"
        adapter = ConsoleAdapter(app.dispatcher, external_id, locale=app.settings.locale)
    app.adapters["console"] = adapter
    return adapter


def chat(args: argparse.Namespace, settings: Settings) -> int:
    async def go() -> None:
        async with opened_app(settings) as app:
            person = (
                await person_named(app.store, settings, args.as_name) if args.as_name else None
            )
            adapter = await console_for(app, person, args.identity)
            app.start_scheduler()
            await adapter.run()

    asyncio.run(go())
    return 0


def answer_json(answer: Answer) -> dict:
    return {
        "intent": answer.intent,
        "entities": answer.entities,
        "text": "\n\n".join(plain(r.text) for r in answer.replies),
        "data": answer.data,
        "options": [b.label for r in answer.replies for b in r.all_buttons()],
    }


def ask(args: argparse.Namespace, settings: Settings) -> int:
    async def go() -> Answer:
        async with opened_app(settings) as app:
            assert app.dispatcher is not None
            person = await person_named(app.store, settings, args.as_name)
            adapter = await console_for(app, person, None)
            msg = Incoming(
                Sender("console", adapter.external_id, person.name, person.locale),
                adapter.external_id,
                f"ask-{uuid.uuid4().hex}",
                text=args.text,
            )
            answer = await app.dispatcher.handle(msg)
            if not args.json:
                adapter.show(answer.replies)
            return answer

    answer = asyncio.run(go())
    if args.json:
        print_json(answer_json(answer))
    return 0
