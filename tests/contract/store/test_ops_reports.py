"""Digest inputs (metrics) and the language-model allowance (ai_calls) in depth, through the
interface: who counts as a rep and in which order, which deals and changes a team's digest
reads, due steps, and the hourly and daily allowances with their tally."""

from __future__ import annotations

from datetime import timedelta

from storage.ai_calls import Refused
from storage.audit import CLI
from storage.interface import Store, Tx
from storage.metrics import Span
from tests.contract.store.conftest import NOW, World

DAY = NOW.date()
SPAN = Span(
    now=NOW, today=DAY, activity_start=NOW - timedelta(days=7), activity_end=NOW,
    since=NOW - timedelta(days=7), history_start=NOW - timedelta(days=90),
    last_month=(DAY.replace(day=1) - timedelta(days=31), DAY.replace(day=1) - timedelta(days=1)),
)  # fmt: skip


async def test_team_reps_are_reps_and_selling_managers_in_byte_order_of_name(
    store: Store, world: World
) -> None:
    def add(tx: Tx) -> None:
        for name in ("Zé Bravo", "bruno Alves", "Ágata Reis"):
            tx.people.add_person(
                name=name, role="rep", timezone="UTC", locale="en", actor=CLI, now=NOW,
                team="Sudeste",
            )  # fmt: skip

    await store.write(add)
    reps = await store.read(lambda tx: tx.metrics.team_reps(world.team_id))
    # name_folded ("agata reis", "ana souza", "bia lima", "bruno alves", "ze bravo"); the
    # manager owns no open deal and no enrolment, so is not a silent rep.
    assert [r.name for r in reps] == ["Ágata Reis", "Ana Souza", "Bia Lima", "bruno Alves",
                                      "Zé Bravo"]  # fmt: skip
    await store.write(
        lambda tx: tx.deals.create_deal(
            account_id=world.padaria, owner_id=world.manager.id, title="Da gerente",
            stage_key="proposal", amount=1.0, actor=CLI, now=NOW,
        )
    )  # fmt: skip
    reps = await store.read(lambda tx: tx.metrics.team_reps(world.team_id))
    assert world.manager.id in [r.person_id for r in reps]
    assert await store.read(lambda tx: tx.metrics.team_reps(999)) == ()


async def test_digest_managers_are_explicit_or_manager_members(store: Store, world: World) -> None:
    def norte_manager(tx: Tx) -> int:
        boss = tx.people.add_person(
            name="Nina Chefe", role="manager", timezone="America/Manaus", locale="en", actor=CLI,
            now=NOW, team="Norte",
        )  # fmt: skip
        return boss.id

    nina = await store.write(norte_manager)
    managers = await store.read(lambda tx: tx.metrics.digest_managers())
    assert [(m.person_id, m.timezone) for m in managers] == [
        (world.manager.id, "America/Sao_Paulo"),
        (nina, "America/Manaus"),
    ]
    only = await store.read(lambda tx: tx.metrics.digest_managers(nina))
    assert [m.person_id for m in only] == [nina]
    assert await store.read(lambda tx: tx.metrics.digest_managers(world.admin.id)) == []


async def test_a_teams_deals_are_its_open_ones_and_those_closed_since(
    store: Store, world: World
) -> None:
    def deals(tx: Tx) -> tuple[int, int, int]:
        won = tx.deals.create_deal(
            account_id=world.padaria, owner_id=world.bia.id, title="Ganho antigo",
            stage_key="commit", amount=500.0, actor=CLI, now=NOW - timedelta(days=60),
        )  # fmt: skip
        tx.deals.update_deal(won.id, actor=CLI, now=NOW - timedelta(days=40), status="won")
        recent = tx.deals.create_deal(
            account_id=world.padaria, owner_id=world.bia.id, title="Ganho recente",
            stage_key="commit", amount=700.0, actor=CLI, now=NOW - timedelta(days=10),
        )  # fmt: skip
        tx.deals.update_deal(recent.id, actor=CLI, now=NOW - timedelta(days=2), status="won")
        other = tx.deals.create_deal(
            account_id=world.nortex, owner_id=world.otto.id, title="Outro time",
            stage_key="proposal", amount=1.0, actor=CLI, now=NOW,
        )  # fmt: skip
        return won.id, recent.id, other.id

    old_won, recent_won, other_team = await store.write(deals)
    found = await store.read(
        lambda tx: tx.metrics.team_deals([world.ana.id, world.bia.id], DAY - timedelta(days=7))
    )
    by_id = {d.id: d for d in found}
    assert set(by_id) == {world.deal, recent_won}
    assert by_id[recent_won].status == "won" and by_id[recent_won].closed_at is not None
    assert by_id[world.deal].account == "Acme Ltda" and by_id[world.deal].last_touch_at is None
    assert by_id[world.deal].close_date == DAY and by_id[recent_won].last_touch_at is None
    assert await store.read(lambda tx: tx.metrics.team_deals([], DAY)) == ()
    wider = await store.read(
        lambda tx: tx.metrics.team_deals([world.bia.id], DAY - timedelta(days=50))
    )
    assert {d.id for d in wider} == {old_won, recent_won}
    assert other_team not in {d.id for d in wider}

    team = await store.read(lambda tx: tx.metrics.load_team(world.team_id, SPAN))
    assert team is not None
    assert (team.team_id, team.team_name, team.currency, team.target) == (
        world.team_id, "Sudeste", "BRL", None,
    )  # fmt: skip
    assert [s.key for s in team.stages] == [s.key for s in await store.read(
        lambda tx: tx.metrics.stages())]  # fmt: skip
    assert team.last_logged == {world.ana.id: None, world.bia.id: None}
    # the stage/status moves of the team's deals inside the window
    moves = {(c.deal_id, c.to_status) for c in team.changes}
    assert (recent_won, "won") in moves and all(c.deal_id != other_team for c in team.changes)


async def test_own_due_counts_active_steps_due_before_a_moment(store: Store, world: World) -> None:
    def enrol(tx: Tx) -> None:
        key = tx.seeding.ensure_cadences(NOW)[0]
        for account, hours in ((world.acme, -2), (world.padaria, 5)):
            tx.seeding.insert_enrolment(
                cadence_key=key, account_id=account, contact_id=None, deal_id=None,
                owner_id=world.ana.id, step_index=0, due_at=NOW + timedelta(hours=hours),
                actor=CLI, now=NOW,
            )  # fmt: skip

    await store.write(enrol)
    assert await store.read(lambda tx: tx.metrics.own_due(world.ana.id, NOW)) == 1
    assert (
        await store.read(lambda tx: tx.metrics.own_due(world.ana.id, NOW + timedelta(days=1))) == 2
    )
    assert await store.read(lambda tx: tx.metrics.own_due(world.bia.id, NOW)) is None
    team = await store.read(lambda tx: tx.metrics.load_team(world.team_id, SPAN))
    assert team is not None
    assert [(d.person_id, d.label) for d in team.due] == [(world.ana.id, "Acme Ltda")]
    # an owner with active enrolments is on the team's rep list even as a manager
    assert world.ana.id in [r.person_id for r in team.reps]


async def test_forecast_inputs_read_open_deals_and_this_months_closes(
    store: Store, world: World
) -> None:
    inputs = await store.read(lambda tx: tx.metrics.forecast_inputs(world.team_id, DAY))
    assert inputs is not None
    assert [d.id for d in inputs.deals] == [world.deal] and len(inputs.stages) == 5
    assert inputs.interactions == () and inputs.changes == ()
    assert await store.read(lambda tx: tx.metrics.forecast_inputs(999, DAY)) is None


async def test_an_ai_call_is_reserved_within_the_hourly_and_daily_allowances(
    store: Store, world: World
) -> None:
    def reserve(person: int, at_minutes: int, hourly: int = 2, daily: int = 3) -> object:
        return store.write(
            lambda tx: tx.ai_calls.reserve(
                person, world.team_id, "parse", "tiny", NOW + timedelta(minutes=at_minutes),
                NOW - timedelta(hours=3), hourly, daily,
            )
        )  # fmt: skip

    first, second = await reserve(world.ana.id, 0), await reserve(world.ana.id, 1)
    assert isinstance(first, int) and isinstance(second, int) and second != first
    assert await reserve(world.ana.id, 2) == Refused("person")
    assert isinstance(await reserve(world.ana.id, 61), int)  # the first left the last hour
    assert await reserve(world.bia.id, 62) == Refused("team")  # 3 today for the team
    assert isinstance(await reserve(world.bia.id, 62, daily=4), int)
    # no team: only the person's hourly limit applies
    alone = await store.write(
        lambda tx: tx.ai_calls.reserve(world.admin.id, None, "parse", "tiny", NOW, NOW, 1, 0)
    )
    assert isinstance(alone, int)


async def test_finished_calls_are_tallied_by_outcome_with_their_tokens(
    store: Store, world: World
) -> None:
    def calls(tx: Tx) -> None:
        for minutes, outcome, tokens in (
            (0, "ok", (10, 5)),
            (1, "ok", (7, 3)),
            (2, "timeout", None),
        ):
            call = tx.ai_calls.reserve(
                world.ana.id, world.team_id, "parse", "tiny", NOW + timedelta(minutes=minutes),
                NOW, 100, 100,
            )  # fmt: skip
            assert isinstance(call, int)
            if tokens:
                tx.ai_calls.finish(call, outcome, 120, *tokens)
        tx.ai_calls.reserve(
            world.bia.id, None, "parse", "tiny", NOW - timedelta(days=1), NOW, 9, 9
        )

    await store.write(calls)
    tally = await store.read(lambda tx: tx.ai_calls.tally(NOW))
    assert tally.by_outcome == {"ok": 2, "pending": 1}
    assert (tally.prompt_tokens, tally.completion_tokens) == (17, 8)
    everything = await store.read(lambda tx: tx.ai_calls.tally(NOW - timedelta(days=2)))
    assert everything.by_outcome == {"ok": 2, "pending": 2}
    empty = await store.read(lambda tx: tx.ai_calls.tally(NOW + timedelta(days=1)))
    assert (empty.by_outcome, empty.prompt_tokens, empty.completion_tokens) == ({}, 0, 0)
