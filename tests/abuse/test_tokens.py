"""Forged and replayed button tokens: refused or answered 'already done', acted on once."""

from __future__ import annotations

import pytest

FORGED = [
    "x",
    "A" * 64,
    "' OR 1=1 --",
    "step.done",
    '{"action": "step.done", "args": {"enrolment": 1}}',
    "\x00\x01\x02",
    "ação✓" * 10,
]


async def _step(core) -> int:
    """The step the fixture's one enrolment is at."""
    enrolment = await core.app.store.read(lambda tx: tx.enrolments.get(core.ids["enrolment"]))
    assert enrolment is not None
    return enrolment.step_index


async def _issue(core, clock, person: str, action: str = "step.done") -> str:
    args = {"enrolment": core.ids["enrolment"], "step": 0}
    return await core.app.store.write(
        lambda tx: tx.callbacks.issue(core.ids[person], action, args, clock())
    )


@pytest.mark.parametrize("token", FORGED)
async def test_a_forged_token_is_refused_and_changes_nothing(core, token) -> None:
    before = await core.counts()
    answer = await core.send("111", "", token=token)
    assert answer.replies[0].text == "Esse botão não vale mais. Peça de novo o que precisa."
    assert await core.counts() == before


async def test_someone_elses_token_is_refused(core, clock) -> None:
    token = await _issue(core, clock, "Ana")
    before = await core.counts()
    answer = await core.send("222", "", token=token)  # Bruno presses Ana's button
    assert answer.replies[0].text == "That button is no longer valid. Ask again for what you need."
    assert await core.counts() == before
    assert await _step(core) == 0


async def test_a_replayed_token_acts_once(core, clock) -> None:
    token = await _issue(core, clock, "Ana")
    first = await core.send("111", "", token=token)
    assert first.intent == "cadence_action"
    for _ in range(3):
        again = await core.send("111", "", token=token)
        assert again.replies[0].text == "Isso já foi feito."
    assert await _step(core) == 1
    events = await core.app.store.read(lambda tx: tx.enrolments.events(core.ids["enrolment"]))
    assert [action for _, action in events] == ["done"]


async def test_an_expired_token_is_refused(core, clock) -> None:
    token = await _issue(core, clock, "Ana")
    clock.advance(days=31)
    answer = await core.send("111", "", token=token)
    assert answer.replies[0].text.startswith("Esse botão não vale mais")
    assert await _step(core) == 0
