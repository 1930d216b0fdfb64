"""A question asked inside a polite wrapper ("vc consegue me dizer como anda a X?", "remind
me what's next with X") is answered, not taken for the help or a new reminder."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("who", "message", "intent", "account"),
    [
        ("Ana", "vc consegue me dizer como anda a padaria silva?", "status", "Padaria Silva Ltda"),
        ("Ana", "me lembra o q eu tinha q fazer c a acme", "next_step", "ACME Indústria S.A."),
        (
            "Bruno",
            "remind me what's next with silva transportes",
            "next_step",
            "Silva Transportes",
        ),
    ],
)
async def test_the_wrapped_question_is_answered_and_nothing_is_created(
    chat, who, message, intent, account
):
    follow_ups = len(await chat.follow_ups())
    answer = await chat.say(who, message)
    assert answer.intent == intent
    assert answer.entities["account"] == account
    assert len(await chat.follow_ups()) == follow_ups
