"""The inbox journal, idle records, forecast snapshots, digest inputs, backups noted, privacy
exports and erasure, synthetic seeding and CSV transfer — through the interface."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from storage.audit import CLI
from storage.backups import Backup
from storage.erasure import Scrub
from storage.forecasts import Forecast
from storage.inbox import MAX_ATTEMPTS, NotQuarantined
from storage.interface import Store
from storage.metrics import Span
from storage.seeding import SyntheticSpec
from storage.stages import DEFAULT_STAGES
from storage.transfer import Change
from tests.contract.store.conftest import NOW, World


async def test_the_inbox_journals_each_event_once_and_parks_failures(store: Store) -> None:
    events = [("1", {"text": "oi"}), ("2", {"text": "tchau"})]
    first = await store.write(lambda tx: tx.inbox.accept_many("telegram", events, NOW))
    assert (first.new, first.quarantined) == (2, ())
    assert (await store.write(lambda tx: tx.inbox.accept_many("telegram", events, NOW))).new == 0
    pending = await store.read(lambda tx: tx.inbox.pending("telegram"))
    assert [i.event_id for i in pending] == ["1", "2"] and '"oi"' in pending[0].payload
    await store.write(lambda tx: tx.inbox.mark_done(pending[0].id, NOW))
    bad = pending[1].id
    parked = [
        await store.write(lambda tx: tx.inbox.mark_attempt_failed(bad, "boom", NOW))
        for _ in range(MAX_ATTEMPTS)
    ]
    assert parked[-1] and not any(parked[:-1])
    assert await store.read(lambda tx: tx.inbox.count("telegram", "failed")) == 1
    assert [f.id for f in await store.read(lambda tx: tx.inbox.failed())] == [bad]
    assert await store.read(lambda tx: tx.inbox.payload(bad)) is not None
    assert await store.write(lambda tx: tx.inbox.retry([bad], CLI, NOW)) == [bad]
    with pytest.raises(NotQuarantined):
        await store.write(lambda tx: tx.inbox.drop([bad], CLI, NOW))
    assert await store.read(lambda tx: tx.inbox.count(state="pending")) == 1
    assert await store.write(lambda tx: tx.inbox.prune(NOW + timedelta(seconds=1))) == 1
    assert await store.read(lambda tx: tx.inbox.count()) == 1


async def test_idle_deals_and_accounts_are_candidates(store: Store, world: World) -> None:
    deals = await store.read(lambda tx: tx.inactivity.idle_deal_candidates())
    assert [(d.deal_id, d.idle_days, d.has_next_step) for d in deals] == [(world.deal, 14, False)]
    assert await store.read(lambda tx: tx.inactivity.idle_account_candidates()) == []


async def test_a_forecast_snapshot_is_kept_once_a_day(store: Store, world: World) -> None:
    teams = await store.read(lambda tx: tx.forecasts.teams())
    assert (world.team_id, "America/Sao_Paulo") in teams
    day = NOW.date()
    forecast = Forecast(day, day + timedelta(days=30), 5000.0, 0.0, 10_000.0, "BRL")
    assert not await store.read(lambda tx: tx.forecasts.has_snapshot(world.team_id, day))
    assert await store.write(lambda tx: tx.forecasts.record(world.team_id, day, forecast))
    assert not await store.write(lambda tx: tx.forecasts.record(world.team_id, day, forecast))
    assert await store.read(lambda tx: tx.forecasts.has_snapshot(world.team_id, day))


async def test_digest_inputs_are_read_per_team(store: Store, world: World) -> None:
    managers = await store.read(lambda tx: tx.metrics.digest_managers())
    assert [m.person_id for m in managers] == [world.manager.id]
    assert await store.read(lambda tx: tx.metrics.digest_managers(world.ana.id)) == []
    reps = await store.read(lambda tx: tx.metrics.team_reps(world.team_id))
    assert {r.person_id for r in reps} >= {world.ana.id, world.bia.id}
    assert len(await store.read(lambda tx: tx.metrics.stages())) == 5
    assert await store.read(lambda tx: tx.metrics.own_due(world.manager.id, NOW)) is None
    assert await store.read(lambda tx: tx.metrics.last_digest_at(world.manager.id, NOW)) is None
    day = NOW.date()
    span = Span(
        now=NOW, today=day, activity_start=NOW - timedelta(days=1), activity_end=NOW,
        since=NOW - timedelta(days=1), history_start=NOW - timedelta(days=90),
        last_month=(day - timedelta(days=30), day),
    )  # fmt: skip
    team = await store.read(lambda tx: tx.metrics.load_team(world.team_id, span))
    assert team is not None and team.team_name == "Sudeste"
    assert [d.id for d in team.deals] == [world.deal]
    assert await store.read(lambda tx: tx.metrics.load_team(999, span)) is None
    inputs = await store.read(lambda tx: tx.metrics.forecast_inputs(world.team_id, day))
    assert inputs is not None and [d.id for d in inputs.deals] == [world.deal]
    deals = await store.read(lambda tx: tx.metrics.team_deals([world.ana.id], day))
    assert [d.id for d in deals] == [world.deal]


async def test_backups_taken_are_remembered(store: Store, tmp_path: Path) -> None:
    await store.write(lambda tx: tx.backups.remember(tmp_path / "a.db", NOW))
    await store.write(lambda tx: tx.backups.remember_all([Backup(Path("/elsewhere/b.db"), "x")]))
    found = await store.read(lambda tx: tx.backups.remembered())
    assert {b.path for b in found} == {(tmp_path / "a.db").resolve(), Path("/elsewhere/b.db")}


async def test_a_contacts_personal_data_is_exported_and_forgotten(
    store: Store, world: World
) -> None:
    found = await store.read(lambda tx: tx.privacy.find_contacts("JOAO@ACME.TEST"))
    assert [c["id"] for c in found] == [world.contact]
    around = await store.read(lambda tx: tx.privacy.surroundings(world.contact))
    assert around.account_name == "Acme Ltda" and "Ana Souza" in around.users
    await store.write(
        lambda tx: tx.interactions.log_interaction(
            person_id=world.ana.id, kind="call", occurred_at=NOW, actor=CLI, now=NOW,
            body="falei com João Dias", account_id=world.acme,
        )
    )  # fmt: skip
    data = await store.read(
        lambda tx: tx.privacy.personal_data(world.contact, lambda t: "João" in t)
    )
    assert data["contact"]["email"] == "joao@acme.test"
    assert [i["body"] for i in data["interactions"]] == ["falei com João Dias"]

    def blank(text: str) -> str:
        return text.replace("João Dias", "[removed]")

    scrub = Scrub("[removed]", blank, blank, lambda t: t, lambda t: False, words=("joão", "joao"))
    survey = await store.read(lambda tx: tx.erasure.survey(world.contact, scrub))
    counts = await store.write(
        lambda tx: tx.erasure.forget(world.contact, scrub, survey, actor=CLI, now=NOW)
    )
    assert sum(counts.values()) > 0
    after = await store.read(
        lambda tx: tx.privacy.personal_data(world.contact, lambda t: "João" in t)
    )
    assert after["interactions"] == [] and after["contact"]["email"] is None


async def test_a_synthetic_book_is_seeded_deterministically(store: Store) -> None:
    spec = SyntheticSpec(reps=2, accounts=5, deals=4, interactions=10, enrolments=3, seed=1)
    await store.write(lambda tx: tx.stages.install_stages(DEFAULT_STAGES, CLI))
    counts = await store.write(lambda tx: tx.seeding.seed_synthetic(spec, NOW))
    assert (counts.accounts, counts.deals, counts.interactions) == (5, 4, 10)
    assert await store.read(lambda tx: tx.seeding.cadence_keys()) != []
    assert await store.write(lambda tx: tx.seeding.ensure_cadences(NOW)) != []


async def test_an_import_plan_is_applied_and_exported_back(store: Store, world: World) -> None:
    snap = await store.read(lambda tx: tx.transfer.snapshot("accounts"))
    acme = next(r for r in snap["accounts"] if r["id"] == world.acme)
    applied = await store.write(
        lambda tx: tx.transfer.apply_import(
            actor=CLI, now=NOW, reason="import test",
            new_accounts=[{"ref": -1, "name": "Importada SA", "city": "Recife"}],
            account_updates=[Change(world.acme, {"city": acme["city"]}, {"city": "Santos"})],
        )
    )  # fmt: skip
    assert (applied.accounts, applied.updates) == (1, 1)
    rows = await store.read(lambda tx: list(tx.transfer.export_rows("deals")))
    assert [(r["title"], r["account"]) for r in rows] == [("Acme renewal", "Acme Ltda")]
    accounts = await store.read(lambda tx: tx.accounts.list_accounts())
    assert {a.name: a.city for a in accounts}["Acme Ltda"] == "Santos"
    assert "Importada SA" in {a.name for a in accounts}
