"""Long answers end with a Next page button that shows the following page of the same list."""

from __future__ import annotations

import re
from datetime import date, timedelta

from storage.interface import Tx
from tests.handlers.conftest import NOW, SYSTEM, button, buttons, text


async def _many_stalled(chat, count: int) -> None:
    def add(tx: Tx):
        for n in range(count):
            account = tx.accounts.create_account(
                name=f"Conta {n:02d}",
                owner_id=chat.ids["Ana"],
                actor=SYSTEM,
                now=NOW - timedelta(days=90),
            )
            tx.deals.create_deal(
                account_id=account.id,
                owner_id=chat.ids["Ana"],
                title=f"Negócio {n:02d}",
                stage_key="proposal",
                amount=1000 + n,
                actor=SYSTEM,
                now=NOW - timedelta(days=60),
                close_date=date(2026, 11, 30),
            )

    await chat.store.write(add)


def _deals(answer) -> list[str]:
    return re.findall(r"^- \*.*$", text(answer), re.MULTILINE)


async def test_a_stalled_list_pages_through_every_deal_once(chat):
    await _many_stalled(chat, 25)  # Ana already has one stalled deal: 26
    first = await chat.say("Ana", "negócios parados")
    assert "26 ·" in text(first) and "… e mais 16." in text(first)
    assert [b.label for b in buttons(first)] == ["Próxima página"]
    second = await chat.press("Ana", button(first, "list.next"))
    assert "… e mais 6." in text(second)
    third = await chat.press("Ana", button(second, "list.next"))
    assert buttons(third) == [] and "e mais" not in text(third)
    seen = _deals(first) + _deals(second) + _deals(third)
    assert len(seen) == len(set(seen)) == 26


async def test_the_closing_list_pages_in_english_too(chat):
    await _many_stalled(chat, 12)
    first = await chat.say("Bruno", "what's closing this month?")
    assert buttons(first) == []  # Bruno's own book is short: nothing to page
    first = await chat.say("Ana", "fechando este mês")
    assert len(_deals(first)) == 10 and "… e mais 4." in text(first)
    second = await chat.press("Ana", button(first, "list.next"))
    assert len(_deals(second)) == 4 and buttons(second) == []
    assert len(set(_deals(first)) | set(_deals(second))) == 14


async def test_a_next_page_button_is_someone_elses_to_press_only_by_its_owner(chat):
    await _many_stalled(chat, 15)
    first = await chat.say("Ana", "negócios parados")
    refused = await chat.press("Bruno", button(first, "list.next"))
    assert "Negócio" not in text(refused)
