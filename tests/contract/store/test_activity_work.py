"""The daily work through the interface: touches and their order and book, follow-ups and
tasks (due, ranked, reminded, undone), what is planned next and who is behind, button tokens.

Each test states what SQLite does today; both backends must answer the same, in the same order.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from storage.audit import CLI, Actor
from storage.interactions import FollowUp, Logged
from storage.interface import Store, Tx
from storage.timefmt import to_db
from tests.contract.store.conftest import NOW, World

CADENCE = {
    "key": "exploratory",
    "name": {"pt-BR": "Exploratória", "en": "Exploratory"},
    "kind": "exploratory",
    "steps": [{"wait": 0, "channel": "call"}, {"wait": 2, "channel": "email"}],
}
TODAY = NOW.date()


def _touch(
    tx: Tx,
    person: int,
    account: int,
    at: datetime,
    message: str | None = None,
    deal: int | None = None,
    now: datetime = NOW,
) -> Logged:
    return tx.interactions.log_interaction(
        person_id=person, kind="call", occurred_at=at, actor=Actor.person(person), now=now,
        account_id=account, deal_id=deal, body=message or "",
        source_platform="telegram" if message else None, source_message_id=message,
    )  # fmt: skip


def _follow_up(
    tx: Tx,
    person: int,
    due: date,
    account: int | None = None,
    *,
    message: str | None = None,
    deal: int | None = None,
    note: str = "",
    kind: str = "call",
) -> FollowUp:
    return tx.interactions.add_follow_up(
        person_id=person, kind=kind, due=due, actor=CLI, now=NOW, account_id=account,
        deal_id=deal, note=note, source_platform="slack" if message else None,
        source_message_id=message,
    )  # fmt: skip


async def test_recent_touches_come_newest_first_and_stay_in_their_book(
    store: Store, world: World
) -> None:
    def setup(tx: Tx) -> dict[str, int]:
        ids = {
            "old": _touch(tx, world.ana.id, world.acme, NOW - timedelta(hours=2), "m1"),
            "now_a": _touch(tx, world.ana.id, world.acme, NOW, "m2"),
            "now_b": _touch(tx, world.ana.id, world.acme, NOW, "m3"),
            # the manager's note on Ana's deal is part of that deal's history, so of Ana's book
            "manager": _touch(
                tx, world.manager.id, world.acme, NOW - timedelta(hours=1), deal=world.deal
            ),
            "otto": _touch(tx, world.otto.id, world.acme, NOW + timedelta(hours=1)),
        }
        return {k: v.interaction.id for k, v in ids.items()}

    ids = await store.write(setup)

    async def recent(book: list[int] | None, limit: int = 5) -> list[int]:
        rows = await store.read(
            lambda tx: tx.interactions.recent_for_account(world.acme, book, limit)
        )
        return [i.id for i in rows]

    # equal times: the later-stored first
    assert await recent([world.ana.id]) == [ids["now_b"], ids["now_a"], ids["manager"], ids["old"]]
    assert await recent([world.ana.id], 2) == [ids["now_b"], ids["now_a"]]
    assert await recent(None) == [
        ids["otto"],
        ids["now_b"],
        ids["now_a"],
        ids["manager"],
        ids["old"],
    ]
    assert await recent([world.bia.id]) == []

    touches = await store.read(
        lambda tx: [
            tx.interactions.last_touch(world.acme, [world.ana.id]),
            tx.interactions.last_touch(world.acme, None),
            tx.interactions.last_touch(world.acme, [world.bia.id]),
            tx.interactions.last_touch(world.padaria, [world.ana.id]),
            tx.interactions.last_touch(world.acme, []),
        ]
    )
    assert touches == [to_db(NOW), to_db(NOW + timedelta(hours=1)), None, None, None]
    since = to_db(NOW - timedelta(minutes=90))
    counts = await store.read(
        lambda tx: [
            tx.interactions.touches_by_person([world.ana.id, world.otto.id], since),
            tx.interactions.touches_by_person(None, since),
            tx.interactions.touches_by_person([], since),
        ]
    )
    assert counts == [
        {world.ana.id: 2, world.otto.id: 1},
        {world.ana.id: 2, world.otto.id: 1, world.manager.id: 1},
        {},
    ]


async def test_a_touch_keeps_every_field_and_a_redelivery_changes_nothing(
    store: Store, world: World
) -> None:
    first = await store.write(
        lambda tx: tx.interactions.log_interaction(
            person_id=world.ana.id, kind="visit", occurred_at=NOW, actor=CLI, now=NOW,
            body="visita", account_id=world.acme, deal_id=world.deal, contact_id=world.contact,
            outcome="positive", latitude=-23.5, longitude=-46.6, source_platform="slack",
            source_message_id="s1",
        )
    )  # fmt: skip
    stored = first.interaction
    assert (stored.kind, stored.outcome, stored.contact_id, stored.occurred_at) == (
        "visit", "positive", world.contact, to_db(NOW),
    )  # fmt: skip
    # the same message id on another platform is another message
    other = await store.write(
        lambda tx: tx.interactions.log_interaction(
            person_id=world.ana.id, kind="call", occurred_at=NOW, actor=CLI, now=NOW,
            source_platform="telegram", source_message_id="s1",
        )
    )  # fmt: skip
    assert other.created and other.interaction.id != stored.id
    assert other.interaction.account_id is None and other.interaction.body == ""
    again = await store.write(
        lambda tx: tx.interactions.log_interaction(
            person_id=world.bia.id, kind="note", occurred_at=NOW, actor=CLI, now=NOW,
            body="changed", source_platform="slack", source_message_id="s1",
        )
    )  # fmt: skip
    assert not again.created and again.interaction == stored
    assert await store.read(lambda tx: tx.interactions.get_interaction(10_000)) is None


async def test_a_follow_up_is_added_once_per_message_and_listed_by_day(
    store: Store, world: World
) -> None:
    def setup(tx: Tx) -> list[FollowUp]:
        return [
            _follow_up(tx, world.ana.id, TODAY + timedelta(days=2), world.acme, message="a"),
            _follow_up(tx, world.ana.id, TODAY, world.acme, note="first today"),
            _follow_up(tx, world.ana.id, TODAY, world.padaria, note="second today"),
            _follow_up(tx, world.bia.id, TODAY, world.acme),  # Bia's, at Ana's account
            _follow_up(tx, world.ana.id, TODAY + timedelta(days=9)),  # no account
        ]

    later, first, second, bias, far = await store.write(setup)
    assert (far.account_id, far.deal_id, far.due_time, far.state) == (None, None, None, "open")
    repeated = await store.write(
        lambda tx: tx.interactions.add_follow_up(
            person_id=world.ana.id, kind="email", due=TODAY, actor=CLI, now=NOW, note="other",
            due_time="10:00", source_platform="slack", source_message_id="a",
        )
    )  # fmt: skip
    assert repeated == later  # the first one, unchanged
    # without a source message nothing is deduplicated
    twin = await store.write(lambda tx: _follow_up(tx, world.ana.id, TODAY + timedelta(days=9)))
    assert twin.id != far.id
    timed = await store.write(
        lambda tx: tx.interactions.add_follow_up(
            person_id=world.ana.id, kind="meeting", due=TODAY, actor=CLI, now=NOW,
            account_id=world.acme, deal_id=world.deal, due_time="15:30", note="demo",
        )
    )  # fmt: skip
    assert (timed.kind, timed.deal_id, timed.due_time, timed.note, timed.due_date) == (
        "meeting", world.deal, "15:30", "demo", TODAY.isoformat(),
    )  # fmt: skip
    await store.write(lambda tx: tx.tasks.close(timed.id, world.ana.id, "done", CLI, NOW))

    due = await store.read(
        lambda tx: tx.interactions.follow_ups_due(world.ana.id, TODAY + timedelta(days=2))
    )
    assert [f.id for f in due] == [first.id, second.id, later.id]
    assert await store.read(lambda tx: tx.interactions.follow_ups_due(world.otto.id, TODAY)) == []
    # with an account: every open follow-up there, whoever's and whenever due
    at_acme = await store.read(
        lambda tx: tx.interactions.follow_ups_due(world.ana.id, TODAY, world.acme)
    )
    assert [f.id for f in at_acme] == [first.id, bias.id, later.id]


async def test_due_follow_ups_rank_by_their_deal_and_stay_in_their_book(
    store: Store, world: World
) -> None:
    def setup(tx: Tx) -> list[FollowUp]:
        _touch(tx, world.ana.id, world.acme, NOW - timedelta(days=1))
        return [
            _follow_up(tx, world.ana.id, TODAY, world.acme, deal=world.deal, note="proposal"),
            _follow_up(tx, world.bia.id, TODAY + timedelta(days=1), world.padaria),
            _follow_up(tx, world.ana.id, TODAY, None, kind="task", note="expenses"),
            _follow_up(tx, world.otto.id, TODAY, world.nortex),
        ]

    deal_fu, bias, loose, ottos = await store.write(setup)
    mine = await store.read(lambda tx: tx.interactions.due_follow_ups([world.ana.id], TODAY))
    assert [i.id for i in mine] == [deal_fu.id, loose.id]
    ranked = mine[0]
    assert (
        ranked.source, ranked.owner_id, ranked.owner_name, ranked.account_id,
        ranked.account_name, ranked.contact_name, ranked.channel, ranked.cadence_pt,
        ranked.step_index, ranked.due, ranked.amount, ranked.currency, ranked.probability,
        ranked.last_touch, ranked.note,
    ) == (
        "follow_up", world.ana.id, "Ana Souza", world.acme, "Acme Ltda", None, "call", None,
        None, TODAY.isoformat(), 10_000.0, "BRL", 0.5, to_db(NOW - timedelta(days=1)),
        "proposal",
    )  # fmt: skip
    # no account, no deal: nothing to rank by
    plain = mine[1]
    assert (plain.account_id, plain.account_name, plain.amount, plain.probability) == (
        None, None, 0, 0,
    )  # fmt: skip
    assert (plain.currency, plain.last_touch, plain.channel) == ("BRL", None, "task")
    # Bia's follow-up at Padaria ranks by her book only: Ana's deals there do not count
    everyone = await store.read(
        lambda tx: tx.interactions.due_follow_ups(None, TODAY + timedelta(days=1))
    )
    assert [i.id for i in everyone] == [deal_fu.id, loose.id, ottos.id, bias.id]
    assert everyone[-1].amount == 0
    at_acme = await store.read(
        lambda tx: tx.interactions.due_follow_ups(None, TODAY, account_id=world.acme)
    )
    assert [i.id for i in at_acme] == [deal_fu.id]
    first = await store.read(lambda tx: tx.interactions.due_follow_ups(None, TODAY, limit=1))
    assert [i.id for i in first] == [deal_fu.id]
    assert await store.read(lambda tx: tx.interactions.due_follow_ups([], TODAY)) == []


async def test_due_steps_come_earliest_first_with_their_channel_and_book(
    store: Store, world: World
) -> None:
    def setup(tx: Tx) -> list[int]:
        tx.cadences.install([CADENCE], "builtin", CLI, NOW)

        def enrol(account: int, owner: int, due: datetime, contact: int | None = None) -> int:
            return tx.enrolments.create(
                actor=CLI, cadence_key="exploratory", account_id=account, owner_id=owner,
                due_at=due, now=NOW, contact_id=contact,
                deal_id=world.deal if account == world.acme else None,
            ).id  # fmt: skip

        at_acme = enrol(world.acme, world.ana.id, NOW - timedelta(hours=1), world.contact)
        padaria = enrol(world.padaria, world.ana.id, NOW - timedelta(hours=2))
        current = tx.enrolments.get(padaria)
        assert current is not None
        tx.enrolments.update(
            current, actor=CLI, now=NOW, event="done", reason="r", step_index=1,
            due_at=NOW - timedelta(hours=2), state="active",
        )  # fmt: skip
        nortex = enrol(world.nortex, world.otto.id, NOW - timedelta(hours=3))
        future = enrol(world.acme, world.ana.id, NOW + timedelta(days=1))
        return [at_acme, padaria, nortex, future]

    at_acme, padaria, nortex, future = await store.write(setup)
    cutoff = to_db(NOW)
    steps = await store.read(lambda tx: tx.interactions.due_steps([world.ana.id], cutoff))
    assert [
        (s.id, s.step_index, s.channel, s.contact_name, s.amount, s.cadence("en")) for s in steps
    ] == [
        (padaria, 1, "email", None, 0, "Exploratory"),
        (at_acme, 0, "call", "João Dias", 10_000.0, "Exploratory"),
    ]
    assert steps[1].due == to_db(NOW - timedelta(hours=1)) and steps[1].probability == 0.5
    assert steps[1].account_name == "Acme Ltda" and steps[1].owner_name == "Ana Souza"
    everyone = await store.read(lambda tx: tx.interactions.due_steps(None, cutoff))
    assert [s.id for s in everyone] == [nortex, padaria, at_acme]
    later = to_db(NOW + timedelta(days=2))
    at_acme_only = await store.read(
        lambda tx: tx.interactions.due_steps(None, later, account_id=world.acme)
    )
    assert [s.id for s in at_acme_only] == [at_acme, future]
    assert [s.id for s in await store.read(lambda tx: tx.interactions.due_steps(None, later, limit=2))] == [
        nortex, padaria,
    ]  # fmt: skip

    # a step past the end of its cadence has no channel
    def overrun(tx: Tx) -> None:
        current = tx.enrolments.get(padaria)
        assert current is not None
        tx.enrolments.update(
            current, actor=CLI, now=NOW, event="done", reason="r", step_index=5,
            due_at=NOW - timedelta(hours=2), state="active",
        )  # fmt: skip

    await store.write(overrun)
    steps = await store.read(lambda tx: tx.interactions.due_steps([world.ana.id], cutoff))
    assert [(s.id, s.channel) for s in steps] == [(padaria, None), (at_acme, "call")]


async def test_who_is_behind_counts_steps_and_follow_ups_most_first(
    store: Store, world: World
) -> None:
    def setup(tx: Tx) -> None:
        tx.cadences.install([CADENCE], "builtin", CLI, NOW)
        tx.enrolments.create(
            actor=CLI, cadence_key="exploratory", account_id=world.acme, owner_id=world.ana.id,
            due_at=NOW - timedelta(days=2), now=NOW,
        )  # fmt: skip
        _follow_up(tx, world.ana.id, TODAY - timedelta(days=1), world.acme)
        _follow_up(tx, world.bia.id, TODAY - timedelta(days=3), world.padaria)
        _follow_up(tx, world.bia.id, TODAY - timedelta(days=1))
        _follow_up(tx, world.bia.id, TODAY)  # due today: not behind yet
        _follow_up(tx, world.otto.id, TODAY - timedelta(days=1), world.nortex)

    await store.write(setup)
    behind = await store.read(lambda tx: tx.interactions.behind_by_owner(None, to_db(NOW), TODAY))
    day = lambda days: (TODAY - timedelta(days=days)).isoformat()  # noqa: E731
    # two each for Ana and Bia: by name; then Otto
    assert [(b.owner_id, b.name, b.steps, b.follow_ups, b.oldest) for b in behind] == [
        (world.ana.id, "Ana Souza", 1, 1, day(2)),
        (world.bia.id, "Bia Lima", 0, 2, day(3)),
        (world.otto.id, "Otto Norte", 0, 1, day(1)),
    ]
    team = await store.read(
        lambda tx: tx.interactions.behind_by_owner(
            [world.bia.id, world.otto.id], to_db(NOW), TODAY
        )
    )
    assert [b.owner_id for b in team] == [world.bia.id, world.otto.id]
    assert await store.read(
        lambda tx: tx.interactions.behind_by_owner([world.manager.id], to_db(NOW), TODAY)
    ) == []  # fmt: skip


async def test_what_is_next_at_an_account_mixes_steps_and_follow_ups_by_day(
    store: Store, world: World
) -> None:
    tomorrow = TODAY + timedelta(days=1)

    def setup(tx: Tx) -> list[int]:
        tx.cadences.install([CADENCE], "builtin", CLI, NOW)
        step = tx.enrolments.create(
            actor=CLI, cadence_key="exploratory", account_id=world.acme, owner_id=world.ana.id,
            due_at=NOW + timedelta(days=1), now=NOW,
        )  # fmt: skip
        same_day = _follow_up(tx, world.ana.id, tomorrow, world.acme, kind="email")
        today = _follow_up(tx, world.ana.id, TODAY, world.acme)
        _follow_up(tx, world.bia.id, TODAY, world.acme)  # someone else's
        _follow_up(tx, world.ana.id, TODAY, world.padaria)  # another account
        far = _follow_up(tx, world.ana.id, TODAY + timedelta(days=5), world.acme)
        return [step.id, same_day.id, today.id, far.id]

    step, same_day, today, far = await store.write(setup)
    items = await store.read(lambda tx: tx.interactions.next_for_account(world.ana.id, world.acme))
    # by day; on the same day a follow-up (a date) before a step (a timestamp)
    assert [(n.source, n.id) for n in items] == [
        ("follow_up", today), ("follow_up", same_day), ("step", step),
    ]  # fmt: skip
    assert [(n.channel, n.cadence("pt-BR"), n.step_index) for n in items] == [
        ("call", None, None), ("email", None, None), ("call", "Exploratória", 0),
    ]  # fmt: skip
    assert items[2].due == to_db(NOW + timedelta(days=1)) and items[1].due == tomorrow.isoformat()
    five = await store.read(
        lambda tx: tx.interactions.next_for_account(world.ana.id, world.acme, limit=5)
    )
    assert [n.id for n in five][-1] == far and len(five) == 4
    assert (
        await store.read(lambda tx: tx.interactions.next_for_account(world.otto.id, world.acme))
        == []
    )


async def test_tasks_are_reminded_by_day_once_and_again_when_moved(
    store: Store, world: World
) -> None:
    def task(tx: Tx, note: str, due: date, kind: str | None = None) -> FollowUp:
        return tx.tasks.add_task(
            person_id=world.ana.id, note=note, due=due, actor=CLI, now=NOW, kind=kind
        )

    def setup(tx: Tx) -> list[FollowUp]:
        return [
            task(tx, "tomorrow", TODAY + timedelta(days=1)),
            task(tx, "today one", TODAY),
            task(tx, "today two", TODAY, kind="email"),
            task(tx, "x" * 600, TODAY - timedelta(days=1)),
        ]

    tomorrow, one, two, long = await store.write(setup)
    assert (one.kind, two.kind, len(long.note)) == ("task", "email", 500)
    await store.write(lambda tx: tx.tasks.close(long.id, world.ana.id, "cancelled", CLI, NOW))
    pending = await store.read(lambda tx: tx.tasks.unreminded(TODAY + timedelta(days=1), 10))
    assert [(u.id, u.person_id, u.due_date, u.due_time) for u in pending] == [
        (one.id, world.ana.id, TODAY.isoformat(), None),
        (two.id, world.ana.id, TODAY.isoformat(), None),
        (tomorrow.id, world.ana.id, (TODAY + timedelta(days=1)).isoformat(), None),
    ]
    firsts = await store.read(lambda tx: tx.tasks.unreminded(TODAY + timedelta(days=1), 2))
    assert [u.id for u in firsts] == [one.id, two.id]
    await store.write(lambda tx: tx.tasks.mark_reminded([], NOW))
    await store.write(lambda tx: tx.tasks.mark_reminded([one.id, two.id, tomorrow.id], NOW))
    assert await store.read(lambda tx: tx.tasks.unreminded(TODAY + timedelta(days=9), 10)) == []
    await store.write(
        lambda tx: tx.tasks.postpone(two.id, world.ana.id, TODAY + timedelta(days=3), CLI, NOW)
    )
    again = await store.read(lambda tx: tx.tasks.unreminded(TODAY + timedelta(days=3), 10))
    assert [u.id for u in again] == [two.id]
    # only its person moves or closes an open task; a closed one stays closed
    assert (
        await store.write(
            lambda tx: tx.tasks.postpone(two.id, world.bia.id, TODAY, CLI, NOW)
        )
        is None
    )  # fmt: skip
    done = await store.write(lambda tx: tx.tasks.close(two.id, world.ana.id, "done", CLI, NOW))
    assert done is not None and (done.state, done.due_date) == (
        "done", (TODAY + timedelta(days=3)).isoformat(),
    )  # fmt: skip
    assert (
        await store.write(lambda tx: tx.tasks.close(two.id, world.ana.id, "done", CLI, NOW))
        is None
    )
    assert (
        await store.write(lambda tx: tx.tasks.postpone(two.id, world.ana.id, TODAY, CLI, NOW))
        is None
    )
    assert (
        await store.write(lambda tx: tx.tasks.close(10_000, world.ana.id, "done", CLI, NOW))
        is None
    )
    assert await store.read(lambda tx: tx.tasks.get_follow_up(10_000)) is None


async def test_undo_takes_back_the_newest_touch_or_open_task(store: Store, world: World) -> None:
    earlier = NOW - timedelta(minutes=2)
    touch = await store.write(
        lambda tx: _touch(tx, world.ana.id, world.acme, earlier, "u1", now=earlier)
    )
    task = await store.write(
        lambda tx: tx.tasks.add_task(
            person_id=world.ana.id, note="deck", due=TODAY, actor=CLI, now=NOW,
            account_id=world.padaria,
        )
    )  # fmt: skip
    # a follow-up that is not a task is not undone this way
    await store.write(lambda tx: _follow_up(tx, world.ana.id, TODAY, world.acme))
    since = NOW - timedelta(minutes=5)
    newest = await store.read(lambda tx: tx.tasks.last_undoable(world.ana.id, since))
    assert newest is not None
    assert (newest.what, newest.id, newest.kind, newest.text, newest.account_name) == (
        "task", task.id, "task", "deck", "Padaria Silva",
    )  # fmt: skip
    assert newest.created_at == to_db(NOW)
    await store.write(lambda tx: tx.tasks.close(task.id, world.ana.id, "done", CLI, NOW))
    then = await store.read(lambda tx: tx.tasks.last_undoable(world.ana.id, since))
    assert then is not None and (then.what, then.id, then.text, then.account_name) == (
        "interaction", touch.interaction.id, "u1", "Acme Ltda",
    )  # fmt: skip
    assert await store.read(lambda tx: tx.tasks.last_undoable(world.ana.id, NOW)) is None
    assert await store.read(lambda tx: tx.tasks.last_undoable(world.bia.id, since)) is None


async def test_undo_at_one_account_takes_back_the_newest_there_only(
    store: Store, world: World
) -> None:
    earlier, since = NOW - timedelta(minutes=3), NOW - timedelta(minutes=5)
    acme_touch = await store.write(
        lambda tx: _touch(tx, world.ana.id, world.acme, earlier, "a1", now=earlier)
    )
    padaria_touch = await store.write(
        lambda tx: _touch(tx, world.ana.id, world.padaria, NOW, "p1", now=NOW)
    )
    acme_task = await store.write(
        lambda tx: tx.tasks.add_task(
            person_id=world.ana.id, note="deck", due=TODAY, actor=CLI,
            now=NOW - timedelta(minutes=1), account_id=world.acme,
        )
    )  # fmt: skip
    # another person's newer touch at the same account is never hers to undo
    await store.write(lambda tx: _touch(tx, world.bia.id, world.acme, NOW, "b1", now=NOW))

    def last(person: int, account: int | None):
        return store.read(lambda tx: tx.tasks.last_undoable(person, since, account_id=account))

    newest = await last(world.ana.id, None)
    assert newest is not None and newest.id == padaria_touch.interaction.id
    at_acme = await last(world.ana.id, world.acme)
    assert at_acme is not None and (at_acme.what, at_acme.id, at_acme.account_name) == (
        "task", acme_task.id, "Acme Ltda",
    )  # fmt: skip
    await store.write(lambda tx: tx.tasks.close(acme_task.id, world.ana.id, "done", CLI, NOW))
    at_acme = await last(world.ana.id, world.acme)
    assert at_acme is not None and (at_acme.what, at_acme.id) == (
        "interaction", acme_touch.interaction.id,
    )  # fmt: skip
    assert await last(world.ana.id, world.nortex) is None
    bias = await last(world.bia.id, world.padaria)
    assert bias is None


async def test_undoing_a_touch_cancels_the_follow_up_of_the_same_message(
    store: Store, world: World
) -> None:
    def setup(tx: Tx) -> list[int]:
        touch = tx.interactions.log_interaction(
            person_id=world.ana.id, kind="call", occurred_at=NOW, actor=CLI, now=NOW,
            account_id=world.acme, source_platform="slack", source_message_id="both",
        )  # fmt: skip
        same = _follow_up(tx, world.ana.id, TODAY, world.acme, message="both")
        other = _follow_up(tx, world.ana.id, TODAY, world.acme, message="another")
        return [touch.interaction.id, same.id, other.id]

    touch, same, other = await store.write(setup)
    assert not await store.write(
        lambda tx: tx.tasks.remove_interaction(10_000, world.ana.id, CLI, NOW)
    )
    assert await store.write(lambda tx: tx.tasks.remove_interaction(touch, world.ana.id, CLI, NOW))
    states = await store.read(
        lambda tx: [getattr(tx.tasks.get_follow_up(i), "state", None) for i in (same, other)]
    )
    assert states == ["cancelled", "open"]
    assert not await store.write(
        lambda tx: tx.tasks.remove_interaction(touch, world.ana.id, CLI, NOW)
    )


async def test_button_tokens_refuse_unknown_and_overlong_and_keep_their_args(
    store: Store, world: World
) -> None:
    assert await store.write(lambda tx: tx.callbacks.issue_many(world.ana.id, [], NOW)) == []
    token = await store.write(
        lambda tx: tx.callbacks.issue(
            world.ana.id, "deal.open", {"day": TODAY, "n": [1, "é"]}, NOW
        )
    )
    found = await store.read(lambda tx: tx.callbacks.lookup(token, NOW))
    assert found is not None
    assert (found.token, found.person_id, found.args, found.used, found.expired) == (
        token, world.ana.id, {"day": TODAY.isoformat(), "n": [1, "é"]}, False, False,
    )  # fmt: skip
    assert await store.write(lambda tx: tx.callbacks.mark_used(token, NOW))
    used = await store.read(lambda tx: tx.callbacks.lookup(token, NOW))
    assert used is not None and used.used
    assert await store.read(lambda tx: tx.callbacks.lookup("nope", NOW)) is None
    assert await store.read(lambda tx: tx.callbacks.lookup("x" * 65, NOW)) is None
    assert not await store.write(lambda tx: tx.callbacks.mark_used("nope", NOW))
    # expiry is inclusive; purging takes only the expired
    at_expiry = NOW + timedelta(days=30)
    expired = await store.read(lambda tx: tx.callbacks.lookup(token, at_expiry))
    assert expired is not None and expired.expired
    before = await store.read(
        lambda tx: tx.callbacks.lookup(token, at_expiry - timedelta(seconds=1))
    )
    assert before is not None and not before.expired
    assert (
        await store.write(lambda tx: tx.callbacks.purge_expired(at_expiry - timedelta(seconds=1)))
        == 0
    )
    assert await store.write(lambda tx: tx.callbacks.purge_expired(at_expiry)) == 1
    assert await store.read(lambda tx: tx.callbacks.lookup(token, NOW)) is None
