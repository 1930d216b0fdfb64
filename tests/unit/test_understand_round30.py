"""Round thirty of understanding: kinds of miss on a write that recur across writers, left by
round twenty-eight, in other words (shorthand, typos, no accents), against a small book of
names that appears nowhere else. Today is Thursday 2026-12-10.
"""

from __future__ import annotations

import pytest

from handlers.understanding.mentions import NameIndex
from storage.books import BookName
from tests.unit.book_reading import ACTS, account, reader

BOOK = NameIndex.of(
    [
        BookName(1, "Tamboril Vidros"),
        BookName(1, "Tamboril Vidros", contact_id=91, contact_name="Odete Farias"),
        BookName(2, "Kestrel Analytics"),
        BookName(2, "Kestrel Analytics", contact_id=92, contact_name="Wendell Price"),
        BookName(3, "Jacaranda Turismo"),
        BookName(4, "Drogaria Sao Bento"),
    ]
)

read = reader(BOOK)


# -- a reply from someone of the asker's own life is no cadence reply (round 28's fresh batch:
# "o mecânico respondeu no zap…"): nobody of the book replied, nothing is written -------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("o mecanico respondeu no zap", "pt-BR"),
        ("meu mecanico respondeu no zap finalmente", "pt-BR"),
        ("minha mae respondeu no whats", "pt-BR"),
        ("o sindico respondeu o email", "pt-BR"),
        ("my dentist answered my email", "en"),
        ("the plumber replied, he comes tmrw", "en"),
    ],
)
def test_a_reply_from_someone_of_ones_life_is_not_written(text: str, locale: str) -> None:
    parsed = read(text, locale)
    assert parsed.intent not in ACTS | {"cadence_action"}


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        ("a odete respondeu no zap", "pt-BR", "Tamboril Vidros"),
        ("wendell replied!!", "en", "Kestrel Analytics"),
        ("jacaranda respondeu o email", "pt-BR", "Jacaranda Turismo"),
    ],
)
def test_a_reply_from_someone_of_the_book_stays_the_cadences(
    text: str, locale: str, name: str
) -> None:
    parsed = read(text, locale)
    assert parsed.intent == "cadence_action"
    assert account(parsed) == name


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("o cliente respondeu no zap", "pt-BR"),
        ("respondeu!", "pt-BR"),
        ("the client replied", "en"),
    ],
)
def test_a_reply_from_a_client_not_named_is_still_the_cadences(text: str, locale: str) -> None:
    assert read(text, locale).intent == "cadence_action"


# -- a create asked at the end of a report (dev16, dev18): "X quer 4 balanças, uns 20 mil,
# cria o negocio", "…, add them as a new account": the create, not the news --------------------


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        (
            "a Padaria Sol Nascente quer 3 fornos, uns 15 mil, cria o negocio",
            "pt-BR",
            "create_deal",
        ),
        (
            "Oficina Dois Irmaos pediu orcamento de 8 mil, cria a oportunidade",
            "pt-BR",
            "create_deal",
        ),
        ("Redfern Dental wants 2 chairs, ~12k, create the deal", "en", "create_deal"),
        (
            "spoke w/ the owner of Blue Heron Bakery today, add them as a new client",
            "en",
            "create_account",
        ),
        ("Cerealista Boa Vista ligou, cadastra eles como novo cliente", "pt-BR", "create_account"),
    ],
)
def test_a_create_asked_after_the_news_is_the_create(text: str, locale: str, intent: str) -> None:
    assert read(text, locale).intent == intent


# -- a stage reached said first, the move asked after in other words (dev20): "X is
# qualified, move it up", "…, move it along" -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        ("kestrel is qualified, move it up", "en", "Kestrel Analytics"),
        ("tamboril's qualified now, move it along", "en", "Tamboril Vidros"),
        ("jacaranda hit proposal, move it ahead", "en", "Jacaranda Turismo"),
        ("a tamboril ta qualificada, move ela pra frente", "pt-BR", "Tamboril Vidros"),
    ],
)
def test_a_stage_reached_then_moved_is_a_stage_change(text: str, locale: str, name: str) -> None:
    parsed = read(text, locale)
    assert parsed.intent == "stage_change"
    assert account(parsed) == name


# -- a new company in lower case matched to a held account by its kind of business alone
# (dev16, dev18): "ligaram da farmácia popular do centro … cria pra mim" is not Drogaria X ----


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        (
            "ligaram da farmacia santa clara querendo orcamento cria pra mim",
            "pt-BR",
            "farmacia santa clara",
        ),
        ("novo cliente drogaria do povo, cria ai", "pt-BR", "drogaria do povo"),
        ("novo contato drogaria ipiranga: Sergio Lemos", "pt-BR", "drogaria ipiranga"),
    ],
)
def test_a_new_company_said_by_its_kind_is_not_the_held_one(
    text: str, locale: str, name: str
) -> None:
    parsed = read(text, locale)
    assert parsed.intent in ("create_account", "create_contact")
    assert parsed.fresh and parsed.name == name
