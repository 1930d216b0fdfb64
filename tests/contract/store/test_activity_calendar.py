"""People's time, what went idle, what closed and the daily forecast, through the interface:
schedules grouped and absent, inactivity candidates, results by period and book, snapshots.

Each test states what SQLite does today; both backends must answer the same, in the same order.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from storage.audit import CLI
from storage.errors import ConstraintError, StoreError
from storage.forecasts import Forecast
from storage.interface import Store, Tx
from tests.contract.store.conftest import NOW, World

TODAY = NOW.date()


async def test_reach_preferences_refuse_unknown_names_and_people(
    store: Store, world: World
) -> None:
    with pytest.raises(StoreError):
        await store.write(
            lambda tx: tx.schedules.set_preferences(CLI, world.ana.id, {"name": "x"}, NOW)
        )
    with pytest.raises(StoreError):
        await store.read(lambda tx: tx.schedules.schedule_of(10_000))
    same = await store.write(lambda tx: tx.schedules.set_preferences(CLI, world.ana.id, {}, NOW))
    assert (same.person_id, same.name, same.locale, same.timezone) == (
        world.ana.id, "Ana Souza", "pt-BR", "America/Sao_Paulo",
    )  # fmt: skip
    assert (same.work_start, same.work_end, same.work_days) == ("09:00", "18:00", "1,2,3,4,5")
    assert (same.quiet_start, same.quiet_end, same.notify_mode, same.notify_times) == (
        None, None, "each", None,
    )  # fmt: skip
    quiet = await store.write(
        lambda tx: tx.schedules.set_preferences(
            CLI, world.ana.id, {"quiet_start": "12:00", "quiet_end": "13:00"}, NOW
        )
    )
    cleared = await store.write(
        lambda tx: tx.schedules.set_preferences(
            CLI, world.ana.id, {"quiet_start": None, "notify_mode": "batched"}, NOW
        )
    )
    assert (quiet.quiet_start, cleared.quiet_start, cleared.quiet_end) == ("12:00", None, "13:00")
    assert cleared.notify_mode == "batched"


async def test_absences_are_kept_in_order_and_end_early_or_vanish(
    store: Store, world: World
) -> None:
    with pytest.raises(ConstraintError):
        await store.write(
            lambda tx: tx.schedules.add_away(
                CLI, world.ana.id, TODAY, TODAY - timedelta(days=1), NOW
            )
        )

    def away(days_from: int, days_to: int) -> tuple:  # noqa: ANN001
        return (TODAY + timedelta(days=days_from), TODAY + timedelta(days=days_to))

    def setup(tx: Tx) -> list[int]:
        return [
            tx.schedules.add_away(CLI, world.ana.id, *away(10, 12), NOW),
            tx.schedules.add_away(CLI, world.ana.id, *away(-10, -5), NOW),
            tx.schedules.add_away(CLI, world.ana.id, *away(0, 3), NOW),
            tx.schedules.add_away(CLI, world.bia.id, *away(0, 0), NOW),
        ]

    ids = await store.write(setup)
    assert len(set(ids)) == 4
    periods = await store.read(lambda tx: tx.schedules.away_periods(world.ana.id))
    assert periods == [away(-10, -5), away(0, 3), away(10, 12)]
    current = await store.read(lambda tx: tx.schedules.away_periods(world.ana.id, TODAY))
    assert current == [away(0, 3), away(10, 12)]
    schedule = await store.read(lambda tx: tx.schedules.schedule_of(world.ana.id, TODAY))
    assert schedule.absences == (away(0, 3), away(10, 12))
    # back a day after leaving: the absence ends yesterday
    back = await store.write(
        lambda tx: tx.schedules.end_away(CLI, world.ana.id, TODAY + timedelta(days=1), NOW)
    )
    assert back == away(0, 3)
    assert await store.read(lambda tx: tx.schedules.away_periods(world.ana.id, TODAY)) == [
        away(0, 0), away(10, 12),
    ]  # fmt: skip
    # back the day it began: the absence is gone
    gone = await store.write(lambda tx: tx.schedules.end_away(CLI, world.bia.id, TODAY, NOW))
    assert gone == away(0, 0)
    assert await store.read(lambda tx: tx.schedules.away_periods(world.bia.id)) == []
    assert (
        await store.write(lambda tx: tx.schedules.end_away(CLI, world.bia.id, TODAY, NOW)) is None
    )
    assert (
        await store.write(
            lambda tx: tx.schedules.end_away(CLI, world.ana.id, TODAY + timedelta(days=5), NOW)
        )
        is None
    )


async def test_schedules_are_read_many_at_once_and_grouped_by_what_decides_reach(
    store: Store, world: World
) -> None:
    def setup(tx: Tx) -> None:
        tx.schedules.set_preferences(CLI, world.bia.id, {"work_start": "08:00"}, NOW)
        tx.schedules.set_preferences(CLI, world.admin.id, {"work_start": "08:00"}, NOW)
        tx.schedules.set_preferences(CLI, world.otto.id, {"quiet_start": "12:00"}, NOW)
        tx.schedules.add_away(CLI, world.ana.id, TODAY, TODAY + timedelta(days=2), NOW)
        tx.schedules.add_away(
            CLI, world.bia.id, TODAY - timedelta(days=9), TODAY - timedelta(days=8), NOW
        )

    await store.write(setup)
    everyone = [world.otto.id, world.admin.id, world.ana.id, world.bia.id, world.manager.id]
    many = await store.read(lambda tx: tx.schedules.schedules_of([*everyone, 10_000], TODAY))
    assert set(many) == set(everyone)
    assert many[world.ana.id].absences == ((TODAY, TODAY + timedelta(days=2)),)
    assert many[world.bia.id].absences == () and many[world.otto.id].quiet_start == "12:00"
    assert await store.read(lambda tx: tx.schedules.schedules_of([], TODAY)) == {}
    groups = await store.read(lambda tx: tx.schedules.schedule_groups(everyone, TODAY))
    # sorted by what decides reach (08:00 before 09:00; no quiet time before some), Ana (away)
    # alone and last; each group's schedule is its lowest id's
    assert [(s.person_id, s.name, s.work_start, s.quiet_start, ids) for s, ids in groups] == [
        (world.bia.id, "Bia Lima", "08:00", None, (world.bia.id, world.admin.id)),
        (world.manager.id, "Carla Mendes", "09:00", None, (world.manager.id,)),
        (world.otto.id, "Otto Norte", "09:00", "12:00", (world.otto.id,)),
        (world.ana.id, "Ana Souza", "09:00", None, (world.ana.id,)),
    ]
    assert groups[-1][0].absences == ((TODAY, TODAY + timedelta(days=2)),)
    assert groups[2][0].locale == "en"
    # without `since`, a past absence still sets its person apart
    past = await store.read(
        lambda tx: tx.schedules.schedule_groups([world.bia.id, world.admin.id])
    )
    assert [ids for _, ids in past] == [(world.admin.id,), (world.bia.id,)]
    assert past[1][0].absences == ((TODAY - timedelta(days=9), TODAY - timedelta(days=8)),)
    assert await store.read(lambda tx: tx.schedules.schedule_groups([])) == []


async def test_idle_deals_weigh_their_last_touch_and_scheduled_steps(
    store: Store, world: World
) -> None:
    cadence = {
        "key": "a", "name": {"pt-BR": "A", "en": "A"}, "kind": "exploratory",
        "steps": [{"wait": 0, "channel": "call"}],
    }  # fmt: skip

    def setup(tx: Tx) -> list[int]:
        tx.cadences.install([cadence], "builtin", CLI, NOW)
        second = tx.deals.create_deal(
            account_id=world.nortex, owner_id=world.otto.id, title="Nortex pilot",
            stage_key="prospecting", amount=1.0, actor=CLI, now=NOW - timedelta(days=3),
        )  # fmt: skip
        tx.deals.create_deal(
            account_id=world.nortex, owner_id=world.otto.id, title="Nortex won",
            stage_key="commit", amount=1.0, actor=CLI, now=NOW, status="won",
        )  # fmt: skip
        tx.interactions.log_interaction(
            person_id=world.ana.id, kind="call", occurred_at=NOW + timedelta(days=1), actor=CLI,
            now=NOW, account_id=world.acme, deal_id=world.deal,
        )  # fmt: skip
        tx.interactions.log_interaction(
            person_id=world.otto.id, kind="call", occurred_at=NOW - timedelta(days=5), actor=CLI,
            now=NOW, account_id=world.nortex, deal_id=second.id,
        )  # fmt: skip
        tx.enrolments.create(
            actor=CLI, cadence_key="a", account_id=world.nortex, owner_id=world.otto.id,
            due_at=NOW, now=NOW, deal_id=second.id,
        )  # fmt: skip
        return [second.id]

    (second,) = await store.write(setup)
    deals = await store.read(lambda tx: tx.inactivity.idle_deal_candidates())
    found = sorted(
        (d.deal_id, d.owner_id, d.title, d.account, d.idle_days, d.last_activity, d.has_next_step)
        for d in deals
    )
    assert found == [
        (
            world.deal,
            world.ana.id,
            "Acme renewal",
            "Acme Ltda",
            14,
            NOW + timedelta(days=1),
            False,
        ),
        # the stage change (3 days ago) is later than its last touch (5 days ago)
        (second, world.otto.id, "Nortex pilot", "Nortex", 21, NOW - timedelta(days=3), True),
    ]
    assert await store.read(lambda tx: tx.inactivity.idle_account_candidates()) == []


async def test_results_list_a_period_latest_first_within_the_book(
    store: Store, world: World
) -> None:
    def deal(tx: Tx, account: int, owner: int, title: str, days_ago: int, status: str = "won",
             amount: float = 100.0) -> int:  # fmt: skip
        return tx.deals.create_deal(
            account_id=account, owner_id=owner, title=title, stage_key="commit", amount=amount,
            actor=CLI, now=NOW - timedelta(days=days_ago), status=status,
            lost_reason="price" if status == "lost" else None,
        ).id  # fmt: skip

    def setup(tx: Tx) -> list[int]:
        return [
            deal(tx, world.acme, world.ana.id, "old", 10),
            deal(tx, world.padaria, world.ana.id, "recent", 1, amount=250.5),
            deal(tx, world.padaria, world.ana.id, "recent twin", 1),
            deal(tx, world.acme, world.bia.id, "bia's", 2, amount=1000.0),
            deal(tx, world.nortex, world.otto.id, "otto lost", 1, "lost"),
        ]

    old, recent, twin, bias, lost = await store.write(setup)
    start, end = TODAY - timedelta(days=10), TODAY
    anas = await store.read(lambda tx: tx.results.closed_deals([world.ana.id], "won", start, end))
    assert [(c.id, c.title, c.account_name, c.owner_name, c.closed_on) for c in anas] == [
        (
            twin,
            "recent twin",
            "Padaria Silva",
            "Ana Souza",
            (TODAY - timedelta(days=1)).isoformat(),
        ),
        (recent, "recent", "Padaria Silva", "Ana Souza", (TODAY - timedelta(days=1)).isoformat()),
        (old, "old", "Acme Ltda", "Ana Souza", (TODAY - timedelta(days=10)).isoformat()),
    ]
    assert (anas[1].amount, anas[1].currency, anas[1].lost_reason) == (250.5, "BRL", None)
    everyone = await store.read(
        lambda tx: tx.results.closed_deals(None, "won", start, end, limit=3)
    )
    assert [c.id for c in everyone] == [twin, recent, bias]
    # both days are included; a day outside is not
    edge = await store.read(
        lambda tx: tx.results.closed_deals(
            None, "won", TODAY - timedelta(days=10), TODAY - timedelta(days=2)
        )
    )
    assert [c.id for c in edge] == [bias, old]
    losses = await store.read(lambda tx: tx.results.closed_deals(None, "lost", start, end))
    assert [(c.id, c.lost_reason) for c in losses] == [(lost, "price")]
    assert await store.read(lambda tx: tx.results.closed_deals([], "won", start, end)) == []
    totals = await store.read(
        lambda tx: [
            tx.results.won_total([world.ana.id], start, end),
            tx.results.won_total([world.ana.id, world.bia.id], start, end),
            tx.results.won_total(None, TODAY - timedelta(days=1), TODAY),
            tx.results.won_total([world.otto.id], start, end),
        ]
    )
    assert totals == [(450.5, 3), (1450.5, 4), (350.5, 2), (0.0, 0)]
    assert all(isinstance(t, float) and isinstance(n, int) for t, n in totals)
    members = await store.read(lambda tx: sorted(tx.results.team_member_ids(world.team_id)))
    assert members == sorted([world.manager.id, world.ana.id, world.bia.id])
    assert await store.read(lambda tx: tx.results.team_member_ids(10_000)) == []


async def test_forecast_snapshots_are_one_per_team_and_day(store: Store, world: World) -> None:
    def setup(tx: Tx) -> int:
        return tx.people.ensure_team("Sem gestor", CLI, NOW).id

    lonely = await store.write(setup)
    teams = await store.read(lambda tx: tx.forecasts.teams())
    norte = await store.read(lambda tx: tx.people.get_team_by_name("Norte"))
    assert norte is not None
    assert teams == sorted(teams)  # by id
    assert dict(teams) == {world.team_id: "America/Sao_Paulo", norte.id: None, lonely: None}
    day = TODAY
    forecast = Forecast(day, day + timedelta(days=30), 5000.0, 0.0, 10_000.0, "BRL")
    assert await store.write(lambda tx: tx.forecasts.record(world.team_id, day, forecast))
    # another team the same day, the same team another day: each their own snapshot
    assert await store.write(lambda tx: tx.forecasts.record(lonely, day, forecast))
    tomorrow = day + timedelta(days=1)
    assert not await store.read(lambda tx: tx.forecasts.has_snapshot(world.team_id, tomorrow))
    assert await store.write(lambda tx: tx.forecasts.record(world.team_id, tomorrow, forecast))
    assert not await store.write(lambda tx: tx.forecasts.record(lonely, day, forecast))
    assert await store.read(
        lambda tx: [tx.forecasts.has_snapshot(t, day) for t in (world.team_id, lonely, norte.id)]
    ) == [True, True, False]  # fmt: skip
