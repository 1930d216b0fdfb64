"""A person's own hours from the chat: "meu horário é das 8 às 17", "não me avise no almoço".

Changing when reminders arrive is the person's to decide but easy to misread, so the bot shows
what it understood on a card and writes only after Confirm.
"""

from __future__ import annotations

from typing import Any

from handlers.kernel.context import Context
from handlers.kernel.messages import Answer, Button, Incoming, Reply
from handlers.kernel.router import Router
from handlers.understanding.hours import read_hours
from storage import schedules
from storage.audit import Actor

router = Router("preferences")


def _about_hours(msg: Incoming, ctx: Context) -> bool:
    return bool(msg.text) and read_hours(msg.text) is not None


def _kind(changes: dict[str, str]) -> tuple[str, str, str]:
    """Which setting the changes are, and its start and end."""
    if "work_start" in changes:
        return "hours", changes["work_start"], changes["work_end"]
    return "quiet", changes["quiet_start"], changes["quiet_end"]


@router.message(_about_hours)
async def propose_hours(msg: Incoming, ctx: Context) -> Answer:
    """Show what was understood, with Confirm and Cancel; nothing is written yet."""
    changes = read_hours(msg.text) or {}
    if not changes:
        return Answer([Reply(ctx.t("prefs.unclear"))], intent="preferences")
    kind, start, end = _kind(changes)
    card = Reply(
        ctx.t(f"prefs.confirm_{kind}", start=start, end=end),
        buttons=(
            Button(ctx.t("prefs.confirm"), "prefs.set", dict(changes), style="primary"),
            Button(ctx.t("ask.cancel"), "ask.cancel"),
        ),
    )
    return Answer([card], intent="preferences", entities={kind: {"start": start, "end": end}})


@router.action("prefs.set")
async def set_hours(msg: Incoming, ctx: Context, args: dict[str, Any]) -> Answer:
    """Confirm pressed: write the person's own hours (audited as theirs)."""
    assert ctx.person is not None
    person_id = ctx.person.id
    changes = {k: str(v) for k, v in args.items() if k in schedules.PREFERENCE_COLUMNS}
    written: dict[str, str | None] = dict(changes)  # the store also takes None (a reset)
    await ctx.store.write(
        lambda tx: tx.schedules.set_preferences(
            Actor.person(person_id), person_id, written, ctx.now()
        )
    )
    kind, start, end = _kind(changes)
    return Answer(
        [Reply(ctx.t(f"prefs.done_{kind}", start=start, end=end), edit=True)],
        intent="preferences",
        data=changes,
    )
