"""Cadence step actions in the chat: done/skip/snooze/replied, from buttons and from words.

Buttons on a reminder carry the enrolment and the step the rep saw; acting on a step that has
since moved on is refused with a sentence instead of advancing the cadence twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from rapidfuzz import fuzz

from cadence_jobs import rules, workflow
from cadence_jobs.calendar import WorkCalendar
from handlers.conversation.cadence_replies import (
    local_moment,
    name_markup,
    name_plain,
    person_calendar,
)
from handlers.kernel import asking
from handlers.kernel import formatting as fmt
from handlers.kernel.context import Context
from handlers.kernel.markup import esc
from handlers.kernel.messages import Answer, Button, Incoming, Reply
from handlers.kernel.router import Router
from storage import enrolments
from storage.audit import Actor
from storage.enrolments import Labelled, Stale
from storage.errors import NotFound
from storage.interface import Tx
from storage.text import fold

router = Router("cadence_actions")

SNOOZE_WORDS = {"1h": "hour", "hour": "hour", "tomorrow": "tomorrow", "next_week": "next_week"}


async def _allowed(ctx: Context, enrolment: enrolments.Enrolment) -> bool:
    person = ctx.person
    assert person is not None
    owners = await ctx.store.read(lambda tx: tx.people.visible_owner_ids(person))
    return owners is None or enrolment.owner_id in owners


async def _act(
    ctx: Context,
    enrolment_id: int,
    action: str,
    step: int | None,
    meeting: Meeting | None = None,
    **kw: Any,
) -> Answer:
    """Run one action and describe what happened, in the person's words; a meeting booked on a
    day said ("marquei reunião com a X dia 17") also goes on the agenda for that day."""
    person = ctx.person
    assert person is not None
    found = await ctx.store.read(lambda tx: tx.enrolments.get(enrolment_id))
    if found is None:
        return Answer([Reply(ctx.t("cadence.stale"), edit=True)], intent="cadence_action")
    if not await _allowed(ctx, found):
        return Answer([Reply(ctx.t("cadence.not_yours"))], intent="cadence_action")
    labelled = await ctx.store.read(_label, found)
    try:
        acted = await ctx.store.write(
            lambda tx: workflow.act(
                tx,
                actor=Actor.person(person.id),
                enrolment_id=enrolment_id,
                action=action,
                now=ctx.now(),
                options=ctx.options,
                step_index=step,
                locale=ctx.locale,
                **kw,
            )
        )
    except (Stale, rules.TransitionError, NotFound):
        return Answer([Reply(ctx.t("cadence.stale"), edit=True)], intent="cadence_action")
    cal = await person_calendar(ctx, found.owner_id)
    text = _describe(ctx, acted, labelled, cal, action)
    data = {
        "enrolment": enrolment_id,
        "action": action,
        "state": acted.enrolment.state,
        "step": acted.enrolment.step_index,
        "due_at": acted.enrolment.due_at.isoformat() if acted.enrolment.due_at else None,
    }
    entities = {"action": action, "account": labelled.account}
    if action == "snooze" and acted.enrolment.due_at:
        entities["date"] = cal.local_date(acted.enrolment.due_at).isoformat()  # moved to
    if meeting is not None and action == "meeting_booked":
        text += "\n" + await _book_meeting(ctx, meeting, found.account_id, labelled.account)
        entities["date"] = meeting.day.isoformat()
        data["meeting"] = meeting.day.isoformat()
    return Answer(
        [Reply(text, edit=True)],
        intent="cadence_action",
        entities=entities,
        data=data,
    )


def _label(tx: Tx, enrolment: enrolments.Enrolment) -> Labelled:
    account = tx.accounts.get_account(enrolment.account_id)
    contact = tx.accounts.get_contact(enrolment.contact_id) if enrolment.contact_id else None
    return Labelled(enrolment, account.name if account else "?", contact.name if contact else None)


def _describe(
    ctx: Context, acted: workflow.Acted, item: Labelled, cal: WorkCalendar, action: str
) -> str:
    cadence, after = acted.cadence, acted.enrolment
    who = name_markup(item)
    step = cadence.steps[acted.transition.step_index]
    if action == "done":
        lines = [ctx.t("cadence.done", action=esc(step.action.get(ctx.locale)), who=who)]
    elif action == "skip":
        lines = [ctx.t("cadence.skipped", who=who)]
    elif action == "snooze":
        assert after.due_at is not None  # a snoozed step is due again, later
        return ctx.t("cadence.snoozed", when=local_moment(ctx, cal, after.due_at))
    else:
        lines = [ctx.t("cadence.exited", who=who, outcome=ctx.t(f"cadence.outcome.{action}"))]
    if after.state == rules.ACTIVE and after.due_at and action in ("done", "skip"):
        nxt = cadence.steps[after.step_index]
        lines.append(
            ctx.t(
                "cadence.next",
                channel=ctx.t(f"cadence.channel.{nxt.channel}"),
                when=local_moment(ctx, cal, after.due_at),
            )
        )
    if after.state == rules.COMPLETED:
        lines.append(
            ctx.t("cadence.completed", cadence=esc(cadence.name.get(ctx.locale)), who=who)
        )
    if acted.switched_to is not None:
        lines.append(
            ctx.t("cadence.switched", who=who, cadence=esc(acted.switched_to.cadence_key))
        )
    if acted.stopped:
        lines.append(ctx.tn("cadence.account_stopped", len(acted.stopped)))
    return "\n".join(lines)


# -- buttons ---------------------------------------------------------------------------------


@router.action("step.done")
async def step_done(msg: Incoming, ctx: Context, args: dict) -> Answer:
    return await _act(ctx, int(args["enrolment"]), "done", args.get("step"))


@router.action("step.skip")
async def step_skip(msg: Incoming, ctx: Context, args: dict) -> Answer:
    return await _act(ctx, int(args["enrolment"]), "skip", args.get("step"))


@router.action("step.snooze")
async def step_snooze(msg: Incoming, ctx: Context, args: dict) -> Answer:
    option = args.get("option")
    if option is None:
        base = {"enrolment": args["enrolment"], "step": args.get("step")}
        choices = tuple(
            Button(ctx.t(f"cadence.snooze.{name}"), "step.snooze", {**base, "option": name})
            for name in rules.SNOOZES
        )
        return Answer(
            [Reply(ctx.t("cadence.snooze.ask"), choices=choices, edit=True)],
            intent="cadence_action",
        )
    return await _act(ctx, int(args["enrolment"]), "snooze", args.get("step"), snooze=option)


@router.action("step.replied")
async def step_replied(msg: Incoming, ctx: Context, args: dict) -> Answer:
    outcome = args.get("outcome")
    if outcome is None:
        found = await ctx.store.read(lambda tx: tx.enrolments.get(int(args["enrolment"])))
        who = name_markup(await ctx.store.read(_label, found)) if found else "?"
        base = {"enrolment": args["enrolment"], "step": args.get("step")}
        choices = tuple(
            Button(ctx.t(f"cadence.outcome.{name}"), "step.replied", {**base, "outcome": name})
            for name in rules.OUTCOMES
        )
        return Answer(
            [Reply(ctx.t("cadence.outcome.ask", who=who), choices=choices, edit=True)],
            intent="cadence_action",
        )
    return await _act(ctx, int(args["enrolment"]), outcome, args.get("step"))


# -- words -----------------------------------------------------------------------------------


def _matches(items: list[Labelled], name: str) -> list[Labelled]:
    wanted = fold(name)
    scored = []
    for item in items:
        names = [fold(item.account)] + ([fold(item.contact)] if item.contact else [])
        score = max(fuzz.WRatio(wanted, n) for n in names)
        if score >= 80:
            scored.append((score, item))
    if not scored:
        return []
    best = max(s for s, _ in scored)
    return [item for s, item in scored if s >= best - 5]


@router.intent("cadence_action")
async def cadence_action(msg: Incoming, ctx: Context, parsed: Any) -> Answer:
    """ "feito", "pular Acme", "adiar padaria para amanhã", "a Silva respondeu"."""
    assert ctx.person is not None
    action = getattr(parsed, "action", None)
    if action not in ("done", "skip", "snooze", "replied", "meeting_booked", "bounced"):
        action = "done"
    name = getattr(parsed, "name", None)
    mention = getattr(parsed, "mention", None)
    said = {"action": action}
    day = getattr(parsed, "date", None)
    if action == "snooze" and day is not None:
        said["date"] = day.isoformat()  # the day it was asked to move to, even if none is due
    meeting = _meeting_said(ctx, msg, parsed) if action == "meeting_booked" else None
    if meeting is not None:
        said["date"] = meeting.day.isoformat()  # the day of the meeting, kept to the store
    if mention is not None and mention.sure:
        said["account"] = mention.hits[0].account_name
    person_id = ctx.person.id
    items = await ctx.store.read(lambda tx: tx.enrolments.labelled_for_owners([person_id]))
    items = [i for i in items if i.enrolment.state == rules.ACTIVE]
    if mention is not None:  # the book already said which accounts the name means
        items = [i for i in items if i.enrolment.account_id in mention.account_ids]
        if not items:
            lines = [ctx.t("cadence.no_match", name=name or mention.text)]
            if meeting is not None and mention.sure:  # not in a cadence: the meeting still is
                hit = mention.hits[0]
                lines = [
                    ctx.t("cadence.not_in_one", account=esc(hit.account_name)),
                    await _book_meeting(ctx, meeting, hit.account_id, hit.account_name),
                ]
            return Answer(
                [Reply("\n".join(lines))],
                intent="cadence_action",
                entities=said,
            )
    elif name:
        items = _matches(items, name)
        if not items:
            return Answer(
                [Reply(ctx.t("cadence.no_match", name=name))],
                intent="cadence_action",
                entities=said,
            )
    if not items:
        return Answer([Reply(ctx.t("cadence.nothing_due"))], intent="cadence_action")
    distinct = {i.enrolment.account_id for i in items}
    if len(distinct) > 1 and name:
        choices = tuple(
            Button(
                name_plain(i),
                f"step.{action}",
                {"enrolment": i.enrolment.id, "step": i.enrolment.step_index},
            )
            for i in items[:10]
        )
        return Answer([Reply(ctx.t("cadence.which"), choices=choices)], intent="cadence_action")
    target = items[0].enrolment
    if action == "snooze":
        option = await _snooze_option(ctx, getattr(parsed, "snooze", None), target.owner_id)
        return await _act(ctx, target.id, "snooze", None, snooze=option)
    return await _act(ctx, target.id, action, None, meeting=meeting)


@dataclass(frozen=True)
class Meeting:
    """A meeting the rep booked, on the day (and at the time) said."""

    day: date
    at: time | None
    platform: str
    message_id: str


def _meeting_said(ctx: Context, msg: Incoming, parsed: Any) -> Meeting | None:
    """The day a booked meeting is on, when one was said and is not behind us."""
    day = getattr(parsed, "date", None)
    if not isinstance(day, date) or day < asking.today(ctx):
        return None
    return Meeting(day, getattr(parsed, "time", None), msg.platform, msg.message_id)


async def _book_meeting(ctx: Context, meeting: Meeting, account_id: int, account: str) -> str:
    """Put the meeting on the rep's agenda (a task of kind meeting, reminded on its day and
    undoable like any task), and say where it went."""
    assert ctx.person is not None
    person = ctx.person
    at = meeting.at.strftime("%H:%M") if meeting.at else None
    await ctx.store.write(
        lambda tx: tx.tasks.add_task(
            person_id=person.id,
            note=ctx.t("cadence.meeting_note", account=account),
            due=meeting.day,
            actor=Actor.person(person.id),
            now=ctx.now(),
            kind="meeting",
            account_id=account_id,
            due_time=at,
            source_platform=meeting.platform,
            source_message_id=meeting.message_id,
        )
    )
    today = asking.today(ctx)
    day = fmt.day(meeting.day, ctx.locale, weekday=True, year=meeting.day.year != today.year)
    when = ctx.t("task.at", day=day, time=at) if at else day
    return ctx.t("cadence.meeting_on_agenda", when=when)


async def _snooze_option(ctx: Context, said: str | None, owner_id: int) -> str | datetime:
    if said in SNOOZE_WORDS:
        return SNOOZE_WORDS[said]
    if said == "3h":
        return ctx.now() + timedelta(hours=3)
    if said:
        try:
            day = date.fromisoformat(said)
        except ValueError:
            return "tomorrow"
        cal = await person_calendar(ctx, owner_id)
        return cal.opening(cal.next_working_day(day))
    return "tomorrow"
