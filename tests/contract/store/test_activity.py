"""Interactions, follow-ups, tasks and undo, button callbacks, alerts, small values and the
audit log — through the interface."""

from __future__ import annotations

from datetime import timedelta

from storage.audit import CLI, Actor
from storage.interface import Store, Tx
from storage.timefmt import to_db
from tests.contract.store.conftest import NOW, World


def _log(tx: Tx, world: World, message_id: str | None = "m1", body: str = "ligou"):  # noqa: ANN202
    return tx.interactions.log_interaction(
        person_id=world.ana.id, kind="call", occurred_at=NOW, actor=Actor.person(world.ana.id),
        now=NOW, body=body, account_id=world.acme, deal_id=world.deal,
        source_platform="telegram" if message_id else None, source_message_id=message_id,
    )  # fmt: skip


async def test_an_interaction_is_stored_once_per_platform_message(
    store: Store, world: World
) -> None:
    first = await store.write(_log, world)
    again = await store.write(_log, world, "m1", "redelivered")
    assert first.created and not again.created
    assert again.interaction.id == first.interaction.id and again.interaction.body == "ligou"
    stored = await store.read(lambda tx: tx.interactions.get_interaction(first.interaction.id))
    assert stored == first.interaction
    recent = await store.read(
        lambda tx: tx.interactions.recent_for_account(world.acme, [world.ana.id])
    )
    assert [i.id for i in recent] == [first.interaction.id]
    assert (
        await store.read(
            lambda tx: tx.interactions.recent_for_account(world.acme, [world.otto.id])
        )
        == []
    )


async def test_an_interactions_attachment_is_kept_and_read_back(
    store: Store, world: World
) -> None:
    def log(tx: Tx, attachment: str | None, message_id: str) -> int:
        return tx.interactions.log_interaction(
            person_id=world.ana.id, kind="visit", occurred_at=NOW, actor=CLI, now=NOW,
            account_id=world.acme, attachment=attachment, source_platform="telegram",
            source_message_id=message_id,
        ).interaction.id  # fmt: skip

    photo = await store.write(log, "telegram:photo:AgACAgEAAxkBAAIB", "p1")
    plain = await store.write(log, None, "p2")
    assert await store.read(lambda tx: tx.interactions.attachment(photo)) == (
        "telegram:photo:AgACAgEAAxkBAAIB"
    )
    assert await store.read(lambda tx: tx.interactions.attachment(plain)) is None
    assert await store.read(lambda tx: tx.interactions.attachment(plain + 1000)) is None


async def test_touches_are_counted_and_the_last_one_is_known(store: Store, world: World) -> None:
    assert (
        await store.read(lambda tx: tx.interactions.last_touch(world.acme, [world.ana.id])) is None
    )
    await store.write(_log, world, None)
    await store.write(_log, world, None)
    assert (
        await store.read(lambda tx: tx.interactions.last_touch(world.acme, [world.ana.id]))
        is not None
    )
    since = to_db(NOW - timedelta(days=1))
    assert await store.read(lambda tx: tx.interactions.touches_by_person(None, since)) == {
        world.ana.id: 2
    }
    assert (
        await store.read(lambda tx: tx.interactions.touches_by_person([world.bia.id], since)) == {}
    )


async def test_follow_ups_are_due_by_day_and_added_once_per_message(
    store: Store, world: World
) -> None:
    def add(tx: Tx, days: int):  # noqa: ANN202
        return tx.interactions.add_follow_up(
            person_id=world.ana.id, kind="call", due=NOW.date() + timedelta(days=days), actor=CLI,
            now=NOW, account_id=world.acme, note="call back", source_platform="slack",
            source_message_id=f"fu{days}",
        )  # fmt: skip

    tomorrow = await store.write(add, 1)
    assert (await store.write(add, 1)).id == tomorrow.id
    await store.write(add, 5)
    due = await store.read(
        lambda tx: tx.interactions.follow_ups_due(world.ana.id, NOW.date() + timedelta(days=2))
    )
    assert [f.id for f in due] == [tomorrow.id]
    at_account = await store.read(
        lambda tx: tx.interactions.follow_ups_due(world.ana.id, NOW.date(), world.acme)
    )
    assert len(at_account) == 2
    items = await store.read(
        lambda tx: tx.interactions.due_follow_ups([world.ana.id], NOW.date() + timedelta(days=9))
    )
    assert len(items) == 2
    nexts = await store.read(lambda tx: tx.interactions.next_for_account(world.ana.id, world.acme))
    assert [n.source for n in nexts] == ["follow_up", "follow_up"]
    behind = await store.read(
        lambda tx: tx.interactions.behind_by_owner(
            None, to_db(NOW), NOW.date() + timedelta(days=3)
        )
    )
    assert [(b.owner_id, b.follow_ups) for b in behind] == [(world.ana.id, 1)]


async def test_tasks_close_postpone_remind_and_undo(store: Store, world: World) -> None:
    task = await store.write(
        lambda tx: tx.tasks.add_task(
            person_id=world.ana.id, note="send deck", due=NOW.date(), actor=CLI, now=NOW,
            account_id=world.acme,
        )
    )  # fmt: skip
    assert await store.read(lambda tx: tx.tasks.get_follow_up(task.id)) == task
    pending = await store.read(lambda tx: tx.tasks.unreminded(NOW.date(), 10))
    assert [u.id for u in pending] == [task.id]
    await store.write(lambda tx: tx.tasks.mark_reminded([task.id], NOW))
    assert await store.read(lambda tx: tx.tasks.unreminded(NOW.date(), 10)) == []
    later = NOW.date() + timedelta(days=2)
    moved = await store.write(lambda tx: tx.tasks.postpone(task.id, world.ana.id, later, CLI, NOW))
    assert moved is not None and moved.due_date == later.isoformat()
    assert (
        await store.write(lambda tx: tx.tasks.close(task.id, world.bia.id, "done", CLI, NOW))
        is None
    )
    undo = await store.read(
        lambda tx: tx.tasks.last_undoable(world.ana.id, NOW - timedelta(minutes=5))
    )
    assert undo is not None and (undo.what, undo.id) == ("task", task.id)
    done = await store.write(lambda tx: tx.tasks.close(task.id, world.ana.id, "done", CLI, NOW))
    assert done is not None and done.state == "done"


async def test_undo_removes_only_ones_own_interaction(store: Store, world: World) -> None:
    logged = await store.write(_log, world)
    ident = logged.interaction.id
    assert not await store.write(
        lambda tx: tx.tasks.remove_interaction(ident, world.bia.id, CLI, NOW)
    )
    assert await store.write(lambda tx: tx.tasks.remove_interaction(ident, world.ana.id, CLI, NOW))
    assert await store.read(lambda tx: tx.interactions.get_interaction(ident)) is None


async def test_a_button_token_maps_back_once_and_expires(store: Store, world: World) -> None:
    tokens = await store.write(
        lambda tx: tx.callbacks.issue_many(
            world.ana.id, [("step.done", {"e": 1}), ("step.skip", {})], NOW
        )
    )
    assert len(set(tokens)) == 2 and all(len(t.encode()) <= 64 for t in tokens)
    found = await store.lookup(lambda tx: tx.callbacks.lookup(tokens[0], NOW))
    assert found is not None and (found.action, found.args, found.used) == (
        "step.done",
        {"e": 1},
        False,
    )
    assert await store.write_light(lambda tx: tx.callbacks.mark_used(tokens[0], NOW))
    assert not await store.write_light(lambda tx: tx.callbacks.mark_used(tokens[0], NOW))
    short = await store.write(
        lambda tx: tx.callbacks.issue(world.ana.id, "x", {}, NOW, timedelta(minutes=1))
    )
    later = NOW + timedelta(minutes=2)
    expired = await store.read(lambda tx: tx.callbacks.lookup(short, later))
    assert expired is not None and expired.expired
    assert await store.write(lambda tx: tx.callbacks.purge_expired(later)) == 1
    assert await store.read(lambda tx: tx.callbacks.lookup("", NOW)) is None


async def test_alert_marks_and_small_values(store: Store, world: World) -> None:
    assert not await store.read(lambda tx: tx.alerts.is_marked("idle:1"))
    await store.write(lambda tx: tx.alerts.mark(world.ana.id, ["idle:1", "idle:2"], NOW))
    assert await store.read(lambda tx: tx.alerts.is_marked("idle:2"))
    assert await store.read(lambda tx: tx.kv.get("missing", "fallback")) == "fallback"
    await store.write(lambda tx: tx.kv.put("offset", "1"))
    await store.write(lambda tx: tx.kv.put("offset", "2"))
    await store.write(lambda tx: tx.kv.probe("health", "ok"))
    assert await store.read(lambda tx: (tx.kv.get("offset"), tx.kv.get("health"))) == ("2", "ok")


async def test_the_audit_log_keeps_who_what_and_why(store: Store, world: World) -> None:
    await store.write(
        lambda tx: tx.audit.record(
            Actor.system("test"), "deal", world.deal, "touch", before={"a": 1}, after={"a": 2},
            reason="because", at=NOW,
        )
    )  # fmt: skip
    entry = (await store.read(lambda tx: tx.audit.entries("deal", world.deal, limit=1)))[0]
    assert (entry.actor, entry.action, entry.before, entry.after, entry.reason) == (
        "system:test", "touch", {"a": 1}, {"a": 2}, "because",
    )  # fmt: skip
    assert len(await store.read(lambda tx: tx.audit.entries(limit=3))) == 3
