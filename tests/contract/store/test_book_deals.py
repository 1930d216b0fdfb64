"""Deals and stages in depth — the order pipelines, forecasts and deal lists come in, pages,
what an update refuses, closing, and stages moving position — through the interface."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from storage.audit import CLI, Actor
from storage.errors import ConstraintError
from storage.interface import Store, Tx
from storage.stages import Stage
from storage.timefmt import to_db
from tests.contract.store.conftest import NOW, World

DAY = NOW.date()


def _deal(
    tx: Tx, world: World, owner_id: int, title: str, amount: float, stage: str = "proposal",
    close: date | None = None, status: str = "open", currency: str = "BRL",
    account_id: int | None = None,
) -> int:  # fmt: skip
    return tx.deals.create_deal(
        account_id=account_id or world.acme, owner_id=owner_id, title=title, stage_key=stage,
        amount=amount, actor=CLI, now=NOW, close_date=close, status=status, currency=currency,
    ).id  # fmt: skip


async def test_deal_lists_come_biggest_first_then_by_id_and_pages_neither_repeat_nor_skip(
    store: Store, world: World
) -> None:
    ana = world.ana.id
    small = await store.write(_deal, world, ana, "small", 500.0)
    tie = await store.write(_deal, world, ana, "tie", 10_000.0, account_id=world.padaria)
    await store.write(_deal, world, ana, "won already", 99_999.0, status="won")
    rows = await store.read(lambda tx: tx.deals.deal_rows([ana]))
    assert [r.id for r in rows] == [world.deal, tie, small]
    first = await store.read(lambda tx: tx.deals.deal_rows([ana], limit=2))
    rest = await store.read(lambda tx: tx.deals.deal_rows([ana], limit=2, offset=2))
    assert [r.id for r in first + rest] == [world.deal, tie, small]
    every = await store.read(lambda tx: tx.deals.deal_rows([ana], status=None))
    assert [r.title for r in every] == ["won already", "Acme renewal", "tie", "small"]
    row = rows[0]
    assert (row.stage_key, row.stage_pt, row.stage_en, row.probability, row.currency) == (
        "proposal", "Proposta", "Proposal", 0.5, "BRL",
    )  # fmt: skip
    assert row.stage_others == (("es", "Propuesta"),) and row.last_touch is None
    assert await store.read(lambda tx: tx.deals.deal_rows([world.otto.id])) == []
    assert len(await store.read(lambda tx: tx.deals.deal_rows(None))) == 3


async def test_deals_closing_in_a_period_come_by_date_then_biggest(
    store: Store, world: World
) -> None:
    ana = world.ana.id
    later = await store.write(_deal, world, ana, "later", 1.0, close=DAY + timedelta(days=3))
    big = await store.write(_deal, world, ana, "big", 50_000.0, close=DAY + timedelta(days=3))
    await store.write(_deal, world, ana, "no date", 7.0)
    await store.write(_deal, world, ana, "outside", 7.0, close=DAY + timedelta(days=30))
    end = DAY + timedelta(days=7)
    rows = await store.read(lambda tx: tx.deals.deal_rows([ana], close_from=DAY, close_to=end))
    assert [r.id for r in rows] == [world.deal, big, later]
    assert rows[1].close_date == (DAY + timedelta(days=3)).isoformat()
    counted = await store.read(
        lambda tx: tx.deals.count_deals([ana], close_from=DAY, close_to=end)
    )
    assert counted == (3, 60_001.0)
    assert await store.read(lambda tx: tx.deals.count_deals(None)) == (5, 60_015.0)


async def test_idle_deals_are_those_untouched_since_a_moment_oldest_touch_last(
    store: Store, world: World
) -> None:
    ana = world.ana.id
    other = await store.write(_deal, world, ana, "padaria", 5.0, account_id=world.padaria)
    since = to_db(NOW + timedelta(days=1))
    idle = await store.read(lambda tx: tx.deals.deal_rows([ana], idle_since=since))
    assert [r.id for r in idle] == [world.deal, other]  # never touched: by id
    assert await store.read(lambda tx: tx.deals.count_deals([ana], idle_since=since)) == (
        2, 10_005.0,
    )  # fmt: skip
    await store.write(lambda tx: tx.interactions.log_interaction(
        person_id=ana, kind="call", occurred_at=NOW, actor=Actor.person(ana), now=NOW,
        account_id=world.acme,
    ))  # fmt: skip
    idle = await store.read(lambda tx: tx.deals.deal_rows([ana], idle_since=since))
    # A deal never touched comes before one touched long ago.
    assert [(r.id, r.last_touch) for r in idle] == [(other, None), (world.deal, to_db(NOW))]
    recent = to_db(NOW - timedelta(hours=1))
    assert [r.id for r in await store.read(
        lambda tx: tx.deals.deal_rows([ana], idle_since=recent)
    )] == [other]  # fmt: skip
    assert await store.read(lambda tx: tx.deals.count_deals([ana], idle_since=recent)) == (1, 5.0)


async def test_the_pipeline_per_rep_is_biggest_weighted_first_then_by_name(
    store: Store, world: World
) -> None:
    await store.write(_deal, world, world.otto.id, "otto", 10_000.0, account_id=world.nortex)
    await store.write(_deal, world, world.bia.id, "bia", 2_000.0, stage="commit")
    await store.write(_deal, world, world.bia.id, "bia lost", 900.0, status="lost")
    owners = await store.read(lambda tx: tx.deals.pipeline_by_owner(None))
    assert [(o.name, o.count, o.amount, o.weighted) for o in owners] == [
        ("Ana Souza", 1, 10_000.0, 5_000.0),
        ("Otto Norte", 1, 10_000.0, 5_000.0),
        ("Bia Lima", 1, 2_000.0, 1_800.0),
    ]
    team = [world.manager.id, world.ana.id, world.bia.id]
    assert [o.owner_id for o in await store.read(lambda tx: tx.deals.pipeline_by_owner(team))] == [
        world.ana.id, world.bia.id,
    ]  # fmt: skip
    assert await store.read(lambda tx: tx.deals.pipeline_by_owner([world.manager.id])) == []


async def test_the_pipeline_per_stage_lists_every_stage_in_order_or_one(
    store: Store, world: World
) -> None:
    await store.write(_deal, world, world.ana.id, "early", 100.0, stage="prospecting")
    stages = await store.read(lambda tx: tx.deals.pipeline_by_stage([world.ana.id]))
    assert [(s.key, s.count, s.amount) for s in stages] == [
        ("prospecting", 1, 100.0), ("qualification", 0, 0.0), ("proposal", 1, 10_000.0),
        ("negotiation", 0, 0.0), ("commit", 0, 0.0),
    ]  # fmt: skip
    assert stages[0].label("es") == "Prospección" and stages[0].weighted == pytest.approx(10.0)
    otto = await store.read(lambda tx: tx.deals.pipeline_by_stage([world.otto.id], "proposal"))
    assert [(s.key, s.count, s.amount, s.weighted) for s in otto] == [("proposal", 0, 0.0, 0.0)]


async def test_the_main_currency_is_what_most_deals_are_in(store: Store, world: World) -> None:
    for n in range(2):
        await store.write(_deal, world, world.otto.id, f"usd {n}", 1.0, currency="USD")
    assert await store.read(lambda tx: tx.deals.main_currency([world.otto.id])) == "USD"
    assert await store.read(lambda tx: tx.deals.main_currency(None)) == "USD"
    assert await store.read(lambda tx: tx.deals.main_currency([world.ana.id])) == "BRL"
    assert await store.read(lambda tx: tx.deals.main_currency([world.bia.id])) == "BRL"


async def test_a_forecast_counts_won_weighted_committed_and_open_per_rep_by_name(
    store: Store, world: World
) -> None:
    end = DAY + timedelta(days=6)
    await store.write(_deal, world, world.ana.id, "won now", 1_000.0, status="won")
    await store.write(_deal, world, world.ana.id, "late", 2_000.0, stage="commit", close=end)
    await store.write(_deal, world, world.ana.id, "next month", 5.0, close=DAY + timedelta(30))
    await store.write(_deal, world, world.bia.id, "bia", 400.0, stage="prospecting", close=DAY)
    parts = await store.read(lambda tx: tx.deals.forecast_by_owner(None, DAY, end))
    assert [p.name for p in parts] == ["Ana Souza", "Bia Lima"]
    ana = parts[0].forecast
    assert (ana.won, ana.open_count) == (1_000.0, 2)
    assert ana.weighted == pytest.approx(1_000.0 + 5_000.0 + 1_800.0)
    assert ana.committed == pytest.approx(1_000.0 + 2_000.0)  # only stages at 0.7 or more
    assert ana.best_case == pytest.approx(1_000.0 + 12_000.0)
    strict = await store.read(
        lambda tx: tx.deals.forecast_by_owner([world.ana.id], DAY, end, commit_probability=0.95)
    )
    assert strict[0].forecast.committed == pytest.approx(1_000.0)
    later = DAY + timedelta(days=60)
    assert await store.read(lambda tx: tx.deals.forecast_by_owner(None, later, later)) == []


async def test_an_update_refuses_unknown_fields_and_missing_deals_and_changes_nothing(
    store: Store, world: World
) -> None:
    with pytest.raises(ConstraintError):
        await store.write(
            lambda tx: tx.deals.update_deal(world.deal, actor=CLI, now=NOW, colour="red")
        )
    with pytest.raises(ConstraintError):
        await store.write(lambda tx: tx.deals.update_deal(999_999, actor=CLI, now=NOW, amount=1))
    with pytest.raises(ConstraintError):
        await store.write(
            lambda tx: tx.deals.update_deal(world.deal, actor=CLI, now=NOW, amount=-5.0)
        )
    deal = await store.read(lambda tx: tx.deals.get_deal(world.deal))
    assert deal is not None and deal.amount == 10_000.0
    assert await store.read(lambda tx: tx.deals.get_deal(999_999)) is None


async def test_an_update_moves_dates_owners_and_closes_once(store: Store, world: World) -> None:
    moved = await store.write(lambda tx: tx.deals.update_deal(
        world.deal, actor=CLI, now=NOW, close_date=DAY + timedelta(days=9), owner_id=world.bia.id,
        title="Acme renewal 2027",
    ))  # fmt: skip
    assert (moved.close_date, moved.owner_id, moved.title) == (
        (DAY + timedelta(days=9)).isoformat(), world.bia.id, "Acme renewal 2027",
    )  # fmt: skip
    assert not await store.read(lambda tx: tx.deals.is_open_in_book(world.deal, [world.ana.id]))
    assert await store.read(lambda tx: tx.deals.is_open_in_book(world.deal, None))
    lost = await store.write(lambda tx: tx.deals.update_deal(
        world.deal, actor=CLI, now=NOW, status="lost", lost_reason="timing"
    ))  # fmt: skip
    assert (lost.status, lost.lost_reason) == ("lost", "timing")
    assert not await store.read(lambda tx: tx.deals.is_open_in_book(world.deal, None))
    audit = await store.read(lambda tx: tx.audit.entries("deal", world.deal))
    assert [e.action for e in audit] == ["update", "update", "create"]
    assert audit[0].before["status"] == "open" and audit[0].after["status"] == "lost"


async def test_the_open_deal_an_amount_goes_to(store: Store, world: World) -> None:
    ana = world.ana.id
    assert await store.read(lambda tx: tx.deals.only_open_deal(world.padaria, ana)) is None
    assert await store.read(lambda tx: tx.deals.latest_open_deal(world.padaria, ana)) is None
    second = await store.write(_deal, world, ana, "second", 3.0)
    assert await store.read(lambda tx: tx.deals.only_open_deal(world.acme, ana)) is None
    latest = await store.read(lambda tx: tx.deals.latest_open_deal(world.acme, ana))
    assert latest is not None and latest.id == second  # same moment: the newest id
    later = NOW + timedelta(minutes=5)
    await store.write(
        lambda tx: tx.deals.update_deal(world.deal, actor=CLI, now=later, amount=11_000.0)
    )
    latest = await store.read(lambda tx: tx.deals.latest_open_deal(world.acme, ana))
    assert latest is not None and (latest.id, latest.amount) == (world.deal, 11_000.0)
    await store.write(lambda tx: tx.deals.update_deal(second, actor=CLI, now=later, status="won"))
    assert await store.read(lambda tx: tx.deals.only_open_deal(world.acme, ana)) == world.deal
    assert [d.id for d in await store.read(lambda tx: tx.deals.deals_of_account(world.acme))] == [
        world.deal, second,
    ]  # fmt: skip


async def test_stages_can_trade_positions_and_lose_a_language(store: Store, world: World) -> None:
    swapped = [
        Stage("negotiation", 3, "Negociação", "Negotiation", 0.70, 14),
        Stage("proposal", 4, "Proposta", "Proposal", 0.50, None, (("fr", "Proposition"),)),
    ]
    assert await store.write(lambda tx: tx.stages.install_stages(swapped, CLI)) == 2
    stages = await store.read(lambda tx: tx.stages.list_stages())
    assert [(s.key, s.position) for s in stages] == [
        ("prospecting", 1), ("qualification", 2), ("negotiation", 3), ("proposal", 4),
        ("commit", 5),
    ]  # fmt: skip
    proposal = stages[3]
    assert (proposal.idle_days, proposal.others, proposal.label("es")) == (
        None, (("fr", "Proposition"),), "Proposta",
    )  # fmt: skip
    assert stages[2].others == ()
    # The deal keeps its stage; the pipeline follows the new order.
    order = await store.read(lambda tx: [s.key for s in tx.deals.pipeline_by_stage(None)])
    assert order == ["prospecting", "qualification", "negotiation", "proposal", "commit"]
    audit = await store.read(lambda tx: tx.audit.entries("stage", "proposal", limit=1))
    assert audit[0].before["position"] == 3 and audit[0].after["position"] == 4
    new = Stage("won_soon", 6, "Quase", "Almost", 0.95)
    assert await store.write(lambda tx: tx.stages.install_stages((new,), CLI)) == 1
    assert (await store.read(lambda tx: tx.stages.list_stages()))[-1] == new
