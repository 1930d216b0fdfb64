"""Field features that start on a phone: a shared location is a visit check-in, a bare photo or
voice note is kept as a note on an account.

Platform-free (it speaks only the neutral model and the store), so it is a router like any
capability. Telegram is where locations and voice notes come from today; the Telegram channel
only parses them into the neutral `Location`/attachment fields (bot/channels/telegram/parse.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.numbers import format_decimal

from handlers.kernel.context import Context
from handlers.kernel.markup import esc
from handlers.kernel.messages import Answer, Button, Incoming, Location, Reply
from handlers.kernel.router import Router
from storage import interactions
from storage.accounts import Account
from storage.audit import Actor
from storage.interface import Tx
from storage.people import Person

router = Router("checkin")

MAX_CHOICES = 6
_EARTH_RADIUS_M = 6_371_000


@dataclass(frozen=True)
class Ranked:
    account: Account
    metres: float | None  # None when the account has no coordinates


def distance_m(a: Location, lat: float, lon: float) -> float:
    """Great-circle distance in metres (haversine; plenty for 'which shop am I in')."""
    p1, p2 = math.radians(a.latitude), math.radians(lat)
    dp, dl = p2 - p1, math.radians(lon - a.longitude)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_M * math.asin(math.sqrt(h))


def rank(candidates: list[Account], here: Location | None) -> list[Ranked]:
    """Accounts with coordinates nearest first, then the others by name."""
    located, unlocated = [], []
    for account in candidates:
        if here is not None and account.latitude is not None and account.longitude is not None:
            located.append(Ranked(account, distance_m(here, account.latitude, account.longitude)))
        else:
            unlocated.append(Ranked(account, None))
    located.sort(key=lambda r: r.metres or 0.0)
    unlocated.sort(key=lambda r: r.account.name.casefold())
    return located + unlocated


def format_distance(metres: float, locale: str) -> str:
    if metres < 1000:
        return f"{round(metres / 10) * 10:.0f} m"
    km = format_decimal(round(metres / 1000, 1), locale=locale.replace("-", "_"))
    return f"{km} km"


def _visible(tx: Tx, person: Person) -> list[Account]:
    return tx.accounts.list_accounts(tx.people.visible_owner_ids(person))


def _choices(ranked: list[Ranked], action: str, args: dict, locale: str) -> tuple[Button, ...]:
    buttons = []
    for item in ranked[:MAX_CHOICES]:
        label = item.account.name
        if item.metres is not None:
            label = f"{label} · {format_distance(item.metres, locale)}"
        buttons.append(Button(label, action, {**args, "account_id": item.account.id}))
    return tuple(buttons)


@router.message(lambda msg, ctx: msg.location is not None)
async def check_in(msg: Incoming, ctx: Context) -> Answer:
    assert ctx.person is not None and msg.location is not None
    ranked = rank(await ctx.store.read(_visible, ctx.person), msg.location)
    if not ranked:
        return Answer([Reply(ctx.t("checkin.no_accounts"))], intent="log")
    where = {"lat": msg.location.latitude, "lon": msg.location.longitude, "source": msg.message_id}
    first = ranked[0]
    if first.metres is not None:
        text = ctx.t(
            "checkin.nearest",
            account=esc(first.account.name),
            distance=format_distance(first.metres, ctx.locale),
        )
    else:
        text = ctx.t("checkin.which")
    choices = _choices(ranked, "visit.check_in", where, ctx.locale)
    return Answer([Reply(text, choices=choices)], intent="log", entities={"kind": "visit"})


def _bare_attachment(msg: Incoming, ctx: Context) -> bool:
    # With a caption the message is a log sentence and the log handler keeps the attachment.
    return bool(msg.attachments) and not msg.text.strip() and msg.location is None


@router.message(_bare_attachment)
async def keep_attachment(msg: Incoming, ctx: Context) -> Answer:
    assert ctx.person is not None
    attachment = msg.attachments[0]
    ranked = rank(await ctx.store.read(_visible, ctx.person), None)
    if not ranked:
        return Answer([Reply(ctx.t("checkin.no_accounts"))], intent="log")
    kind = ctx.t(f"checkin.kind.{attachment.kind}")
    args = {
        "ref": f"{msg.platform}:{attachment.kind}:{attachment.ref}",
        "kind": attachment.kind,
        "source": msg.message_id,
    }
    choices = _choices(ranked, "note.attach", args, ctx.locale)
    return Answer(
        [Reply(ctx.t("checkin.attach_which", kind=kind), choices=choices)],
        intent="log",
        entities={"kind": "note"},
    )


async def _account_for(ctx: Context, account_id: object) -> Account | None:
    """The chosen account, only if the person may still see it (checked again on press)."""
    assert ctx.person is not None
    visible = await ctx.store.read(_visible, ctx.person)
    return next((a for a in visible if a.id == account_id), None)


@router.action("visit.check_in")
async def record_visit(msg: Incoming, ctx: Context, args: dict) -> Answer:
    account = await _account_for(ctx, args.get("account_id"))
    if account is None:
        return Answer([Reply(ctx.t("checkin.gone"), edit=True)], intent="log")
    person, now = ctx.person, ctx.now()
    assert person is not None

    def log(tx: Tx) -> interactions.Logged:
        return tx.interactions.log_interaction(
            person_id=person.id,
            kind="visit",
            occurred_at=now,
            actor=Actor.person(person.id),
            now=now,
            account_id=account.id,
            latitude=args.get("lat"),
            longitude=args.get("lon"),
            source_platform=msg.platform,
            source_message_id=args.get("source"),
        )

    logged = await ctx.store.write(log)
    time = _local_time(now, person.timezone)
    return Answer(
        [Reply(ctx.t("checkin.done", account=esc(account.name), time=time), edit=True)],
        intent="log",
        entities={"kind": "visit", "account": account.name},
        data={"interaction_id": logged.interaction.id},
    )


@router.action("note.attach")
async def attach_note(msg: Incoming, ctx: Context, args: dict) -> Answer:
    account = await _account_for(ctx, args.get("account_id"))
    if account is None:
        return Answer([Reply(ctx.t("checkin.gone"), edit=True)], intent="log")
    person, now = ctx.person, ctx.now()
    assert person is not None

    def log(tx: Tx) -> interactions.Logged:
        return tx.interactions.log_interaction(
            person_id=person.id,
            kind="note",
            occurred_at=now,
            actor=Actor.person(person.id),
            now=now,
            account_id=account.id,
            attachment=args.get("ref"),
            source_platform=msg.platform,
            source_message_id=args.get("source"),
        )

    logged = await ctx.store.write(log)
    kind = ctx.t(f"checkin.kind.{args.get('kind', 'document')}")
    return Answer(
        [Reply(ctx.t("checkin.attached", kind=kind, account=esc(account.name)), edit=True)],
        intent="log",
        entities={"kind": "note", "account": account.name},
        data={"interaction_id": logged.interaction.id},
    )


def _local_time(now: datetime, timezone: str) -> str:
    return now.astimezone(ZoneInfo(timezone)).strftime("%H:%M")
