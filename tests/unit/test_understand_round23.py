"""Round twenty-three of understanding: the line between chatter and work (dev23's kinds of
miss).

Each group is a kind of miss met there, in other words (another rep typing the same thing:
texting shorthand, no accents), against a small book of names that appears nowhere else.
The harm is one way: off-topic chatter answered with the book's data or written into it.
Today is Thursday 2026-12-10.
"""

from __future__ import annotations

import pytest

from handlers.understanding.mentions import NameIndex
from storage.books import BookName
from tests.unit.book_reading import account, reader

BOOK = NameIndex.of(
    [
        BookName(1, "Brisa Tintas"),
        BookName(1, "Brisa Tintas", deal_id=61, deal_title="Linha automotiva"),
        BookName(2, "Academia Vida Ativa"),
        BookName(2, "Academia Vida Ativa", deal_id=62, deal_title="Catracas"),
        BookName(3, "Halvorsen Freight"),
        BookName(3, "Halvorsen Freight", contact_id=71, contact_name="Dag Moen"),
        BookName(1, "Brisa Tintas", contact_id=72, contact_name="Otavio Leme"),
    ]
)

read = reader(BOOK)


# -- a wish or a greeting sent to the team is no question about how it does -------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("deseja um otimo fim de semana pra equipe", "pt-BR"),
        ("manda um bom dia animado pra galera do time", "pt-BR"),
        ("boa semana time, vamo que vamo", "pt-BR"),
        ("good morning team, lets crush it today", "en"),
        ("happy thanksgiving to the whole team 🦃", "en"),
    ],
)
def test_a_wish_to_the_team_is_chatter(text: str, locale: str) -> None:
    assert read(text, locale).intent == "out_of_domain"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("bom dia! como ta o time esse mes?", "pt-BR"),
        ("good morning, how's the team tracking this week?", "en"),
    ],
)
def test_a_greeting_before_a_question_about_the_team_still_asks(text: str, locale: str) -> None:
    assert read(text, locale).intent == "team"


# -- the work's numbers of someone of the asker's life: a sister's funnel, a brother's pipeline --


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("minha irma tem um funil de vendas enorme no insta dela", "pt-BR"),
        ("meu primo trabalha com pipeline de imovel, ganha bem mais q eu", "pt-BR"),
        ("my cousin's pipeline of tinder dates is longer than our forecast lol", "en"),
        ("my dad's sales forecast for his food truck is wild", "en"),
    ],
)
def test_the_funnel_of_someone_in_ones_life_is_chatter(text: str, locale: str) -> None:
    assert read(text, locale).intent == "out_of_domain"


def test_the_askers_own_pipeline_is_still_asked() -> None:
    assert read("como ta meu pipeline esse mes?").intent == "pipeline"
    assert read("how's my forecast looking", "en").intent == "forecast"


# -- an offer from the parties of one's own life: the bank, the landlord, the phone company -----


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("a operadora me ligou com uma proposta de plano novo, vale a pena?", "pt-BR"),
        ("o senhorio mandou proposta de reajuste do aluguel", "pt-BR"),
        ("my landlord emailed a proposal to renew the lease at 10% more", "en"),
        ("the bank called w a proposal for a new credit card, no thanks", "en"),
        ("o banco me ligou oferecendo emprestimo, mandou proposta no zap", "pt-BR"),
    ],
)
def test_an_offer_from_ones_own_bank_or_landlord_is_chatter(text: str, locale: str) -> None:
    assert read(text, locale).intent == "out_of_domain"


def test_a_client_who_sent_a_proposal_is_still_logged() -> None:
    assert account(read("a brisa tintas mandou a proposta revisada")) == "Brisa Tintas"
    assert read("a brisa tintas mandou a proposta revisada").intent == "log"


# -- a team that 'closed with' a coach, a gym that hit its target: someone else's deal ---------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("meu time fechou com um treinador novo", "pt-BR"),
        ("o tricolor fechou com o tecnico argentino finalmente", "pt-BR"),
        ("the eagles signed a new quarterback, deal closed", "en"),
        ("the bears closed the deal with a new head coach", "en"),
        ("my gym hit their target so now it's packed", "en"),
        ("a academia do meu predio bateu a meta e agora ta lotada", "pt-BR"),
    ],
)
def test_a_team_or_a_gym_doing_business_is_chatter(text: str, locale: str) -> None:
    assert read(text, locale).intent == "out_of_domain"


def test_a_gym_of_the_book_by_its_kind_hitting_a_target_is_chatter() -> None:
    assert read("a academia bateu a meta do mes kkk, ta lotada").intent == "out_of_domain"


def test_a_client_gym_named_in_full_is_still_work() -> None:
    parsed = read("a academia vida ativa bateu a meta de alunos, vou ligar pra oferecer catracas")
    assert (parsed.intent, account(parsed)) == ("log", "Academia Vida Ativa")


# -- a deal lost told as news: another supplier picked, the deal "dead", "foi pro saco" -------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("o otavio da brisa avisou q fecharam a linha automotiva c outra empresa", "pt-BR"),
        ("a brisa tintas foi pro saco, cortaram a verba", "pt-BR"),
        ("dag from halvorsen called, they picked a local carrier instead", "en"),
        ("ugh halvorsen said our price is too high, deal's dead", "en"),
        ("halvorsen went with flexport instead 😞", "en"),
    ],
)
def test_a_deal_lost_told_as_news(text: str, locale: str) -> None:
    assert read(text, locale).intent == "lost"


# -- a channel asked for the asker's own use, nobody of the work to reach ---------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("qual email eu uso pra me cadastrar na academia", "pt-BR"),
        ("qual melhor operadora de celular pra quem viaja mto?", "pt-BR"),
        ("which phone plan do i get, mine sucks", "en"),
        ("what email should i use for my netflix account", "en"),
    ],
)
def test_a_channel_for_ones_own_use_is_no_contact_look_up(text: str, locale: str) -> None:
    assert read(text, locale).intent == "out_of_domain"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("qual whatsapp eu uso pra falar com o otavio", "pt-BR"),
        ("me passa o telefone", "pt-BR"),
        ("whats dag's email", "en"),
        ("what's the buyer's cell at halvorsen", "en"),
    ],
)
def test_a_contact_asked_for_someone_is_still_looked_up(text: str, locale: str) -> None:
    assert read(text, locale).intent == "contact_lookup"


def test_the_exchange_rate_is_no_agenda() -> None:
    assert read("what's the exchange rate today", "en").intent == "out_of_domain"
    assert read("como ta o cambio hoje", "pt-BR").intent == "out_of_domain"


def test_ones_own_goal_gone_down_the_drain_is_no_lost_deal() -> None:
    assert read("minha meta de academia esse mes foi pro saco").intent != "lost"


# -- someone of the book in a line of chatter: nothing done with them for the work -----------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("o Otavio da brisa torce pro vasco, vou tirar onda com ele amanha kkk", "pt-BR"),
        ("o Otavio da brisa me passou uma receita de bolo top", "pt-BR"),
        ("Dag from Halvorsen recommended a bbq place, going tonight", "en"),
        ("Dag's team at Halvorsen won some robotics award, pretty cool", "en"),
    ],
)
def test_someone_of_the_book_in_chatter_is_no_note(text: str, locale: str) -> None:
    assert read(text, locale).intent == "out_of_domain"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("visitei o otavio na brisa, falamos de futebol o tempo todo", "pt-BR"),
        ("Dag from Halvorsen asked for the new pricing, beer on me if we close", "en"),
    ],
)
def test_a_visit_with_chatter_in_it_is_still_logged(text: str, locale: str) -> None:
    assert read(text, locale).intent == "log"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("levei o otavio da brisa pra almocar, ele comentou de uma loja nova em marco", "pt-BR"),
        ("coffee w/ dag from halvorsen, they might need trucks in spring", "en"),
    ],
)
def test_a_meal_with_someone_of_the_book_is_no_chatter(text: str, locale: str) -> None:
    assert read(text, locale).intent != "out_of_domain"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("o Otavio da brisa chamou pro churrasco de fim de ano, bora galera?", "pt-BR"),
        ("Dag's team at Halvorsen Freight won some trucking award, pretty cool", "en"),
        ("a brisa ganhou um trofeu de empresa do ano, que chique", "pt-BR"),
    ],
)
def test_an_invitation_or_a_prize_beside_a_name_is_chatter(text: str, locale: str) -> None:
    assert read(text, locale).intent == "out_of_domain"


# -- the asker lost, not a deal: "to meio perdida" --------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("o q eu tenho hj? to meio perdida", "pt-BR"),
        ("qual minha agenda amanha, to perdidao", "pt-BR"),
        ("what do i have tomorrow, kinda lost", "en"),
    ],
)
def test_the_asker_lost_asks_the_agenda(text: str, locale: str) -> None:
    assert read(text, locale).intent == "agenda"


def test_a_deal_lost_is_still_lost() -> None:
    assert read("perdi a brisa tintas").intent == "lost"
    assert read("which deals have we lost this quarter", "en").intent == "lost_list"


# -- "a parada da X": slang for the matter of X ----------------------------------------------


@pytest.mark.parametrize(
    "text", ["e ai como ta a parada da brisa?", "como anda a parada com a halvorsen"]
)
def test_the_matter_of_an_account_in_slang_is_its_status(text: str) -> None:
    assert read(text).intent == "status"


# -- the accounts one is on, asked -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("what clients am i covering this quarter", "en"),
        ("which accounts am i on rn", "en"),
        ("quais contas eu to cuidando?", "pt-BR"),
        ("quais clientes to atendendo agora", "pt-BR"),
    ],
)
def test_the_accounts_one_is_on_are_listed(text: str, locale: str) -> None:
    assert read(text, locale).intent == "list_accounts"


# -- someone of the book's fandom or tip of a place: chatter, whatever club or food it names --


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("o otavio da brisa torce pro bahia, ontem tava chateado kkk", "pt-BR"),
        ("Dag from Halvorsen roots for the sox, gonna give him grief", "en"),
        ("o otavio da brisa indicou um barzinho otimo na vila", "pt-BR"),
        ("Dag at halvorsen suggested a ramen spot near their office", "en"),
    ],
)
def test_a_fandom_or_a_tip_beside_a_name_is_chatter(text: str, locale: str) -> None:
    assert read(text, locale).intent == "out_of_domain"


def test_a_supplier_recommended_by_a_client_is_still_work() -> None:
    parsed = read(
        "Dag from halvorsen recommended a new integration partner, following up monday", "en"
    )
    assert parsed.intent == "log"
