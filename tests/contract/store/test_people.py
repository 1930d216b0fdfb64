"""People, teams, identities, link codes and who sees whose book — through the interface."""

from __future__ import annotations

from datetime import timedelta

import pytest

from storage.audit import CLI
from storage.errors import ConstraintError, StoreError
from storage.interface import Store
from tests.contract.store.conftest import NOW, World


async def test_people_are_found_by_name_without_accents_or_case(
    store: Store, world: World
) -> None:
    assert await store.read(lambda tx: tx.people.find_person("ana souza")) == world.ana
    assert await store.read(lambda tx: tx.people.find_person("Nobody")) is None
    assert await store.read(lambda tx: tx.people.get_person(world.otto.id)) == world.otto
    names = await store.read(lambda tx: [p.name for p in tx.people.list_people()])
    assert set(names) == {"Carla Mendes", "Ana Souza", "Bia Lima", "Otto Norte", "Rafa Ops"}
    team = await store.read(
        lambda tx: [p.name for p in tx.people.list_people(team_id=world.team_id)]
    )
    assert set(team) == {"Carla Mendes", "Ana Souza", "Bia Lima"}


async def test_a_second_person_of_the_same_name_is_refused(store: Store, world: World) -> None:
    with pytest.raises(ConstraintError):
        await store.write(
            lambda tx: tx.people.add_person(
                name="Ana Souza", role="rep", timezone="UTC", locale="en", actor=CLI, now=NOW
            )
        )


async def test_teams_their_manager_and_target(store: Store, world: World) -> None:
    assert await store.read(lambda tx: tx.people.managed_team_ids(world.manager.id)) == [
        world.team_id
    ]
    same = await store.write(lambda tx: tx.people.ensure_team("Sudeste", CLI, NOW))
    assert same.id == world.team_id
    await store.write(lambda tx: tx.people.set_team_target(world.team_id, 5000.0, "BRL", CLI, NOW))
    teams = await store.read(lambda tx: tx.people.list_teams())
    assert {t.name for t in teams} == {"Sudeste", "Norte"}
    team = await store.read(lambda tx: tx.people.get_team(world.team_id))
    assert team is not None and team.manager_id == world.manager.id


async def test_each_role_sees_its_own_book(store: Store, world: World) -> None:
    def seen(person):  # noqa: ANN001, ANN202
        return store.read(lambda tx: tx.people.visible_owner_ids(person))

    assert await seen(world.ana) == [world.ana.id]
    assert await seen(world.manager) == sorted([world.manager.id, world.ana.id, world.bia.id])
    assert await seen(world.admin) is None


async def test_a_link_code_links_once_and_wrong_codes_slow_the_sender(
    store: Store, world: World
) -> None:
    code = await store.write(
        lambda tx: tx.people.create_link_code(world.ana.id, timedelta(days=7), CLI, NOW)
    )
    assert await store.read(lambda tx: tx.people.pending_link_code_since(world.ana.id, NOW)) == NOW
    linked = await store.write(
        lambda tx: tx.people.redeem_link_code(code.lower(), "telegram", "42", "42", NOW)
    )
    assert linked.status == "linked" and linked.person == world.ana
    again = await store.write(
        lambda tx: tx.people.redeem_link_code(code, "telegram", "43", None, NOW)
    )
    assert again.status == "used"
    for _ in range(3):
        await store.write(
            lambda tx: tx.people.redeem_link_code("NOPE", "telegram", "66", None, NOW)
        )
    throttled = await store.write(
        lambda tx: tx.people.redeem_link_code("NOPE", "telegram", "66", None, NOW)
    )
    assert throttled.status == "throttled" and throttled.retry_after_s > 0


async def test_an_expired_code_does_not_link(store: Store, world: World) -> None:
    code = await store.write(
        lambda tx: tx.people.create_link_code(world.bia.id, timedelta(minutes=5), CLI, NOW)
    )
    later = NOW + timedelta(minutes=6)
    result = await store.write(
        lambda tx: tx.people.redeem_link_code(code, "slack", "U1", None, later)
    )
    assert result.status == "expired"
    assert await store.read(lambda tx: tx.people.person_for_identity("slack", "U1")) is None


async def test_identities_reach_their_person_and_the_preferred_one_wins(
    store: Store, world: World
) -> None:
    await store.write(
        lambda tx: tx.people.link_identity(world.ana.id, "telegram", "100", "100", CLI, NOW)
    )
    await store.write(
        lambda tx: tx.people.link_identity(world.ana.id, "slack", "UANA", "D1", CLI, NOW)
    )
    assert (
        await store.lookup(lambda tx: tx.people.person_for_identity("telegram", "100"))
        == world.ana
    )
    found = await store.read(lambda tx: tx.people.identity_for("slack", "UANA"))
    assert found is not None and found.person_id == world.ana.id and found.chat_id == "D1"
    assert len(await store.read(lambda tx: tx.people.identities_of(world.ana.id))) == 2
    await store.write(lambda tx: tx.people.prefer_platform(world.ana.id, "telegram", CLI, NOW))
    preferred = await store.read(lambda tx: tx.people.preferred_identity(world.ana.id))
    assert preferred is not None and preferred.platform == "telegram"


async def test_working_hours_and_preferences_are_kept(store: Store, world: World) -> None:
    changed = await store.write(
        lambda tx: tx.people.set_schedule(
            world.bia.id, work_start="08:00", work_end="17:00", work_days="1,2,3,4,5,6",
            actor=CLI, now=NOW,
        )
    )  # fmt: skip
    assert (changed.work_start, changed.work_end, changed.work_days) == (
        "08:00",
        "17:00",
        "1,2,3,4,5,6",
    )
    schedule = await store.read(lambda tx: tx.schedules.schedule_of(world.bia.id))
    assert schedule.work_start == "08:00"
    many = await store.read(lambda tx: tx.schedules.schedules_of([world.ana.id, world.bia.id]))
    assert set(many) == {world.ana.id, world.bia.id}
    groups = await store.read(
        lambda tx: tx.schedules.schedule_groups([world.ana.id, world.bia.id])
    )
    assert sorted(ids for _, ids in groups) == [(world.ana.id,), (world.bia.id,)]


async def test_an_away_period_is_kept_and_can_end_early(store: Store, world: World) -> None:
    start, end = NOW.date(), NOW.date() + timedelta(days=4)
    await store.write(lambda tx: tx.schedules.add_away(CLI, world.ana.id, start, end, NOW))
    assert await store.read(lambda tx: tx.schedules.away_periods(world.ana.id)) == [(start, end)]
    ended = await store.write(
        lambda tx: tx.schedules.end_away(CLI, world.ana.id, start + timedelta(days=1), NOW)
    )
    assert ended is not None
    periods = await store.read(lambda tx: tx.schedules.away_periods(world.ana.id))
    assert all(last < end for _, last in periods)


async def test_reach_preferences_change_only_what_is_given(store: Store, world: World) -> None:
    changes: dict[str, str | None] = {"quiet_start": "12:00", "quiet_end": "13:00"}
    schedule = await store.write(
        lambda tx: tx.schedules.set_preferences(CLI, world.ana.id, changes, NOW)
    )
    assert (schedule.quiet_start, schedule.quiet_end, schedule.work_start) == (
        "12:00",
        "13:00",
        "09:00",
    )
    with pytest.raises(StoreError):
        await store.write(
            lambda tx: tx.schedules.set_preferences(CLI, world.ana.id, {"role": "admin"}, NOW)
        )
