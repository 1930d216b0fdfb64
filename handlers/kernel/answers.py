"""What every answer to a question about the book shares: channel names, money, the asker's
zone and scope, and the Answer that carries the `data` it was built from (scripts never parse
text).
"""

from __future__ import annotations

from dataclasses import replace

from handlers.kernel import asking, lookup
from handlers.kernel import formatting as fmt
from handlers.kernel.context import Context, Wording
from handlers.kernel.i18n import t
from handlers.kernel.markup import esc
from handlers.kernel.messages import Answer, Button, Reply
from handlers.understanding.parse import Parsed
from storage import interactions
from storage.timefmt import from_db

# Channels a step or interaction can use; their lower-case names are `channel.<kind>` msgids.
CHANNELS = ("call", "email", "meeting", "visit", "whatsapp", "linkedin", "note", "task")
LIST_LIMIT = 10


def channel(kind: str | None, locale: str) -> str:
    """The channel's name for a reader; a step whose definition names none is just a step."""
    if kind in CHANNELS:
        return t(locale, f"channel.{kind}")
    return kind or t(locale, "channel.step")


def money(ctx: Wording, value: float, currency: str = "BRL") -> str:
    """An amount in the asker's locale."""
    return fmt.money(value, currency, ctx.locale)


def _private(text: str, buttons: tuple[Button, ...] = ()) -> Reply:
    return Reply(text, buttons=buttons, private=True)


def asker_zone(ctx: Context):
    """The asker's time zone (the default one for someone unknown)."""
    return lookup.zone(ctx.person, ctx.options.default_timezone)


def days_since(ctx: Wording, stamp: str | None) -> int | None:
    """Whole days from a stored timestamp to now; None when there is none."""
    moment = from_db(stamp)
    return None if moment is None else max(0, (ctx.now() - moment).days)


def scope_label(ctx: Context, scope: list[int] | None) -> str:
    """Whose book an answer covers: you, your team or everyone."""
    if scope is None:
        return ctx.t("ask.who.all")
    return ctx.t("ask.who.team") if len(scope) > 1 else ctx.t("ask.who.me")


async def scope_for(
    ctx: Context, parsed: Parsed
) -> tuple[list[int] | None, Answer | None, Parsed]:
    """The asker's book, narrowed to one rep when a manager names them ("pipeline da Ana");
    the parsed message comes back with the rep's full name."""
    scope = await asking.owner_ids(ctx)
    if not parsed.name or (scope is not None and len(scope) <= 1):
        return scope, None, replace(parsed, name=None)
    person = await ctx.store.read(lookup.find_person, parsed.name, scope)
    if person is None:
        return (
            scope,
            Answer(
                [Reply(ctx.t("ask.person_not_found", name=esc(parsed.name)))],
                intent=parsed.intent,
                entities=parsed.entities(),
            ),
            parsed,
        )
    return [person.id], None, replace(parsed, name=person.name)


_PERSON_INTENTS = frozenset({"pipeline", "forecast", "closing", "stalled"})


def answer(
    parsed: Parsed, text: str, data: dict, buttons: tuple[Button, ...] = (), **entities: object
) -> Answer:
    """A private reply with the entities understood and the data it was built from."""
    found = {**parsed.entities(), **entities}
    if parsed.name and parsed.intent in _PERSON_INTENTS and "person" not in found:
        found["person"] = found.pop("name")
    return Answer([_private(text, buttons)], intent=parsed.intent, entities=found, data=data)


def item_label(ctx: Wording, item: interactions.DueItem) -> str:
    """What a due item is: a cadence step (which one) or an agreed follow-up."""
    if item.source == "step":
        return ctx.t(
            "ask.item.step",
            step=(item.step_index or 0) + 1,
            cadence=esc(item.cadence(ctx.locale) or "?"),
        )
    if item.channel == "task" and item.note:
        return esc(item.note[:80])
    return ctx.t("ask.item.follow_up")
