"""Cadences, enrolments, consents, the due scan and the outbox it feeds — through the
interface."""

from __future__ import annotations

from datetime import timedelta

import pytest

from storage.audit import CLI
from storage.enrolments import AlreadyEnrolled, OptedOut, Stale
from storage.interface import Store, Tx
from storage.metrics import Span
from storage.timefmt import to_db
from tests.contract.store.conftest import NOW, World

LOCALES = ("pt-BR", "en", "es")
CADENCE = {
    "key": "exploratory",
    "name": {"pt-BR": "Exploratória", "en": "Exploratory"},
    "kind": "exploratory",
    "steps": [{"wait": 0, "channel": "call"}, {"wait": 2, "channel": "email"}],
}


def _enrol(tx: Tx, world: World, contact: bool = True):  # noqa: ANN202
    tx.cadences.install([CADENCE], "builtin", CLI, NOW)
    return tx.enrolments.create(
        actor=CLI, cadence_key="exploratory", account_id=world.acme, owner_id=world.ana.id,
        due_at=NOW, now=NOW, channels=("call", "email"),
        contact_id=world.contact if contact else None, deal_id=world.deal,
    )  # fmt: skip


async def test_cadences_install_once_and_update_when_changed(store: Store) -> None:
    assert await store.write(lambda tx: tx.cadences.install([CADENCE], "builtin", CLI, NOW)) == 1
    assert await store.write(lambda tx: tx.cadences.install([CADENCE], "builtin", CLI, NOW)) == 0
    changed = {**CADENCE, "name": {"pt-BR": "Exploração", "en": "Exploratory"}}
    assert await store.write(lambda tx: tx.cadences.install([changed], "custom", CLI, NOW)) == 1
    stored = await store.read(lambda tx: tx.cadences.get("exploratory"))
    assert stored is not None and (stored.name_pt, stored.source) == ("Exploração", "custom")
    assert stored.definition["steps"][1]["channel"] == "email"
    assert [c.key for c in await store.read(lambda tx: tx.cadences.list_all())] == ["exploratory"]
    assert await store.read(lambda tx: tx.cadences.get("nope")) is None


async def test_an_enrolment_is_open_once_and_found_every_way(store: Store, world: World) -> None:
    enrolment = await store.write(_enrol, world)
    assert (enrolment.state, enrolment.step_index, enrolment.due_at) == ("active", 0, NOW)
    with pytest.raises(AlreadyEnrolled):
        await store.write(_enrol, world)
    assert await store.read(lambda tx: tx.enrolments.get(enrolment.id)) == enrolment
    assert (
        await store.read(lambda tx: tx.enrolments.open_for_contact(world.contact, "exploratory"))
        == enrolment
    )
    found = await store.read(
        lambda tx: tx.enrolments.open_in_cadence(
            world.acme, "exploratory", world.ana.id, any_contact=True
        )
    )
    assert found == enrolment
    assert await store.read(lambda tx: tx.enrolments.open_for_account(world.acme)) == [enrolment]
    assert await store.read(lambda tx: tx.enrolments.open_for_owner(world.ana.id)) == [enrolment]
    assert await store.read(lambda tx: tx.enrolments.active_in_cadence("exploratory")) == [
        enrolment
    ]
    assert await store.read(lambda tx: tx.enrolments.active_owner_ids()) == [world.ana.id]
    labelled = await store.read(lambda tx: tx.enrolments.labelled_for_owners([world.ana.id]))
    assert [item.enrolment.id for item in labelled] == [enrolment.id]


async def test_a_contact_who_opted_out_is_never_enrolled(store: Store, world: World) -> None:
    await store.write(
        lambda tx: tx.consents.opt_out(CLI, world.contact, "email", NOW, reason="asked")
    )
    assert await store.read(lambda tx: tx.consents.opted_out_channels(world.contact)) == {"email"}
    with pytest.raises(OptedOut):
        await store.write(_enrol, world)


async def test_a_step_moves_on_once_and_a_stale_action_is_refused(
    store: Store, world: World
) -> None:
    enrolment = await store.write(_enrol, world)
    due = NOW + timedelta(days=2)

    def advance(tx: Tx):  # noqa: ANN202
        return tx.enrolments.update(
            enrolment, actor=CLI, now=NOW, event="done", reason="called", step_index=1,
            due_at=due, state="active",
        )  # fmt: skip

    after = await store.write(advance)
    assert (after.step_index, after.due_at) == (1, due)
    with pytest.raises(Stale):
        await store.write(advance)
    assert await store.read(lambda tx: tx.enrolments.events(enrolment.id)) == [(0, "done")]
    await store.write(lambda tx: tx.enrolments.record_event(enrolment.id, 1, "snoozed", CLI, NOW))
    shifted = await store.write(
        lambda tx: tx.enrolments.shift_due(CLI, after, due + timedelta(days=1), NOW, "away")
    )
    assert shifted.due_at == due + timedelta(days=1)


async def test_a_paused_enrolment_is_found_when_its_pause_ends(store: Store, world: World) -> None:
    enrolment = await store.write(_enrol, world)
    until = NOW.date() + timedelta(days=3)
    await store.write(
        lambda tx: tx.enrolments.update(
            enrolment, actor=CLI, now=NOW, event="paused", reason="r", step_index=0, due_at=None,
            state="paused", paused_until=until,
        )
    )  # fmt: skip
    assert await store.read(lambda tx: tx.enrolments.paused_until_by(NOW.date())) == []
    assert [e.id for e in await store.read(lambda tx: tx.enrolments.paused_until_by(until))] == [
        enrolment.id
    ]


async def test_the_due_scan_queues_one_reminder_per_due_step(store: Store, world: World) -> None:
    enrolment = await store.write(_enrol, world)

    def scan(tx: Tx) -> int:
        owners = tx.due_scan.stage_due(NOW, 100)
        return tx.due_scan.queue_staged([(o, to_db(NOW), False) for o in owners], NOW)

    assert await store.write(scan) == 1
    assert await store.write(scan) == 0  # the step is marked: never queued twice
    due = await store.read(lambda tx: tx.outbox.due(NOW))
    assert [(i.kind, i.person_id, i.payload["enrolment_id"]) for i in due] == [
        ("reminder", world.ana.id, enrolment.id)
    ]


async def test_the_outbox_dedupes_retries_and_reports_its_backlog(
    store: Store, world: World
) -> None:
    def enqueue(tx: Tx, key: str, not_before=None):  # noqa: ANN001, ANN202
        return tx.outbox.enqueue(world.ana.id, "digest", key, {"text": "olá"}, NOW, not_before)

    first = await store.write(enqueue, "digest:1")
    assert first is not None and await store.write(enqueue, "digest:1") is None
    assert await store.read(lambda tx: tx.outbox.key_exists("digest:1"))
    await store.write(enqueue, "digest:later", NOW + timedelta(hours=1))
    assert [i.id for i in await store.read(lambda tx: tx.outbox.due(NOW))] == [first]
    assert await store.read(lambda tx: tx.outbox.backlog(NOW)) == 1
    state = await store.write(
        lambda tx: tx.outbox.mark_retry(first, "timeout", NOW + timedelta(minutes=1), 5)
    )
    assert state == "pending" and await store.read(lambda tx: tx.outbox.due(NOW)) == []
    await store.write(lambda tx: tx.outbox.postpone(first, NOW + timedelta(minutes=2)))
    later = NOW + timedelta(minutes=3)
    assert [i.id for i in await store.read(lambda tx: tx.outbox.due(later))] == [first]
    await store.write(lambda tx: tx.outbox.mark_sent(first, "telegram", "777", later))
    sent = await store.read(lambda tx: tx.outbox.get(first))
    assert sent is not None and (sent.state, sent.platform_message_id) == ("sent", "777")
    other = await store.write(enqueue, "digest:2")
    await store.write(lambda tx: tx.outbox.give_up(other, "blocked"))
    failed = await store.read(lambda tx: tx.outbox.failed())
    assert [(i.id, i.last_error) for i in failed] == [(other, "blocked")]


async def test_due_steps_rank_with_their_deal_and_stay_in_the_book(
    store: Store, world: World
) -> None:
    enrolment = await store.write(_enrol, world)
    later = to_db(NOW + timedelta(minutes=1))
    steps = await store.read(lambda tx: tx.interactions.due_steps([world.ana.id], later))
    assert [(s.source, s.id, s.channel, s.amount, s.contact_name) for s in steps] == [
        ("step", enrolment.id, "call", 10_000.0, "João Dias")
    ]
    assert await store.read(lambda tx: tx.interactions.due_steps([world.otto.id], later)) == []
    assert await store.read(lambda tx: tx.interactions.due_steps(None, to_db(NOW))) == []


async def test_a_seeded_enrolment_starts_mid_cadence(store: Store, world: World) -> None:
    await store.write(lambda tx: tx.cadences.install([CADENCE], "builtin", CLI, NOW))
    ident = await store.write(
        lambda tx: tx.seeding.insert_enrolment(
            cadence_key="exploratory", account_id=world.padaria, contact_id=None, deal_id=None,
            owner_id=world.ana.id, step_index=1, due_at=NOW, actor=CLI, now=NOW,
        )
    )  # fmt: skip
    found = await store.read(lambda tx: tx.enrolments.get(ident))
    assert found is not None and (found.step_index, found.state) == (1, "active")


async def test_work_elsewhere_at_an_account_is_known_not_who(store: Store, world: World) -> None:
    assert not await store.read(lambda tx: tx.books.others_at(world.acme, [world.ana.id]))
    await store.write(
        lambda tx: tx.interactions.log_interaction(
            person_id=world.otto.id, kind="visit", occurred_at=NOW, actor=CLI, now=NOW,
            account_id=world.acme,
        )
    )  # fmt: skip
    assert await store.read(lambda tx: tx.books.others_at(world.acme, [world.ana.id]))
    assert not await store.read(lambda tx: tx.books.others_at(world.acme, None))


async def test_cadence_names_per_locale_are_labels_written_from_the_files_name_table(
    store: Store, world: World
) -> None:
    # A store whose cadence was installed with pt-BR and English only gets the Spanish row
    # when the file gains it, and every place that lists a cadence step reads it.
    await store.write(_enrol, world)
    spanish = {**CADENCE, "name": {**CADENCE["name"], "es": "Exploratoria"}}  # type: ignore[dict-item]
    await store.write(lambda tx: tx.cadences.install([spanish], "builtin", CLI, NOW))
    later = to_db(NOW + timedelta(days=1))
    due = await store.read(lambda tx: tx.interactions.due_steps([world.ana.id], later))
    ahead = await store.read(lambda tx: tx.interactions.next_for_account(world.ana.id, world.acme))
    span = Span(
        now=NOW, today=NOW.date(), activity_start=NOW - timedelta(days=1), activity_end=NOW,
        since=NOW - timedelta(days=1), history_start=NOW - timedelta(days=90),
        last_month=(NOW.date() - timedelta(days=30), NOW.date()),
    )  # fmt: skip
    team = await store.read(lambda tx: tx.metrics.load_team(world.team_id, span))
    assert team is not None
    named = ["Exploratória", "Exploratory", "Exploratoria"]
    assert [due[0].cadence(lc) for lc in LOCALES] == named  # the agenda's line
    assert [ahead[0].cadence(lc) for lc in LOCALES] == named  # what comes next after a log
    assert [team.cadences[0].name(lc) for lc in LOCALES] == named  # the digest's table
    # A locale the file no longer names reads English (storage.labels.cadence_name).
    await store.write(lambda tx: tx.cadences.install([CADENCE], "builtin", CLI, NOW))
    due = await store.read(lambda tx: tx.interactions.due_steps([world.ana.id], later))
    assert [due[0].cadence(lc) for lc in LOCALES] == ["Exploratória", "Exploratory", "Exploratory"]


async def test_what_is_next_says_the_channel_of_the_definition_as_it_is_now(
    store: Store, world: World
) -> None:
    await store.write(_enrol, world)

    async def channels() -> list[str | None]:
        nexts = await store.read(
            lambda tx: tx.interactions.next_for_account(world.ana.id, world.acme)
        )
        return [n.channel for n in nexts if n.source == "step"]

    assert await channels() == ["call"]
    steps = [{"wait": 0, "channel": "whatsapp"}, {"wait": 2, "channel": "email"}]
    edited = {**CADENCE, "steps": steps}
    assert await store.write(lambda tx: tx.cadences.install([edited], "custom", CLI, NOW)) == 1
    assert await channels() == ["whatsapp"]  # not the first definition's, remembered


async def test_a_definition_edited_twice_in_one_write_is_read_as_the_last_edit(
    store: Store, world: World
) -> None:
    """Two edits in one transaction share its id (PostgreSQL's xmin): what is next must still
    name the channel of the definition as it is after the second, not the first."""
    await store.write(_enrol, world)

    def cadence_with(channel: str) -> dict:
        return {
            **CADENCE,
            "steps": [{"wait": 0, "channel": channel}, {"wait": 2, "channel": "email"}],
        }

    def edit_twice(tx: Tx) -> list[list[str | None]]:
        seen = []
        for channel in ("whatsapp", "linkedin"):
            tx.cadences.install([cadence_with(channel)], "custom", CLI, NOW)
            nexts = tx.interactions.next_for_account(world.ana.id, world.acme)
            seen.append([n.channel for n in nexts if n.source == "step"])
        return seen

    assert await store.write(edit_twice) == [["whatsapp"], ["linkedin"]]
