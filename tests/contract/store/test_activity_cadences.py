"""Cadences, enrolments and the due scan through the interface: orders, NULL due times, the
"already enrolled" paths, what a transition clears, and the reminders the scan queues.

Each test states what SQLite does today; both backends must answer the same, in the same order.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from storage.audit import CLI
from storage.enrolments import AlreadyEnrolled, Enrolment
from storage.interface import Store, Tx
from storage.timefmt import to_db
from tests.contract.store.conftest import NOW, World


def _cadence(key: str, channels: tuple[str, ...] = ("call", "email")) -> dict[str, object]:
    return {
        "key": key,
        "name": {"pt-BR": f"Cadência {key}", "en": f"Cadence {key}", "es": f"Cadencia {key}"},
        "kind": "exploratory",
        "steps": [{"wait": i, "channel": c} for i, c in enumerate(channels)],
    }


def _enrol(
    tx: Tx,
    account: int,
    owner: int,
    due: datetime,
    contact: int | None = None,
    key: str = "a",
    deal: int | None = None,
) -> Enrolment:
    return tx.enrolments.create(
        actor=CLI, cadence_key=key, account_id=account, owner_id=owner, due_at=due, now=NOW,
        contact_id=contact, deal_id=deal,
    )  # fmt: skip


def _move(
    tx: Tx,
    enrolment_id: int,
    *,
    event: str = "done",
    step: int | None = None,
    due: datetime | None = None,
    state: str = "active",
    keep_due: bool = False,
    exit_reason: str | None = None,
) -> Enrolment:
    current = tx.enrolments.get(enrolment_id)
    assert current is not None
    return tx.enrolments.update(
        current, actor=CLI, now=NOW, event=event, reason="test",
        step_index=current.step_index if step is None else step,
        due_at=current.due_at if keep_due else due, state=state, exit_reason=exit_reason,
    )  # fmt: skip


async def test_cadences_list_by_key_bytes_and_install_counts_changes(store: Store) -> None:
    # byte order: "a-b" before "a_b" (a locale-aware order would ignore the punctuation)
    keys = ["b", "a_b", "a-c", "B"]
    assert await store.write(
        lambda tx: tx.cadences.install([_cadence(k) for k in keys], "builtin", CLI, NOW)
    ) == 4  # fmt: skip
    assert await store.write(lambda tx: tx.cadences.install([], "builtin", CLI, NOW)) == 0
    listed = await store.read(lambda tx: tx.cadences.list_all())
    assert [c.key for c in listed] == ["B", "a-c", "a_b", "b"]
    first = listed[0]
    assert (first.name_pt, first.name_en, first.kind, first.source) == (
        "Cadência B", "Cadence B", "exploratory", "builtin",
    )  # fmt: skip
    assert first.name("es") == "Cadencia B" and first.updated_at == to_db(NOW)
    # one unchanged, one changed, one new: two changes
    later = NOW + timedelta(hours=1)
    changed = await store.write(
        lambda tx: tx.cadences.install(
            [_cadence("b"), _cadence("a_b", ("call",)), _cadence("new")], "custom", CLI, later
        )
    )
    assert changed == 2
    kept, moved = await store.read(lambda tx: (tx.cadences.get("b"), tx.cadences.get("a_b")))
    assert kept is not None and (kept.source, kept.updated_at) == ("builtin", to_db(NOW))
    assert moved is not None and (moved.source, moved.updated_at) == ("custom", to_db(later))
    assert [s["channel"] for s in moved.definition["steps"]] == ["call"]


async def test_an_account_is_enrolled_once_per_rep_and_cadence(store: Store, world: World) -> None:
    def setup(tx: Tx) -> Enrolment:
        tx.cadences.install([_cadence("a"), _cadence("b")], "builtin", CLI, NOW)
        return _enrol(tx, world.acme, world.ana.id, NOW)

    account_level = await store.write(setup)
    with pytest.raises(AlreadyEnrolled) as refused:
        await store.write(lambda tx: _enrol(tx, world.acme, world.ana.id, NOW))
    assert refused.value.existing == account_level
    # another rep, another cadence, or a contact of the account: each its own enrolment
    bias = await store.write(lambda tx: _enrol(tx, world.acme, world.bia.id, NOW))
    other = await store.write(lambda tx: _enrol(tx, world.acme, world.ana.id, NOW, key="b"))
    contact = await store.write(
        lambda tx: _enrol(tx, world.acme, world.ana.id, NOW, world.contact)
    )
    found = await store.read(
        lambda tx: (
            tx.enrolments.open_in_cadence(world.acme, "a", world.ana.id),
            tx.enrolments.open_in_cadence(world.acme, "a", world.ana.id, any_contact=True),
            tx.enrolments.open_in_cadence(world.acme, "a", world.otto.id),
            tx.enrolments.open_for_contact(world.contact, "a"),
            tx.enrolments.open_for_contact(world.contact, "b"),
        )
    )
    assert found == (account_level, account_level, None, contact, None)
    # once the account-level one exits, the contact's is the rep's open one
    await store.write(
        lambda tx: _move(
            tx, account_level.id, event="unenrolled", state="exited", exit_reason="won"
        )
    )
    after = await store.read(
        lambda tx: (
            tx.enrolments.open_in_cadence(world.acme, "a", world.ana.id),
            tx.enrolments.open_in_cadence(world.acme, "a", world.ana.id, any_contact=True),
            tx.enrolments.get(account_level.id),
        )
    )
    assert after[0] is None and after[1] == contact
    exited = after[2]
    assert exited is not None and (exited.state, exited.exit_reason, exited.due_at) == (
        "exited", "won", None,
    )  # fmt: skip
    again = await store.write(lambda tx: _enrol(tx, world.acme, world.ana.id, NOW))
    assert again.id > contact.id
    open_ids = await store.read(
        lambda tx: [e.id for e in tx.enrolments.open_for_account(world.acme)]
    )
    assert open_ids == [bias.id, other.id, contact.id, again.id]


async def test_open_enrolments_list_undated_first_then_soonest(store: Store, world: World) -> None:
    def setup(tx: Tx) -> list[int]:
        tx.cadences.install([_cadence("a"), _cadence("b")], "builtin", CLI, NOW)
        late = _enrol(tx, world.acme, world.ana.id, NOW + timedelta(days=2))
        soon = _enrol(tx, world.padaria, world.ana.id, NOW + timedelta(days=1))
        paused = _enrol(tx, world.padaria, world.ana.id, NOW, key="b")
        _move(tx, paused.id, event="paused", state="paused", due=None)
        tie = _enrol(tx, world.acme, world.ana.id, NOW + timedelta(days=1), world.contact)
        ottos = _enrol(tx, world.nortex, world.otto.id, NOW + timedelta(days=3))
        done = _enrol(tx, world.nortex, world.otto.id, NOW, key="b")
        _move(tx, done.id, event="completed", state="completed")
        return [late.id, soon.id, paused.id, tie.id, ottos.id]

    late, soon, paused, tie, ottos = await store.write(setup)
    anas = await store.read(lambda tx: [e.id for e in tx.enrolments.open_for_owner(world.ana.id)])
    assert anas == [paused, soon, tie, late]
    labelled = await store.read(lambda tx: tx.enrolments.labelled_for_owners(None))
    assert [(item.enrolment.id, item.account, item.contact) for item in labelled] == [
        (paused, "Padaria Silva", None),
        (soon, "Padaria Silva", None),
        (tie, "Acme Ltda", "João Dias"),
        (late, "Acme Ltda", None),
        (ottos, "Nortex", None),
    ]
    assert labelled[0].enrolment.due_at is None and labelled[0].enrolment.state == "paused"
    scoped = await store.read(lambda tx: tx.enrolments.labelled_for_owners([world.otto.id]))
    assert [item.enrolment.id for item in scoped] == [ottos]
    assert await store.read(lambda tx: tx.enrolments.labelled_for_owners([])) == []
    # active only: the paused and the completed ones are not
    assert await store.read(lambda tx: sorted(tx.enrolments.active_owner_ids())) == sorted(
        [world.ana.id, world.otto.id]
    )
    in_b = await store.read(lambda tx: tx.enrolments.active_in_cadence("b"))
    assert in_b == []
    in_a = await store.read(lambda tx: [e.id for e in tx.enrolments.active_in_cadence("a")])
    assert in_a == [late, soon, tie, ottos]


async def test_a_transition_clears_the_reminder_mark_only_when_the_step_moves(
    store: Store, world: World
) -> None:
    def setup(tx: Tx) -> int:
        tx.cadences.install([_cadence("a")], "builtin", CLI, NOW)
        enrolment = _enrol(tx, world.acme, world.ana.id, NOW)
        tx.due_scan.stage_due(NOW, 10)
        tx.due_scan.queue_staged([(world.ana.id, to_db(NOW), False)], NOW)
        return enrolment.id

    ident = await store.write(setup)
    marked = await store.read(lambda tx: tx.enrolments.get(ident))
    assert marked is not None and marked.notified_step == 0
    noted = await store.write(lambda tx: _move(tx, ident, event="replied", keep_due=True))
    assert noted.notified_step == 0 and noted.updated_at == NOW
    snoozed = await store.write(
        lambda tx: _move(tx, ident, event="snoozed", due=NOW + timedelta(hours=2))
    )
    assert snoozed.notified_step is None and snoozed.due_at == NOW + timedelta(hours=2)
    events = await store.read(lambda tx: tx.enrolments.events(ident))
    assert events == [(0, "replied"), (0, "snoozed")]
    until = NOW.date() + timedelta(days=2)
    paused = await store.write(
        lambda tx: tx.enrolments.update(
            snoozed, actor=CLI, now=NOW, event="paused", reason="r", step_index=0, due_at=None,
            state="paused", paused_until=until,
        )
    )  # fmt: skip
    assert (paused.state, paused.paused_until, paused.due_at) == ("paused", until, None)
    # the pause ends on its day, not before; an open-ended pause never by date
    other = await store.write(lambda tx: _enrol(tx, world.padaria, world.ana.id, NOW))
    await store.write(lambda tx: _move(tx, other.id, event="paused", state="paused", due=None))
    assert (
        await store.read(lambda tx: tx.enrolments.paused_until_by(until - timedelta(days=1))) == []
    )
    assert [e.id for e in await store.read(lambda tx: tx.enrolments.paused_until_by(until))] == [
        ident
    ]
    assert await store.read(lambda tx: tx.enrolments.get(10_000)) is None


async def test_the_due_scan_queues_the_earliest_first_once_and_only_for_reachable_owners(
    store: Store, world: World
) -> None:
    def setup(tx: Tx) -> list[int]:
        tx.cadences.install([_cadence("a")], "builtin", CLI, NOW)
        return [
            _enrol(tx, world.acme, world.ana.id, NOW - timedelta(hours=1)).id,
            _enrol(tx, world.padaria, world.ana.id, NOW - timedelta(hours=3)).id,
            _enrol(tx, world.nortex, world.otto.id, NOW - timedelta(hours=2)).id,
            _enrol(tx, world.acme, world.bia.id, NOW + timedelta(minutes=1)).id,  # not due yet
        ]

    acme, padaria, nortex, not_yet = await store.write(setup)
    later = to_db(NOW + timedelta(hours=1))

    def scan(tx: Tx, limit: int, times: dict[int, tuple[str, bool]]) -> tuple[list[int], int]:
        owners = tx.due_scan.stage_due(NOW, limit)
        wanted = [(o, *times[o]) for o in owners if o in times]
        return sorted(owners), tx.due_scan.queue_staged(wanted, NOW)

    # the two earliest; Otto may not be reached (no time given): his step is marked, not queued
    first = await store.write(scan, 2, {world.ana.id: (to_db(NOW), True)})
    assert first == (sorted([world.ana.id, world.otto.id]), 1)
    rest = await store.write(scan, 10, {world.ana.id: (later, False)})
    assert rest == ([world.ana.id], 1)
    assert await store.write(scan, 10, {world.ana.id: (later, False)}) == ([], 0)
    due_now = await store.read(lambda tx: tx.outbox.due(NOW))
    assert [(i.kind, i.person_id, i.payload) for i in due_now] == [
        ("reminder", world.ana.id, {
            "enrolment_id": padaria, "step_index": 0,
            "due_at": to_db(NOW - timedelta(hours=3)), "batched": True,
        }),
    ]  # fmt: skip
    keys = await store.read(
        lambda tx: [
            tx.outbox.key_exists(f"reminder:{padaria}:0:{to_db(NOW - timedelta(hours=3))}"),
            tx.outbox.key_exists(f"reminder:{acme}:0:{to_db(NOW - timedelta(hours=1))}"),
            tx.outbox.key_exists(f"reminder:{nortex}:0:{to_db(NOW - timedelta(hours=2))}"),
        ]
    )
    assert keys == [True, True, False]
    when = await store.read(
        lambda tx: [i.payload["enrolment_id"] for i in tx.outbox.due(NOW + timedelta(hours=1))]
    )
    assert when == [padaria, acme]
    marks = await store.read(
        lambda tx: [
            getattr(tx.enrolments.get(i), "notified_step", None) for i in (nortex, not_yet)
        ]
    )
    assert marks == [0, None]


async def test_a_step_back_at_a_time_already_reminded_is_marked_but_not_queued_again(
    store: Store, world: World
) -> None:
    # Snoozed, then moved back to the due time it was reminded at: its reminder's key is in the
    # outbox already, so the scan marks the step and queues nothing (the rep got that reminder).
    due = NOW - timedelta(hours=1)

    def setup(tx: Tx) -> int:
        tx.cadences.install([_cadence("a")], "builtin", CLI, NOW)
        return _enrol(tx, world.acme, world.ana.id, due).id

    def scan(tx: Tx) -> int:
        owners = tx.due_scan.stage_due(NOW, 10)
        return tx.due_scan.queue_staged([(o, to_db(NOW), False) for o in owners], NOW)

    ident = await store.write(setup)
    assert await store.write(scan) == 1
    await store.write(lambda tx: _move(tx, ident, event="snoozed", due=NOW + timedelta(hours=2)))
    back = await store.write(
        lambda tx: tx.enrolments.shift_due(CLI, tx.enrolments.get(ident), due, NOW, "test")
    )
    assert back.notified_step is None and back.due_at == due
    assert await store.write(scan) == 0
    marked = await store.read(lambda tx: tx.enrolments.get(ident))
    assert marked is not None and marked.notified_step == 0
    assert len(await store.read(lambda tx: tx.outbox.due(NOW))) == 1
