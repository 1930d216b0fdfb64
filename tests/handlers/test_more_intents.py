"""Ending an absence, leaving a cadence, and the answers for what is out of scope or unclear."""

from __future__ import annotations

from datetime import date

from bot.config import Settings
from cadence_jobs import workflow
from cadence_jobs.jobs import install_cadences
from handlers.kernel.context import Options
from handlers.understanding.parse import Parsed
from storage.audit import Actor
from storage.interface import Tx
from tests.handlers.conftest import NOW, SYSTEM, TODAY, button, buttons, text


def said(text_: str, intent: str, **kw) -> Parsed:
    return Parsed(text=text_, intent=intent, **kw)


async def test_away_end_ends_the_current_absence_today(stub_chat):
    ana = stub_chat.ids["Ana"]
    await stub_chat.store.write(
        lambda tx: tx.schedules.add_away(SYSTEM, ana, date(2026, 11, 10), date(2026, 11, 30), NOW)
    )
    answer = await stub_chat.tell("Ana", said("voltei das férias", "away_end"))
    assert "Bem-vindo de volta" in text(answer) and "10/11/2026 a 30/11/2026" in text(answer)
    assert await stub_chat.store.read(lambda tx: tx.schedules.away_periods(ana, TODAY)) == []
    assert await stub_chat.store.read(
        lambda tx: tx.schedules.away_periods(stub_chat.ids["Ana"])
    ) == [(date(2026, 11, 10), date(2026, 11, 17))]


async def test_away_end_when_not_away_says_so_in_english(stub_chat):
    answer = await stub_chat.tell("Bruno", said("I'm back", "away_end"))
    assert "You aren't marked as away today" in text(answer)


async def _enrol(stub_chat, account: str, owner: str, cadence: str = "nurture") -> int:
    def write(tx: Tx):
        install_cadences(tx, Settings())
        return workflow.enrol(
            tx,
            actor=SYSTEM,
            cadence_key=cadence,
            account_id=stub_chat.ids[account],
            owner_id=stub_chat.ids[owner],
            now=NOW,
            options=Options(),
        ).id

    return await stub_chat.store.write(write)


async def test_unenroll_asks_then_stops_the_enrolment(stub_chat):
    enrolment = await _enrol(stub_chat, "Padaria Silva Ltda", "Ana")
    card = await stub_chat.tell(
        "Ana", said("tira a padaria da cadência", "unenroll", name="padaria silva")
    )
    assert "Tirar *Padaria Silva Ltda* da cadência" in text(card)
    assert [e.state for e in await stub_chat.enrolments()] == ["active"]
    done = await stub_chat.press("Ana", button(card, "cadence.unenrol"))
    assert "saiu da cadência" in text(done)
    assert [(e.id, e.state, e.exit_reason) for e in await stub_chat.enrolments()] == [
        (enrolment, "exited", "unenrolled")
    ]
    ana = Actor.person(stub_chat.ids["Ana"]).label
    assert [e for e in await stub_chat.audit("enrolment") if e.actor == ana] != []


async def test_unenroll_names_a_cadence_the_account_is_not_in(stub_chat):
    await _enrol(stub_chat, "Silva Transportes", "Bruno")
    answer = await stub_chat.tell(
        "Bruno",
        said(
            "remove Silva from exploratory",
            "unenroll",
            name="silva transportes",
            cadence="exploratory",
        ),
    )
    assert "isn't in the exploratory cadence" in text(answer) and not buttons(answer)
    assert [e.state for e in await stub_chat.enrolments()] == ["active"]


async def test_out_of_domain_is_one_polite_sentence_and_the_help(stub_chat):
    pt = await stub_chat.tell("Ana", said("vai chover amanhã?", "out_of_domain"))
    en = await stub_chat.tell("Bruno", said("who won the game?", "out_of_domain"))
    assert text(pt).startswith("Eu só ajudo com o trabalho de vendas.")
    assert "o que tenho hoje?" in text(pt)
    assert text(en).startswith("I only help with sales work.")
    assert not buttons(pt) and pt.data == {} and en.data == {}


async def test_unclear_with_an_account_offers_what_to_do(stub_chat):
    answer = await stub_chat.tell("Ana", said("padaria silva", "unclear", name="padaria silva"))
    assert "O que você quer com *Padaria Silva Ltda*?" in text(answer)
    assert [b.label for b in buttons(answer)] == ["Status", "Próximo passo", "Registrar nota"]
    status = await stub_chat.press("Ana", buttons(answer)[0])
    assert "*Padaria Silva Ltda* — responsável: Ana" in text(status)
    note = await stub_chat.press("Ana", buttons(answer)[2])
    assert "nota Padaria Silva Ltda:" in text(note)


async def test_unclear_without_an_account_is_the_help_and_writes_nothing(stub_chat):
    before = await stub_chat.audit()
    answer = await stub_chat.tell("Bruno", said("🤔", "unclear"))
    assert text(answer).startswith("I'm not sure what you need.")
    assert "what do I have today?" in text(answer) and len(text(answer)) < 300
    assert await stub_chat.audit() == before


async def test_a_lone_amount_says_how_to_use_it_in_each_language_and_writes_nothing(stub_chat):
    from handlers.understanding.amounts import Amount

    before = await stub_chat.audit()
    pt = await stub_chat.tell("Ana", said("45000", "unclear", amount=Amount(45000)))
    assert text(pt).startswith("*R$") and "para quê?" in text(pt)
    assert "agora é" in text(pt) and pt.entities["amount"]["value"] == 45000
    en = await stub_chat.tell("Bruno", said("45000", "unclear", amount=Amount(45000)))
    assert text(en).startswith("What is *") and "the Acme deal is now" in text(en)
    assert await stub_chat.audit() == before
