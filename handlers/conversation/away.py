"""Time off from the chat: "estou de férias até 10/01" records the absence and moves the
person's due steps to after they are back.
"""

from __future__ import annotations

from typing import Any

from cadence_jobs import workflow
from handlers.conversation.cadence_replies import person_calendar
from handlers.kernel.context import Context
from handlers.kernel.messages import Answer, Incoming, Reply
from handlers.kernel.router import Router
from storage.audit import Actor

router = Router("away")


@router.intent("away")
async def away(msg: Incoming, ctx: Context, parsed: Any) -> Answer:
    """ "estou de férias até 10/01", "out of office from 3/2 to 3/13"."""
    person = ctx.person
    assert person is not None
    cal = await person_calendar(ctx, person.id)
    today = cal.local_date(ctx.now())
    period = getattr(parsed, "period", None)
    start, end = (period.start, period.end) if period else (today, getattr(parsed, "date", None))
    if end is None:
        return Answer([Reply(ctx.t("cadence.away.ask"))], intent="away")
    start = max(start, today)
    if end < start:
        return Answer([Reply(ctx.t("cadence.away.past"))], intent="away")
    moved = await ctx.store.write(
        lambda tx: workflow.set_away(
            tx,
            actor=Actor.person(person.id),
            person_id=person.id,
            start=start,
            end=end,
            now=ctx.now(),
            options=ctx.options,
        )
    )
    fmt = "%Y-%m-%d" if ctx.locale == "en" else "%d/%m/%Y"
    text = ctx.tn("cadence.away.done", moved, start=start.strftime(fmt), end=end.strftime(fmt))
    return Answer(
        [Reply(text)],
        intent="away",
        entities={"period": {"start": start.isoformat(), "end": end.isoformat()}},
        data={"moved": moved},
    )


@router.intent("away_end")
async def away_end(msg: Incoming, ctx: Context, parsed: Any) -> Answer:
    """ "voltei das férias", "I'm back": the current absence ends today."""
    assert ctx.person is not None
    person = ctx.person
    cal = await person_calendar(ctx, person.id)
    today = cal.local_date(ctx.now())
    ended = await ctx.store.write(
        lambda tx: tx.schedules.end_away(Actor.person(person.id), person.id, today, ctx.now())
    )
    if ended is None:
        return Answer([Reply(ctx.t("cadence.away.not_away"))], intent="away_end")
    fmt = "%Y-%m-%d" if ctx.locale == "en" else "%d/%m/%Y"
    start, end = ended
    text = ctx.t("cadence.away.back", start=start.strftime(fmt), end=end.strftime(fmt))
    return Answer(
        [Reply(text)],
        intent="away_end",
        data={
            "back_on": today.isoformat(),
            "was": {"start": start.isoformat(), "end": end.isoformat()},
        },
    )
