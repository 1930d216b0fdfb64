"""Names learned from use: a rep who answered "which one?" is not asked again for that phrase."""

from __future__ import annotations

from tests.handlers.conftest import NOW, button


async def _logged_account(chat, answer) -> int:
    return (await chat.interaction(answer.data["interaction_id"])).account_id


async def test_a_picked_account_answers_the_same_phrase_next_time(chat):
    first = await chat.say("Marina", "liguei pra silva")
    assert set(first.entities["account"]) == {"Padaria Silva Ltda", "Silva Transportes"}
    await chat.press(
        "Marina", button(first, "pick.account", account_id=chat.ids["Silva Transportes"])
    )

    again = await chat.say("Marina", "visitei a silva hoje cedo")
    assert again.entities["account"] == "Silva Transportes"
    assert await _logged_account(chat, again) == chat.ids["Silva Transportes"]


async def test_what_one_rep_picked_never_decides_for_another(chat):
    first = await chat.say("Marina", "liguei pra silva")
    await chat.press(
        "Marina", button(first, "pick.account", account_id=chat.ids["Silva Transportes"])
    )
    other = await chat.say("Admin", "called silva")
    assert set(other.entities["account"]) == {"Padaria Silva Ltda", "Silva Transportes"}
    assert "interaction_id" not in (other.data or {})


async def test_a_later_pick_replaces_the_earlier_one(chat):
    first = await chat.say("Marina", "liguei pra silva")
    await chat.press(
        "Marina", button(first, "pick.account", account_id=chat.ids["Silva Transportes"])
    )
    await chat.store.write(
        lambda tx: tx.aliases.remember(
            chat.ids["Marina"], "silva", chat.ids["Padaria Silva Ltda"], NOW
        )
    )
    again = await chat.say("Marina", "liguei pra silva")
    assert again.entities["account"] == "Padaria Silva Ltda"


async def test_a_learned_account_the_rep_no_longer_sees_is_asked_about_again(chat):
    # What she learned points at an account now in another team's book (no repository hands an
    # account over, so the phrase is learned for Norte's account directly): it is not used.
    await chat.store.write(
        lambda tx: tx.aliases.remember(chat.ids["Marina"], "silva", chat.ids["Norte Agro ME"], NOW)
    )
    again = await chat.say("Marina", "liguei pra silva")
    assert set(again.entities["account"]) == {"Padaria Silva Ltda", "Silva Transportes"}
