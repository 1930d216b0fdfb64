"""People and teams in depth — the order lists come in, who a manager sees, what "already
exists" does, and identities moving between people — through the interface, on every backend."""

from __future__ import annotations

from datetime import timedelta

import pytest

from storage.audit import CLI
from storage.errors import ConstraintError, NotFound
from storage.interface import Store, Tx
from storage.people import Person
from tests.contract.store.conftest import NOW, World


def _add(tx: Tx, name: str, role: str = "rep", team: str | None = None) -> Person:
    return tx.people.add_person(
        name=name, role=role, timezone="UTC", locale="en", actor=CLI, now=NOW, team=team
    )


async def test_people_are_listed_by_name_as_bytes_compare(store: Store, world: World) -> None:
    await store.write(lambda tx: (_add(tx, "bruno Alves"), _add(tx, "Álvaro Reis")))
    names = await store.read(lambda tx: [p.name for p in tx.people.list_people()])
    # Upper case before lower case, an accented first letter after every unaccented one.
    assert names == [
        "Ana Souza", "Bia Lima", "Carla Mendes", "Otto Norte", "Rafa Ops", "bruno Alves",
        "Álvaro Reis",
    ]  # fmt: skip
    team = await store.read(
        lambda tx: [p.id for p in tx.people.list_people(team_id=world.team_id)]
    )
    assert team == [world.ana.id, world.bia.id, world.manager.id]
    assert await store.read(lambda tx: tx.people.list_people(team_id=999_999)) == []


async def test_teams_are_listed_ignoring_case(store: Store, world: World) -> None:
    for name in ("alpha", "Äx", "äa"):
        await store.write(lambda tx, n=name: tx.people.ensure_team(n, CLI, NOW))
    teams = await store.read(lambda tx: tx.people.list_teams())
    # ASCII letters compare without case; any other letter by its bytes ("Ä" before "ä").
    assert [t.name for t in teams] == ["alpha", "Norte", "Sudeste", "Äx", "äa"]
    assert all(t.target_amount is None and t.target_currency == "BRL" for t in teams)


async def test_a_team_named_again_in_another_case_is_the_same_team(
    store: Store, world: World
) -> None:
    same = await store.write(lambda tx: tx.people.ensure_team("  sudeste ", CLI, NOW))
    assert same.id == world.team_id and same.name == "Sudeste"
    assert await store.read(lambda tx: tx.people.get_team_by_name("SUDESTE")) == same
    assert await store.read(lambda tx: tx.people.get_team_by_name("Leste")) is None
    assert await store.read(lambda tx: tx.people.get_team(999_999)) is None
    created = await store.read(lambda tx: tx.audit.entries("team", world.team_id))
    assert [e.action for e in created] == ["set_manager", "set_manager", "create"]


async def test_a_new_manager_with_a_new_team_creates_and_manages_it(
    store: Store, world: World
) -> None:
    lia = await store.write(lambda tx: _add(tx, "Lia Leste", "manager", "Leste"))
    team = await store.read(lambda tx: tx.people.get_team_by_name("Leste"))
    assert team is not None and team.manager_id == lia.id and lia.team_id == team.id
    assert await store.read(lambda tx: tx.people.managed_team_ids(lia.id)) == [team.id]
    assert await store.read(lambda tx: tx.people.visible_owner_ids(lia)) == [lia.id]
    audit = await store.read(lambda tx: tx.audit.entries("person", lia.id))
    assert [(e.action, e.after["name"]) for e in audit] == [("create", "Lia Leste")]


async def test_a_person_is_refused_for_a_taken_name_in_any_case_or_accent_and_a_bad_role(
    store: Store, world: World
) -> None:
    with pytest.raises(ConstraintError):
        await store.write(lambda tx: _add(tx, "  ÁNA souza "))
    with pytest.raises(ConstraintError):
        await store.write(lambda tx: _add(tx, "Zé Novo", role="boss"))
    assert await store.read(lambda tx: tx.people.find_person("ze novo")) is None
    assert await store.read(lambda tx: tx.people.find_person("ÁNA SOUZA")) == world.ana
    with pytest.raises(NotFound):
        await store.read(lambda tx: tx.people.get_person(999_999))


async def test_a_manager_of_another_team_sees_that_team_and_themselves(
    store: Store, world: World
) -> None:
    nina = await store.write(lambda tx: _add(tx, "Nina Gestora", "manager"))
    assert await store.read(lambda tx: tx.people.visible_owner_ids(nina)) == [nina.id]
    norte = await store.read(lambda tx: tx.people.get_team_by_name("Norte"))
    assert norte is not None and norte.manager_id is None
    await store.write(lambda tx: tx.people.set_team_manager(norte.id, nina.id, CLI, NOW))
    assert await store.read(lambda tx: tx.people.managed_team_ids(nina.id)) == [norte.id]
    assert await store.read(lambda tx: tx.people.visible_owner_ids(nina)) == sorted(
        [nina.id, world.otto.id]
    )
    # A rep is never given more than their own book, whatever team they are in.
    assert await store.read(lambda tx: tx.people.visible_owner_ids(world.otto)) == [world.otto.id]
    entry = (await store.read(lambda tx: tx.audit.entries("team", norte.id, limit=1)))[0]
    assert (entry.before, entry.after) == ({"manager_id": None}, {"manager_id": nina.id})


async def test_a_team_target_is_kept_with_its_currency_and_audited(
    store: Store, world: World
) -> None:
    await store.write(lambda tx: tx.people.set_team_target(world.team_id, 7500.5, "USD", CLI, NOW))
    team = await store.read(lambda tx: tx.people.get_team(world.team_id))
    assert team is not None and (team.target_amount, team.target_currency) == (7500.5, "USD")
    await store.write(lambda tx: tx.people.set_team_target(world.team_id, 0.0, "BRL", CLI, NOW))
    entry = (await store.read(lambda tx: tx.audit.entries("team", world.team_id, limit=1)))[0]
    assert (entry.action, entry.before, entry.after) == (
        "set_target", {"target_amount": 7500.5}, {"target_amount": 0.0, "target_currency": "BRL"},
    )  # fmt: skip


async def test_identities_are_listed_preferred_first_then_newest(
    store: Store, world: World
) -> None:
    def link(tx: Tx, platform: str, ext: str, preferred: bool = True):  # noqa: ANN202
        return tx.people.link_identity(
            world.ana.id, platform, ext, ext, CLI, NOW, preferred=preferred
        )

    tg = await store.write(link, "telegram", "1")
    console = await store.write(link, "console", "c1", False)
    slack = await store.write(link, "slack", "U1")
    found = await store.read(lambda tx: tx.people.identities_of(world.ana.id))
    assert [(i.id, i.preferred) for i in found] == [
        (slack.id, True), (console.id, False), (tg.id, False),
    ]  # fmt: skip
    # Linking the console again without preference keeps where reminders go.
    await store.write(link, "console", "c1", False)
    assert (await store.read(lambda tx: tx.people.preferred_identity(world.ana.id))) == slack
    assert await store.read(lambda tx: tx.people.identities_of(world.bia.id)) == []
    assert await store.read(lambda tx: tx.people.preferred_identity(world.bia.id)) is None
    assert (
        await store.write(lambda tx: tx.people.prefer_platform(world.ana.id, "sms", CLI, NOW))
        is None
    )
    chosen = await store.write(
        lambda tx: tx.people.prefer_platform(world.ana.id, "telegram", CLI, NOW)
    )
    assert chosen is not None and chosen.id == tg.id
    after = await store.read(lambda tx: tx.people.identities_of(world.ana.id))
    assert [(i.id, i.preferred) for i in after] == [
        (tg.id, True), (slack.id, False), (console.id, False),
    ]  # fmt: skip


async def test_a_chat_linked_again_moves_to_its_new_person_and_keeps_its_id(
    store: Store, world: World
) -> None:
    first = await store.write(
        lambda tx: tx.people.link_identity(world.ana.id, "telegram", "7", "7", CLI, NOW)
    )
    moved = await store.write(
        lambda tx: tx.people.link_identity(
            world.bia.id, "telegram", "7", "70", CLI, NOW, preferred=False
        )
    )
    # Same row, new person and chat; it stays preferred (a link never lowers it).
    assert (moved.id, moved.person_id, moved.chat_id, moved.preferred) == (
        first.id, world.bia.id, "70", True,
    )  # fmt: skip
    assert await store.read(lambda tx: tx.people.person_for_identity("telegram", "7")) == world.bia
    assert await store.read(lambda tx: tx.people.identities_of(world.ana.id)) == []
    assert await store.read(lambda tx: tx.people.identity_for("telegram", "8")) is None
    assert await store.read(lambda tx: tx.people.person_for_identity("telegram", "8")) is None


async def test_a_new_link_code_cancels_the_old_one(store: Store, world: World) -> None:
    assert (
        await store.read(lambda tx: tx.people.pending_link_code_since(world.ana.id, NOW)) is None
    )
    old = await store.write(
        lambda tx: tx.people.create_link_code(world.ana.id, timedelta(days=1), CLI, NOW)
    )
    later = NOW + timedelta(hours=1)
    new = await store.write(
        lambda tx: tx.people.create_link_code(world.ana.id, timedelta(days=1), CLI, later)
    )
    assert old != new and len(new) == 8
    assert (
        await store.read(lambda tx: tx.people.pending_link_code_since(world.ana.id, later))
        == later
    )
    # Past its expiry the code is no longer pending.
    gone = NOW + timedelta(days=2)
    assert (
        await store.read(lambda tx: tx.people.pending_link_code_since(world.ana.id, gone)) is None
    )
    stale = await store.write(
        lambda tx: tx.people.redeem_link_code(old, "slack", "U9", None, later)
    )
    assert stale.status == "unknown"
    linked = await store.write(
        lambda tx: tx.people.redeem_link_code(f"  {new.lower()} ", "slack", "U9", "D9", later)
    )
    assert linked.status == "linked" and linked.person == world.ana
    assert (
        await store.read(lambda tx: tx.people.pending_link_code_since(world.ana.id, later)) is None
    )
    with pytest.raises(NotFound):
        await store.write(
            lambda tx: tx.people.create_link_code(999_999, timedelta(days=1), CLI, NOW)
        )


async def test_a_throttled_chat_may_try_again_after_the_wait_and_a_success_forgives_it(
    store: Store, world: World
) -> None:
    code = await store.write(
        lambda tx: tx.people.create_link_code(world.bia.id, timedelta(days=1), CLI, NOW)
    )
    for _ in range(4):
        await store.write(lambda tx: tx.people.redeem_link_code("WRONG", "slack", "U5", None, NOW))
    throttled = await store.write(
        lambda tx: tx.people.redeem_link_code(code, "slack", "U5", None, NOW)
    )
    assert throttled.status == "throttled"
    wait = throttled.retry_after_s
    assert wait > 0
    later = NOW + timedelta(seconds=wait)
    linked = await store.write(
        lambda tx: tx.people.redeem_link_code(code, "slack", "U5", None, later)
    )
    assert linked.status == "linked"
    # The failures were forgotten: a wrong code right away is just wrong, not throttled.
    wrong = await store.write(
        lambda tx: tx.people.redeem_link_code("WRONG", "slack", "U5", None, later)
    )
    assert wrong.status == "unknown"


async def test_a_schedule_change_is_returned_audited_and_refused_for_nobody(
    store: Store, world: World
) -> None:
    after = await store.write(
        lambda tx: tx.people.set_schedule(
            world.otto.id, work_start="07:30", work_end="16:00", work_days="2,3,4",
            actor=CLI, now=NOW,
        )
    )  # fmt: skip
    assert after == await store.read(lambda tx: tx.people.get_person(world.otto.id))
    assert (after.work_start, after.work_end, after.work_days, after.name) == (
        "07:30", "16:00", "2,3,4", "Otto Norte",
    )  # fmt: skip
    entry = (await store.read(lambda tx: tx.audit.entries("person", world.otto.id, limit=1)))[0]
    assert entry.before == {"work_start": "09:00", "work_end": "18:00", "work_days": "1,2,3,4,5"}
    with pytest.raises(NotFound):
        await store.write(
            lambda tx: tx.people.set_schedule(
                999_999, work_start="07:30", work_end="16:00", work_days="2", actor=CLI, now=NOW
            )
        )
