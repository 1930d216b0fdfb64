"""Rules of the fifth understanding round, each checked on sentences written for it here (none
from any corpus), against a small book of names that appear nowhere else.

Today is Thursday 2026-12-10.
"""

from __future__ import annotations

import sys
from datetime import date

import pytest

from handlers.understand import parse
from handlers.understand.mentions import NameIndex
from storage.books import BookName

TODAY = date(2026, 12, 10)
BOOK = NameIndex.of(
    [
        BookName(1, "Marmoraria Pedra Fina"),
        BookName(1, "Marmoraria Pedra Fina", 11, "Joana Prates"),
        BookName(2, "Hotel Brisa do Mar"),
        BookName(3, "Copperfield Tools"),
        BookName(3, "Copperfield Tools", 13, "Megan Price"),
        BookName(4, "Distribuidora Sol Nascente"),
        BookName(5, "Redwood Clinics"),
    ]
)


def read(text: str, locale: str = "pt-BR"):
    return parse(text, TODAY, month_first=locale == "en", mentions=BOOK.mentions(text))


def account(parsed) -> str | None:
    return parsed.mention.hits[0].account_name if parsed.mention else None


def _work(text: str) -> int:
    """How many lines of the parser run to read `text`: the work, counted, not timed."""
    steps = 0

    def trace(frame, event, arg):
        nonlocal steps
        if "handlers" in frame.f_code.co_filename and "understand" in frame.f_code.co_filename:
            steps += 1
            return trace
        return None

    parse(text, TODAY)  # warm the caches, so both readings count only the reading
    sys.settrace(trace)
    try:
        parse(text, TODAY)
    finally:
        sys.settrace(None)
    return steps


@pytest.mark.parametrize(
    "unit",
    [
        "mil ",
        "1 mil ",
        "R$ 10, ",
        "12/01 ",
        "10h ",
        "liguei pra loja dia 3 ",
        "ontem hoje amanha ",
        "retornar dia 15 as 10h ",
    ],
)
def test_reading_a_long_message_costs_in_proportion_to_its_length(unit):
    # A repeated piece four times longer must cost about four times the work, not sixteen:
    # a scan of every word for every amount or date made "1 mil 1 mil …" cost its square.
    short, long_ = unit * (480 // len(unit)), unit * (1920 // len(unit))
    assert _work(long_) < 5 * _work(short)


@pytest.mark.parametrize(
    "text, locale, name",
    [
        ("fechei a marmoraria pedra fina 30k", "pt-BR", "Marmoraria Pedra Fina"),
        ("vendemos o hotel brisa do mar", "pt-BR", "Hotel Brisa do Mar"),
        ("hotel brisa do mar fechado!!", "pt-BR", "Hotel Brisa do Mar"),
        ("redwood clinics is a win", "en", "Redwood Clinics"),
    ],
)
def test_a_deal_won_said_the_short_way_is_won(text, locale, name):
    parsed = read(text, locale)
    assert (parsed.intent, account(parsed)) == ("won", name)


@pytest.mark.parametrize(
    "text, locale, name",
    [
        ("hotel brisa do mar nao quer mais contratar", "pt-BR", "Hotel Brisa do Mar"),
        ("distribuidora sol nascente melou, acharam caro", "pt-BR", "Distribuidora Sol Nascente"),
        ("copperfield tools killed the deal, budget went elsewhere", "en", "Copperfield Tools"),
        ("redwood clinics is dead", "en", "Redwood Clinics"),
    ],
)
def test_a_deal_lost_said_the_short_way_is_lost(text, locale, name):
    parsed = read(text, locale)
    assert (parsed.intent, account(parsed)) == ("lost", name)


def test_a_call_that_fell_into_voicemail_is_no_lost_deal():
    assert read("tentei ligar pra joana prates, caiu na caixa").intent == "log"


def test_the_one_for_an_account_being_done_is_its_step_done():
    parsed = read("o da marmoraria pedra fina ja ta feito")
    assert (parsed.intent, parsed.action) == ("cadence_action", "done")
    assert account(parsed) == "Marmoraria Pedra Fina"


@pytest.mark.parametrize(
    "text, stage",
    [
        ("put copperfield tools in negotiation", "negotiation"),
        ("redwood clinics is now at proposal", "proposal"),
    ],
)
def test_a_stage_said_with_put_or_now_at_is_a_stage_change(text, stage):
    parsed = read(text, "en")
    assert (parsed.intent, parsed.stage) == ("stage_change", stage)


@pytest.mark.parametrize(
    "text, locale, intent",
    [
        ("o que ficou pendente com a hotel brisa do mar", "pt-BR", "next_step"),
        ("quais meus compromissos amanha", "pt-BR", "agenda"),
        ("show me my appointments", "en", "agenda"),
        ("quanto tem em proposta hoje", "pt-BR", "pipeline"),
        ("any stale opportunities?", "en", "stalled"),
        ("which ones did we win in november", "en", "won_list"),
        ("what opportunities have we lost", "en", "lost_list"),
        ("what clients do i own", "en", "list_accounts"),
        ("e vc serve pra que?", "pt-BR", "help"),
        ("what will we close in january? need the forecast", "en", "forecast"),
        ("quanto a equipe ja faturou em dezembro", "pt-BR", "my_sales"),
        ("how much has our team sold this quarter", "en", "my_sales"),
    ],
)
def test_requests_said_in_other_words(text, locale, intent):
    assert read(text, locale).intent == intent


@pytest.mark.parametrize("text", ["hahaha", "rsrsrs", "kkk", "lmao"])
def test_laughter_alone_is_asked_back_like_an_emoji(text):
    assert read(text).intent == "unclear"


@pytest.mark.parametrize("text", ["mais tarde", "later"])
def test_later_alone_puts_off_nothing(text):
    assert read(text).intent != "cadence_action"
