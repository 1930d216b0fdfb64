"""Tasks and reminders the rep asks for ("me lembra de ligar pro Joaquim sexta"), and undo.

A task is safe and reversible, so it is created at once (with an undo button); it is a
follow-up of kind 'task' (storage.tasks), so it sits on the agenda beside the cadence steps
and the due scan reminds it on its day through the outbox. Undoing the last thing logged
deletes data, so that one asks first.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from handlers.kernel import asking
from handlers.kernel import formatting as fmt
from handlers.kernel.answers import channel
from handlers.kernel.asking import Found
from handlers.kernel.context import Context
from handlers.kernel.markup import esc
from handlers.kernel.messages import Answer, Button, Incoming, Reply
from handlers.kernel.router import Router
from handlers.understanding import sales_words
from handlers.understanding.parse import Parsed
from storage.audit import Actor
from storage.interactions import KINDS
from storage.text import normalize

router = Router("tasks")

UNDO_WINDOW = timedelta(hours=24)

# The words that ask for a task, so the rest of the message is what to do.
_COMMAND = re.compile(
    r"^\s*(?:/\w+\s+)?(?:(?:por favor|pfv|pf|please)\s+)?"
    r"(?:me\s+)?(?:lembr\w*|lembrete|anota\w*|cri\w+\s+(?:uma\s+)?tarefa|nova\s+tarefa|tarefa|"
    r"remind(?:er)?|set\s+a\s+reminder|add\s+(?:a\s+)?task|new\s+task|task|to-?do)"
    r"(?:\s+(?:me|de|da|do|para|pra|pro|to|of|that|:|-))*[\s:,-]*",
    re.IGNORECASE,
)


def task_text(parsed: Parsed) -> str:
    """What to do: the parser's body, else the whole message without the asking words."""
    body = (parsed.body or "").strip()
    if body:
        return body[:500]
    return _COMMAND.sub("", parsed.text, count=1).strip(" .!")[:500]


def _when(ctx: Context, due: date, at: str | None) -> str:
    day = fmt.day(due, ctx.locale, weekday=True, year=due.year != asking.today(ctx).year)
    return ctx.t("task.at", day=day, time=at) if at else day


@asking.reruns("task")
@router.intent("task")
async def task(msg: Incoming, ctx: Context, parsed: Parsed, pinned: Found | None = None) -> Answer:
    """ "me lembra de ligar pro Joaquim sexta", "remind me to send Acme the deck tomorrow"."""
    problem = asking.problem(ctx, parsed)
    if problem is not None:
        return problem
    note = task_text(parsed)
    if not note:
        return Answer([Reply(ctx.t("task.ask_what"))], intent="task", entities=parsed.entities())
    account = None
    mention = parsed.mention
    if pinned is None and mention is not None and mention.sure:
        # the book's name found in the sentence ("ligar pra Lúcia": her bakery), not a
        # lookup of the leftover words
        chosen = asking.from_mention(msg, ctx, parsed, mention)
        assert isinstance(chosen, Found)
        account = chosen.account
    elif pinned is None and mention is not None and len(mention.hits) > 1:
        # "me lembra de ligar p Lu": two contacts are Lu, so which one is asked
        asked = asking.from_mention(msg, ctx, parsed, mention)
        if isinstance(asked, Answer):
            return asked
        account = asked.account
    elif pinned is not None or parsed.name:
        found = (
            pinned
            if pinned is not None
            else await ctx.store.read(
                asking.find_in_book, parsed.name or "", ctx.person, parsed.fresh
            )
        )
        if found.choices and found.account is None:
            return asking.question(msg, ctx, parsed, found)
        account = found.account  # a name outside the book stays in the task's text
    entities = {**parsed.entities(), **({"account": account.name} if account else {})}
    args = {
        "note": note,
        "account_id": account.id if account else None,
        "kind": parsed.kind if parsed.kind in KINDS else None,
        "time": parsed.time.strftime("%H:%M") if parsed.time else None,
        "message_id": msg.message_id,
    }
    today = asking.today(ctx)
    if parsed.date is None or parsed.date < today:
        days = ((0, "today"), (1, "tomorrow"), (7 - today.weekday(), "next_week"))
        choices = tuple(
            Button(
                ctx.t(f"task.{label}"),
                "task.create",
                {**args, "due": (today + timedelta(days=n)).isoformat()},
            )
            for n, label in days
        )
        return Answer(
            [Reply(ctx.t("task.ask_when", note=esc(note)), choices=choices, private=True)],
            intent="task",
            entities=entities,
        )
    return await _create(msg, ctx, {**args, "due": parsed.date.isoformat()})


@router.action("task.create")
async def create_on_day(msg: Incoming, ctx: Context, args: dict[str, Any]) -> Answer:
    """The day picked for a task said without one."""
    return await _create(msg, ctx, args, edit=True)


async def _create(
    msg: Incoming, ctx: Context, args: dict[str, Any], *, edit: bool = False
) -> Answer:
    assert ctx.person is not None
    person = ctx.person
    scope = await asking.owner_ids(ctx)
    account = None
    if args.get("account_id") is not None:
        account = (
            await ctx.store.read(asking.pinned_account, int(args["account_id"]), scope)
        ).account
    due = date.fromisoformat(str(args["due"]))
    created = await ctx.store.write(
        lambda tx: tx.tasks.add_task(
            person_id=person.id,
            note=str(args["note"]),
            due=due,
            actor=Actor.person(person.id),
            now=ctx.now(),
            kind=args.get("kind"),
            account_id=account.id if account else None,
            due_time=args.get("time"),
            source_platform=msg.platform,
            source_message_id=str(args.get("message_id")),
        )
    )
    where = ctx.t("task.for_account", account=esc(account.name)) if account else ""
    text = (
        ctx.t("task.created", when=_when(ctx, due, created.due_time), note=esc(created.note))
        + where
    )
    undo = Button(ctx.t("task.undo"), "task.undo", {"follow_up": created.id})
    entities = {"date": due.isoformat(), **({"account": account.name} if account else {})}
    return Answer(
        [Reply(text, buttons=(undo,), private=True, edit=edit)],
        intent="task",
        entities=entities,
        data={
            "follow_up_id": created.id,
            "due": due.isoformat(),
            "time": created.due_time,
            "note": created.note,
            "kind": created.kind,
        },
    )


async def _close(ctx: Context, args: dict[str, Any], state: str, key: str) -> Answer:
    assert ctx.person is not None
    person = ctx.person
    closed = await ctx.store.write(
        lambda tx: tx.tasks.close(
            int(args["follow_up"]), person.id, state, Actor.person(person.id), ctx.now()
        )
    )
    if closed is None:
        return Answer([Reply(ctx.t("task.gone"), edit=True)], intent="task")
    return Answer(
        [Reply(ctx.t(key, note=esc(closed.note or channel(closed.kind, ctx.locale))), edit=True)],
        intent="task",
        data={"follow_up_id": closed.id, "state": closed.state},
    )


@router.action("task.undo")
async def undo_task(msg: Incoming, ctx: Context, args: dict[str, Any]) -> Answer:
    return await _close(ctx, args, "cancelled", "task.undone")


@router.action("task.done")
async def task_done(msg: Incoming, ctx: Context, args: dict[str, Any]) -> Answer:
    """Done, from the task's reminder."""
    return await _close(ctx, args, "done", "task.done")


@router.action("task.postpone")
async def task_postpone(msg: Incoming, ctx: Context, args: dict[str, Any]) -> Answer:
    """Tomorrow, from the task's reminder: it is reminded again then."""
    assert ctx.person is not None
    person = ctx.person
    due = asking.today(ctx) + timedelta(days=1)
    moved = await ctx.store.write(
        lambda tx: tx.tasks.postpone(
            int(args["follow_up"]), person.id, due, Actor.person(person.id), ctx.now()
        )
    )
    if moved is None:
        return Answer([Reply(ctx.t("task.gone"), edit=True)], intent="task")
    text = ctx.t(
        "task.postponed",
        when=_when(ctx, due, moved.due_time),
        note=esc(moved.note or channel(moved.kind, ctx.locale)),
    )
    return Answer(
        [Reply(text, edit=True)],
        intent="task",
        data={"follow_up_id": moved.id, "due": moved.due_date},
    )


@asking.reruns("undo")
@router.intent("undo")
async def undo(msg: Incoming, ctx: Context, parsed: Parsed, pinned: Found | None = None) -> Answer:
    """ "desfaz", "apaga o último registro": what would go, and a button to confirm. With an
    account named ("apaga o que registrei na padaria") only the asker's last write there is
    offered: another account's would be a wrong confident answer."""
    assert ctx.person is not None
    person_id = ctx.person.id
    account: str | None = None
    account_id: int | None = None
    if pinned is not None or (
        parsed.mention is not None and not sales_words.wrong_place(normalize(parsed.text))
    ):
        # a name found in the book (or chosen on a "which one?"): resolved as status does
        found = await asking.resolve(msg, ctx, parsed, pinned)
        if isinstance(found, Answer):
            return found
        assert found.account is not None
        account, account_id = found.account.name, found.account.id
    entities = {"account": account} if account is not None else {}
    last = await ctx.store.read(
        lambda tx: tx.tasks.last_undoable(
            person_id, ctx.now() - UNDO_WINDOW, account_id=account_id
        )
    )
    if last is None:
        text = (
            ctx.t("undo.nothing_at", account=esc(account))
            if account is not None
            else ctx.t("undo.nothing")
        )
        return Answer([Reply(text)], intent="undo", entities=entities)
    where = ctx.t("undo.account", account=esc(last.account_name)) if last.account_name else ""
    text_ = esc(last.text[:120] + ("…" if len(last.text) > 120 else ""))
    if last.what == "task":
        text = ctx.t("undo.ask_task", account=where, text=text_)
    else:
        stamp = fmt.day(date.fromisoformat(last.created_at[:10]), ctx.locale)
        text = ctx.t(
            "undo.ask_interaction",
            kind=channel(last.kind, ctx.locale),
            account=where,
            when=stamp,
            text=text_,
        )
    buttons = (
        Button(
            ctx.t("undo.confirm"),
            "undo.confirm",
            {"what": last.what, "id": last.id},
            style="danger",
        ),
        Button(ctx.t("ask.cancel"), "ask.cancel"),
    )
    return Answer(
        [Reply(text, buttons=buttons, private=True)],
        intent="undo",
        entities=entities,
        data={"what": last.what, "id": last.id, "confirmed": False},
    )


@router.action("undo.confirm")
async def confirm_undo(msg: Incoming, ctx: Context, args: dict[str, Any]) -> Answer:
    assert ctx.person is not None
    person, actor, now = ctx.person, Actor.person(ctx.person.id), ctx.now()
    what, item = str(args["what"]), int(args["id"])
    if what == "task":
        done = await ctx.store.write(
            lambda tx: tx.tasks.close(item, person.id, "cancelled", actor, now) is not None
        )
    else:
        done = await ctx.store.write(
            lambda tx: tx.tasks.remove_interaction(item, person.id, actor, now)
        )
    if not done:
        return Answer([Reply(ctx.t("undo.gone"), edit=True)], intent="undo")
    return Answer(
        [Reply(ctx.t(f"undo.done_{what}"), edit=True)],
        intent="undo",
        data={"what": what, "id": item, "confirmed": True},
    )
