"""The demo team works like real people, whatever moment the demo is built at (the clock is
given, never read)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot import demo
from cadence_jobs import reminders
from storage import stages
from storage.db import Store
from storage.timefmt import from_db

FRIDAY_LATE = datetime(2026, 11, 20, 20, 19, tzinfo=UTC)  # 17:19 in São Paulo
SATURDAY_MIDNIGHT = datetime(2026, 11, 21, 3, 0, tzinfo=UTC)  # 00:00 in São Paulo


@pytest.mark.parametrize("now", [FRIDAY_LATE, SATURDAY_MIDNIGHT])
async def test_the_demo_team_works_weekdays_nine_to_six(tmp_path: Path, now: datetime) -> None:
    store = await Store.open(tmp_path / "demo.db")
    try:
        await store.write(stages.install_stages, stages.DEFAULT_STAGES, demo.ACTOR)
        await store.write(demo.build, now)
        hours = await store.read(
            lambda c: {tuple(r) for r in c.execute("SELECT work_start, work_end, work_days FROM people")}
        )
        rows = await store.read(
            lambda c: c.execute(
                "SELECT e.due_at, p.timezone FROM enrolments e JOIN people p ON p.id = e.owner_id"
            ).fetchall()  # rows: (due_at, zone)
        )
    finally:
        await store.close()
    assert hours == {("09:00", "18:00", "1,2,3,4,5")}
    local = [from_db(due).astimezone(ZoneInfo(tz)) for due, tz in rows]
    assert all(d.isoweekday() <= 5 and 9 <= d.hour < 18 for d in local)
    assert sum(from_db(due) <= now for due, _ in rows) >= 3  # work waiting, even on Saturday


def test_an_agenda_sent_in_the_afternoon_does_not_say_good_morning() -> None:
    zone = ZoneInfo("America/Sao_Paulo")
    item = {"due_at": "2026-11-20T12:00:00+00:00", "channel": "call",
            "action": {"pt-BR": "Ligar", "en": "Call"}, "contact": None, "account": "Acme"}
    late = reminders.agenda([item], "pt-BR", zone, FRIDAY_LATE).text
    early = reminders.agenda([item], "pt-BR", zone, datetime(2026, 11, 20, 11, 0, tzinfo=UTC))
    assert "Bom dia" not in late and "Boa tarde" in late and "Bom dia" in early.text
