"""A stranger reaching the bot tries every command and button: refused, nothing stored,
nothing learned."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

COMMANDS = [
    "/log call Acme: wants a proposal",
    "/today",
    "/next Acme",
    "/pipeline",
    "/forecast",
    "/stalled",
    "/help",
    "log call Acme: CFO wants a proposal by Friday",
    "visitei a Acme, pediram orçamento",
    "o que tenho hoje?",
    "what's next for Acme?",
    "status Acme",
    "meu pipeline",
    "forecast this month",
    "deals closing this month",
    "negócios parados",
    "done Acme",
    "snooze Acme",
    "enroll Acme in exploratory",
    "Acme ganho",
    "lost Acme price",
    "how is the team doing?",
    "quem está atrasado?",
    "digest",
    "vou estar fora de 1/12 a 5/12",
    "/start 123456",
    "/ritmo link ABCDEF",
]
ACTIONS = [
    "step.done",
    "step.skip",
    "step.snooze",
    "log.confirm",
    "deal.won",
    "deal.lost",
    "deal.lost_reason",
    "prefs.set",
    "cadence.enroll",
    "digest.full",
    "account.create",
]


@pytest.mark.parametrize("text", COMMANDS)
async def test_every_command_is_refused_without_storing_or_revealing(core, text) -> None:
    before = await core.counts()
    answer = await core.send("999", text)
    assert answer is not None
    reply = " ".join(r.text for r in answer.replies)
    assert "Acme" not in reply and "Wile" not in reply
    assert all(not r.buttons and not r.choices for r in answer.replies)
    after = await core.counts()
    assert after == before
    # Nor was a button issued behind the reply: purging every token there is finds none.
    far = datetime(9999, 1, 1, tzinfo=UTC)
    assert await core.app.store.write(lambda tx: tx.callbacks.purge_expired(far)) == 0


@pytest.mark.parametrize("action", ACTIONS)
async def test_every_button_of_a_real_rep_is_refused_to_a_stranger(core, clock, action) -> None:
    # A genuine token, issued to Ana, pressed from an unlinked chat.
    token = await core.app.store.write(
        lambda tx: tx.callbacks.issue(
            core.ids["Ana"], action, {"enrolment": core.ids["enrolment"]}, clock()
        )
    )
    before = await core.counts()
    answer = await core.send("999", "", token=token)
    assert "I don't know you yet" in answer.replies[0].text
    assert await core.counts() == before
    # The token is still good for its owner: a stranger's press did not spend it.
    kept = await core.app.store.read(lambda tx: tx.callbacks.lookup(token, clock()))
    assert kept is not None and not kept.used
