"""What every cadence reply shares: how a person names an enrolment, and a moment in the
owner's working calendar.
"""

from __future__ import annotations

from datetime import datetime

from cadence_jobs import workflow
from cadence_jobs.calendar import WorkCalendar
from handlers.kernel.context import Context
from handlers.kernel.markup import esc
from storage.enrolments import Labelled


def name_plain(
    item: Labelled | None, account: str | None = None, contact: str | None = None
) -> str:
    """How a person refers to an enrolment: "Maria (Padaria Silva)", as plain text."""
    if item is not None:
        account, contact = item.account, item.contact
    return f"{contact} ({account})" if contact and account else contact or account or "?"


def name_markup(
    item: Labelled | None, account: str | None = None, contact: str | None = None
) -> str:
    """`name_plain` escaped for markup text (button labels take the plain name)."""
    return esc(name_plain(item, account, contact))


async def person_calendar(ctx: Context, person_id: int) -> WorkCalendar:
    """The person's working calendar: zone, hours, holidays and absences."""
    return await ctx.store.read(workflow.person_calendar, person_id, ctx.options)


def local_moment(ctx: Context, cal: WorkCalendar, moment: datetime) -> str:
    """A moment as the reader writes it, in the calendar's time zone."""
    local = cal.local(moment)
    if ctx.locale == "en":
        return local.strftime("%a %b %d, %H:%M")
    return local.strftime("%d/%m %H:%M")
