"""CSV import plans, exports and synthetic seeding in depth, through the interface: what a
snapshot holds per kind, new rows referring to each other, updates audited, closed deals'
dates, exports in a stable order, seeds that stack and stay deterministic."""

from __future__ import annotations

from datetime import timedelta

from storage.audit import CLI
from storage.interface import Store, Tx
from storage.seeding import SyntheticSpec
from storage.stages import DEFAULT_STAGES
from storage.transfer import Applied, Change
from tests.contract.store.conftest import NOW, World


async def test_a_snapshot_holds_what_its_kind_plans_against(store: Store, world: World) -> None:
    accounts = await store.read(lambda tx: tx.transfer.snapshot("accounts"))
    assert set(accounts) == {"accounts"}
    assert [a["name"] for a in accounts["accounts"]] == ["Acme Ltda", "Padaria Silva", "Nortex"]
    assert accounts["accounts"][1]["city"] == "Campinas"
    contacts = await store.read(lambda tx: tx.transfer.snapshot("contacts"))
    assert set(contacts) == {"accounts", "contacts"}
    assert contacts["contacts"] == [
        {"id": world.contact, "name": "João Dias", "account_id": world.acme,
         "email": "joao@acme.test", "phone": None, "role": None},
    ]  # fmt: skip
    deals = await store.read(lambda tx: tx.transfer.snapshot("deals"))
    assert set(deals) == {"accounts", "deals", "stages", "people"}
    assert deals["deals"][0]["title"] == "Acme renewal" and deals["deals"][0]["amount"] == 10_000
    assert sorted(s["position"] for s in deals["stages"]) == [
        s["position"] for s in deals["stages"]
    ]
    assert [p["id"] for p in deals["people"]] == sorted(p["id"] for p in deals["people"])


async def test_an_import_links_new_rows_by_ref_and_audits_every_change(
    store: Store, world: World
) -> None:
    before = await store.read(lambda tx: tx.transfer.snapshot("deals"))
    deal = before["deals"][0]

    def run(tx: Tx) -> object:
        return tx.transfer.apply_import(
            actor=CLI, now=NOW, reason="import crm.csv",
            new_accounts=[{"ref": -1, "name": "Nova Ótica", "latitude": -23.5, "longitude": 5}],
            new_contacts=[
                {"ref": -2, "name": "Lia Nova", "account_id": -1, "email": "lia@nova.test"},
                {"ref": -3, "name": "Rui Velho", "account_id": world.padaria},
            ],
            contact_updates=[Change(world.contact, {"role": None}, {"role": "CEO"})],
            new_deals=[
                {"ref": -4, "account_id": -1, "owner_id": world.bia.id, "title": "Primeiro",
                 "amount": 300, "currency": "BRL", "stage_key": "proposal", "status": "open"},
                {"ref": -5, "account_id": world.nortex, "owner_id": world.otto.id,
                 "title": "Fechado", "amount": 10, "currency": "USD", "stage_key": "commit",
                 "status": "won", "close_date": "2026-11-02"},
            ],
            deal_updates=[Change(deal["id"], dict(deal), {"status": "lost", "lost_reason": "price"})],
        )  # fmt: skip

    applied = await store.write(run)
    assert applied == Applied(accounts=1, contacts=2, deals=2, updates=2)
    accounts = {a.name: a for a in await store.read(lambda tx: tx.accounts.list_accounts())}
    nova = accounts["Nova Ótica"]
    assert (nova.latitude, nova.longitude) == (-23.5, 5.0)
    contacts = await store.read(lambda tx: tx.accounts.contacts_of(nova.id))
    assert [(c.name, c.email) for c in contacts] == [("Lia Nova", "lia@nova.test")]
    new_deals = await store.read(lambda tx: tx.deals.deals_of_account(nova.id))
    assert [(d.title, d.owner_id, d.amount) for d in new_deals] == [
        ("Primeiro", world.bia.id, 300)
    ]
    lost = await store.read(lambda tx: tx.deals.get_deal(deal["id"]))
    assert lost is not None and (lost.status, lost.lost_reason) == ("lost", "price")
    her = await store.read(lambda tx: tx.accounts.get_contact(world.contact))
    assert her is not None and her.role == "CEO"

    # a deal created closed counts as closed on its CRM close date
    closed = await store.read(
        lambda tx: tx.metrics.team_deals([world.otto.id], NOW.date() - timedelta(days=60))
    )
    assert [(d.title, d.closed_at.isoformat() if d.closed_at else None) for d in closed] == [
        ("Fechado", "2026-11-02T00:00:00+00:00")
    ]

    imported = await store.read(lambda tx: tx.audit.entries(limit=100))
    by_action: dict[str, list[object]] = {}
    for entry in imported:
        if entry.reason == "import crm.csv":
            by_action.setdefault(entry.action, []).append((entry.entity, entry.after))
    assert sorted(e for e, _ in by_action["import"]) == ["account", "contact", "contact",
                                                         "deal", "deal"]  # fmt: skip
    assert ("account", {"name": "Nova Ótica", "segment": None, "city": None, "state": None,
                        "website": None, "latitude": -23.5, "longitude": 5.0}) in by_action["import"]  # fmt: skip
    assert sorted(e for e, _ in by_action["import_update"]) == ["contact", "deal"]
    assert ("contact", {"role": "CEO"}) in by_action["import_update"]


async def test_imports_one_after_another_get_fresh_ids(store: Store, world: World) -> None:
    def one(name: str) -> object:
        return store.write(
            lambda tx: tx.transfer.apply_import(
                actor=CLI, now=NOW, reason="r", new_accounts=[{"ref": -1, "name": name}]
            )
        )

    await one("Primeira")
    await one("Segunda")
    made = await store.write(
        lambda tx: tx.accounts.create_account(name="Terceira", owner_id=None, actor=CLI, now=NOW)
    )
    ids = {a.name: a.id for a in await store.read(lambda tx: tx.accounts.list_accounts())}
    assert len(set(ids.values())) == len(ids) == 6
    assert ids["Primeira"] < ids["Segunda"] < made.id


async def test_exports_come_in_name_order_with_names_for_ids(store: Store, world: World) -> None:
    def more(tx: Tx) -> None:
        tx.accounts.create_account(name="beta", owner_id=None, actor=CLI, now=NOW)
        tx.accounts.create_contact(account_id=None, name="Sem Empresa", actor=CLI, now=NOW)
        tx.accounts.create_contact(account_id=world.nortex, name="Rui", actor=CLI, now=NOW)

    await store.write(more)
    accounts = await store.read(lambda tx: list(tx.transfer.export_rows("accounts")))
    assert [a["name"] for a in accounts] == ["Acme Ltda", "beta", "Nortex", "Padaria Silva"]
    assert accounts[3]["city"] == "Campinas" and list(accounts[0])[:2] == ["name", "segment"]
    contacts = await store.read(lambda tx: list(tx.transfer.export_rows("contacts")))
    assert [(c["name"], c["account"]) for c in contacts] == [
        ("Sem Empresa", None), ("João Dias", "Acme Ltda"), ("Rui", "Nortex"),
    ]  # fmt: skip
    deals = await store.read(lambda tx: list(tx.transfer.export_rows("deals")))
    assert deals == [
        {"account": "Acme Ltda", "title": "Acme renewal", "stage": "proposal", "amount": 10_000.0,
         "currency": "BRL", "close_date": "2026-11-23", "owner": "Ana Souza", "status": "open",
         "lost_reason": None},
    ]  # fmt: skip
    assert await store.read(lambda tx: list(tx.transfer.export_rows("interactions"))) == []


async def test_seeds_stack_on_a_store_and_repeat_for_the_same_spec(store: Store) -> None:
    spec = SyntheticSpec(reps=3, accounts=8, deals=6, interactions=40, enrolments=10, seed=5)
    await store.write(lambda tx: tx.stages.install_stages(DEFAULT_STAGES, CLI))
    first = await store.write(lambda tx: tx.seeding.seed_synthetic(spec, NOW))
    assert (first.people, first.contacts, first.total) == (4, 10, 4 + 8 + 10 + 6 + 40 + 10)
    rows = await store.read(lambda tx: list(tx.transfer.export_rows("deals")))
    second = await store.write(lambda tx: tx.seeding.seed_synthetic(spec, NOW))
    assert second == first
    both = await store.read(lambda tx: list(tx.transfer.export_rows("deals")))
    assert len(both) == 12
    # the same spec makes the same deals again (titles carry their own ids)
    strip = [{k: v for k, v in r.items() if k not in ("title", "account", "owner")} for r in rows]
    again = [{k: v for k, v in r.items() if k not in ("title", "account", "owner")} for r in both]
    assert sorted(map(repr, strip * 2)) == sorted(map(repr, again))
    # ids the seed gave are behind the next ones the store hands out
    made = await store.write(
        lambda tx: tx.accounts.create_account(name="Depois", owner_id=None, actor=CLI, now=NOW)
    )
    assert made.id == 17
    people = await store.read(lambda tx: tx.people.list_people())
    assert len(people) == 8 and len({p.name for p in people}) == 8
    seeded = await store.read(lambda tx: tx.audit.entries("dataset"))
    assert [e.action for e in seeded] == ["seed_synthetic", "seed_synthetic"]
    assert seeded[0].after is not None and seeded[0].after["rows"] == first.total


async def test_cadences_for_seeding_are_made_once_and_listed_by_key(
    store: Store, world: World
) -> None:
    assert await store.read(lambda tx: tx.seeding.cadence_keys()) == []
    assert await store.write(lambda tx: tx.seeding.ensure_cadences(NOW)) == ["synthetic"]
    assert await store.write(lambda tx: tx.seeding.ensure_cadences(NOW)) == ["synthetic"]
    assert await store.read(lambda tx: tx.seeding.cadence_keys()) == ["synthetic"]

    def enrol(tx: Tx) -> tuple[int, int]:
        ids = [
            tx.seeding.insert_enrolment(
                cadence_key="synthetic",
                account_id=account,
                contact_id=None,
                deal_id=None,
                owner_id=world.ana.id,
                step_index=2,
                due_at=NOW,
                actor=CLI,
                now=NOW,
            )  # fmt: skip
            for account in (world.acme, world.padaria)
        ]
        return ids[0], ids[1]

    first, second = await store.write(enrol)
    assert second > first
    trail = await store.read(lambda tx: tx.audit.entries("enrolment", first))
    assert [(e.action, e.after) for e in trail] == [
        (
            "create",
            {"cadence": "synthetic", "step_index": 2, "due_at": "2026-11-23T12:00:00+00:00"},
        )
    ]
