"""The demo team works like real people, whatever moment the demo is built at (the clock is
given, never read)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot import demo
from handlers.conversation import reminders
from storage import backends, stages

FRIDAY_LATE = datetime(2026, 11, 20, 20, 19, tzinfo=UTC)  # 17:19 in São Paulo
SATURDAY_MIDNIGHT = datetime(2026, 11, 21, 3, 0, tzinfo=UTC)  # 00:00 in São Paulo


@pytest.mark.parametrize("now", [FRIDAY_LATE, SATURDAY_MIDNIGHT])
async def test_the_demo_team_works_weekdays_nine_to_six(tmp_path: Path, now: datetime) -> None:
    store = await backends.connect(tmp_path / "demo.db")
    try:
        await store.write(lambda tx: tx.stages.install_stages(stages.DEFAULT_STAGES, demo.ACTOR))
        await store.write(demo.build, now)
        people = await store.read(
            lambda tx: [tx.schedules.schedule_of(p.id) for p in tx.people.list_people()]
        )
        hours = {(s.work_start, s.work_end, s.work_days) for s in people}
        rows = await store.read(
            lambda tx: [
                (e.due_at, s.timezone)
                for s in people
                for e in tx.enrolments.open_for_owner(s.person_id)
                if e.due_at is not None
            ]
        )  # rows: (due_at, the owner's zone)
    finally:
        await store.close()
    assert hours == {("09:00", "18:00", "1,2,3,4,5")}
    local = [due.astimezone(ZoneInfo(tz)) for due, tz in rows]
    assert all(d.isoweekday() <= 5 and 9 <= d.hour < 18 for d in local)
    assert sum(due <= now for due, _ in rows) >= 3  # work waiting, even on Saturday


def test_the_greeting_follows_the_readers_hour() -> None:
    assert reminders.greeting(17, "pt-BR") == "Boa tarde!"  # the demo started at 17:19
    assert reminders.greeting(9, "pt-BR") == "Bom dia!"
    assert reminders.greeting(20, "en") == "Good evening!"
