"""Rules of the eighth understanding round, each checked on sentences written for it here
(none from any corpus), against a small book of names that appear nowhere else.

Today is Thursday 2026-12-10.
"""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understanding import parse
from handlers.understanding.mentions import NameIndex
from storage.books import BookName
from tests.unit.book_reading import TODAY, account, reader

BOOK = NameIndex.of(
    [
        BookName(1, "Cerâmica Barro Forte"),
        BookName(1, "Cerâmica Barro Forte", 11, "Valdemar Rios"),
        BookName(1, "Cerâmica Barro Forte", deal_id=21, deal_title="Fornos elétricos"),
        BookName(2, "Granja Três Irmãos"),
        BookName(2, "Granja Três Irmãos", deal_id=22, deal_title="Comedouros"),
        BookName(2, "Granja Três Irmãos", deal_id=23, deal_title="Sistema de pesagem"),
        BookName(3, "Harborview Textiles"),
        BookName(3, "Harborview Textiles", deal_id=24, deal_title="Loom sensors"),
        BookName(4, "Oakridge Dairy"),
        BookName(4, "Oakridge Dairy", deal_id=25, deal_title="CRM rollout"),
        BookName(5, "Sorveteria Polo Norte"),
        BookName(6, "Sorveteria Gelato Fino"),
        BookName(9, "Madeireiras Unidas"),
    ]
)


read = reader(BOOK)


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        ("os fornos eletricos subiram pra 40 mil", "pt-BR", "Cerâmica Barro Forte"),
        ("como estao os comedouros?", "pt-BR", "Granja Três Irmãos"),
        ("o comedouro ficou pra janeiro", "pt-BR", "Granja Três Irmãos"),
        ("what's the status of the loom sensors", "en", "Harborview Textiles"),
        ("how is the CRM deal going?", "en", "Oakridge Dairy"),
    ],
)
def test_a_deal_named_by_what_is_sold_leads_to_its_account(text, locale, name):
    assert account(read(text, locale)) == name


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("o sistema caiu de novo aqui no escritorio", "pt-BR"),  # one ordinary word of a title
        ("need new sensors for my car", "en"),
        ("o forno la de casa queimou", "pt-BR"),  # one word of the title, not the title
    ],
)
def test_an_ordinary_word_of_a_title_names_nothing(text, locale):
    assert read(text, locale).mention is None


def test_the_account_named_outright_wins_over_another_accounts_deal():
    parsed = read("liguei pra Oakridge sobre os comedouros da granja deles")
    assert parsed.mention is not None
    assert parsed.mention.hits[0].account_name == "Oakridge Dairy"


def test_a_company_named_in_full_beats_a_product_it_is_interested_in():
    parsed = read("new lead: Bayside Feed Mills, they want loom sensors too", "en")
    assert parsed.fresh and parsed.name == "Bayside Feed Mills"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("passei na sorveteria polo norte", "Sorveteria Polo Norte"),
        ("visitei as duas sorveterias hoje", "?"),  # both: ask which
        ("fui nas duas sorveteria", "?"),
        ("both sorveterias called back", "?"),
    ],
)
def test_a_word_two_names_share_said_of_both_is_asked_about(text, name):
    assert account(read(text)) == name


BOOK_WITH_PLACES = NameIndex.of(
    [BookName(7, "Pousada Vale Encantado"), BookName(8, "Marmoraria Pedra Fina")]
)


def read_among_places(text: str, locale: str = "pt-BR"):
    mentions = BOOK_WITH_PLACES.mentions(text)
    return parse(text, TODAY, month_first=locale == "en", mentions=mentions)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("a obra da rua ta parada desde segunda", "pt-BR"),  # "parada", of a road works
        ("o milho ta quanto hj no porto", "pt-BR"),  # "hj", of the price of corn
        ("vendi minha moto semana passada, ufa", "pt-BR"),
        ("sold my old bike finally", "en"),
        ("minha meta de emagrecer ta dificil", "pt-BR"),
        ("qual a melhor estrada pra chegar em londrina de carro?", "pt-BR"),
        ("where can I learn to surf around here?", "en"),
        ("fiquei sem sinal no vale a manha toda", "pt-BR"),  # "vale", a valley
        ("brigado cara", "pt-BR"),
        ("thanks man", "en"),
    ],
)
def test_a_sentence_with_nothing_of_the_work_is_off_topic(text, locale):
    assert read_among_places(text, locale).intent == "out_of_domain"


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("o que eu tenho hj", "agenda"),
        ("tem algo parado?", "stalled"),
        ("quem ta parado faz tempo", "stalled"),
        ("negocios parados", "stalled"),
        ("passei na pousada vale encantado hoje", "log"),
    ],
)
def test_the_same_cues_about_the_work_still_ask_for_it(text, intent):
    assert read_among_places(text).intent == intent


def test_a_city_after_in_is_a_place_not_a_new_company():
    parsed = read_among_places("is it hot in Belo Horizonte today?", "en")
    assert not parsed.fresh
    assert parsed.intent in ("out_of_domain", "unknown")


@pytest.mark.parametrize(
    ("text", "locale", "value"),
    [("quarenta e dois mil", "pt-BR", 42000), ("seventy five thousand", "en", 75000)],
)
def test_an_amount_said_alone_in_words_is_asked_about(text, locale, value):
    parsed = read_among_places(text, locale)
    assert parsed.intent == "unclear"
    assert parsed.amount is not None and parsed.amount.value == value


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("peraí deixa eu olhar", "pt-BR"),
        ("aquela la do centro", "pt-BR"),
        ("that one from last week", "en"),
        ("hold on let me check", "en"),
    ],
)
def test_a_message_that_holds_its_meaning_back_is_asked_about(text, locale):
    assert read_among_places(text, locale).intent == "unclear"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("amanha vou ta fora, exame de sangue", "pt-BR"),
        ("quarta e quinta to num treinamento em jundiai", "pt-BR"),
        ("semana que vem estou numa feira em chapeco", "pt-BR"),
        ("I'm at a trade show thursday and friday", "en"),
        ("out wed-thu for a training in Curitiba", "en"),
    ],
)
def test_away_at_a_course_a_fair_or_a_doctor_is_an_absence(text, locale):
    assert read_among_places(text, locale).intent == "away"


@pytest.mark.parametrize(
    ("text", "locale"),
    [("to livre amanha depois do almoco?", "pt-BR"), ("am I free after lunch tomorrow?", "en")],
)
def test_after_lunch_is_a_time_of_the_day_not_a_meal(text, locale):
    assert read_among_places(text, locale).intent == "agenda"


@pytest.mark.parametrize(
    "text",
    [
        "dia quinze de janeiro visitar a pousada vale encantado",
        "anota ai pra mim ligar pra marmoraria pedra fina sexta",
    ],
)
def test_a_plan_after_its_day_or_after_write_it_down_is_a_task(text):
    parsed = read_among_places(text)
    assert parsed.intent == "task"
    assert parsed.date is not None and parsed.date > TODAY


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("lista de ganho do trimestre", "pt-BR", "won_list"),
        ("me mostra os perdido da semana", "pt-BR", "lost_list"),
        ("lista meus cliente por favor", "pt-BR", "list_accounts"),
        ("quais sequencias tem pra usar?", "pt-BR", "list_cadences"),
        ("what sequences are there", "en", "list_cadences"),
        ("open an opp for Oakridge Dairy, 30k", "en", "create_deal"),
        ("oportunidade nova na granja tres irmaos: bebedouros, 12 mil", "pt-BR", "create_deal"),
        (
            "cadastra o comprador novo da granja tres irmaos, Otavio Prado",
            "pt-BR",
            "create_contact",
        ),
        ("email do comprador da granja tres irmaos", "pt-BR", "contact_lookup"),
    ],
)
def test_lists_records_and_contacts_asked_the_way_reps_type(text, locale, intent):
    assert read(text, locale).intent == intent


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("fui na madeireira hoje", "Madeireiras Unidas"),
        ("a granja ligou", "Granja Três Irmãos"),
        ("liguei pra sorveterias polo norte", "Sorveteria Polo Norte"),
    ],
)
def test_a_names_word_said_in_the_singular_or_plural_after_a_pointer_is_sure(text, name):
    parsed = read(text)
    assert parsed.mention is not None and parsed.mention.sure
    assert account(parsed) == name


def test_please_after_a_new_accounts_name_is_not_part_of_it():
    parsed = read("add a new account called Bayside Feed Mills please", "en")
    assert parsed.intent == "create_account"
    assert parsed.name == "Bayside Feed Mills"


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("reuniao com o valdemar da ceramica sexta 9h confirmada", "pt-BR", "cadence_action"),
        ("meeting w/ Harborview tomorrow 3pm confirmed", "en", "cadence_action"),
        ("reuniao com o valdemar foi boa, pedido confirmado", "pt-BR", "log"),
        ("ei ritmo registra ai visita na granja tres irmaos, pediram catalogo", "pt-BR", "log"),
        ("hey ritmo, log a call with Oakridge, they want a demo", "en", "log"),
        ("fechamo a granja tres irmaos!!", "pt-BR", "won"),
        ("perdemo a ceramica pro concorrente", "pt-BR", "lost"),
        ("voltei da granja tres irmaos, querem desconto", "pt-BR", "log"),
        ("voltei das ferias", "pt-BR", "away_end"),
        ("were supposed to email Oakridge the deck, forgot", "en", "unclear"),
        ("not sure Harborview will even sign this year", "en", "unclear"),
        ("nao sei se a granja vai fechar", "pt-BR", "unclear"),
        ("what's the plan with Harborview?", "en", "next_step"),
        ("Oakridge is a hard no, went with a competitor", "en", "lost"),
        ("manda o relatorio diario", "pt-BR", "digest"),
    ],
)
def test_round_eight_phrasings(text, locale, intent):
    assert read(text, locale).intent == intent


@pytest.mark.parametrize(
    ("text", "locale"),
    [("a joana ta batendo a meta?", "pt-BR"), ("is Tom on track for his number?", "en")],
)
def test_a_seller_asked_about_by_name_and_target_is_the_team_view(text, locale):
    assert read(text, locale).intent == "team"


@pytest.mark.parametrize(
    ("text", "locale"), [("to batendo a meta?", "pt-BR"), ("am I on track for my number", "en")]
)
def test_my_own_target_stays_my_sales(text, locale):
    assert read(text, locale).intent == "my_sales"


def test_a_meeting_booked_last_is_the_meeting_booked_action():
    parsed = read("reuniao com o valdemar da ceramica amanha 10h marcada")
    assert parsed.intent == "cadence_action"
    assert parsed.action == "meeting_booked"
    assert parsed.date == date(2026, 12, 11)


def test_a_close_date_said_in_words_after_the_deal_is_its_new_close_date():
    parsed = read("os fornos eletricos agora fecham dia vinte e dois de janeiro")
    assert parsed.intent == "deal_update"
    assert parsed.date == date(2027, 1, 22)


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("Oakridge call - Tom wants to push the pilot down to 20k, will check", "en", "log"),
        ("Oakridge call - snooze to monday", "en", "cadence_action"),
        ("Oakridge call - done", "en", "unclear"),  # the step, or a call? ask
        ("granja tres irmaos visita: querem ver o comedouro novo em janeiro", "pt-BR", "log"),
        ("wrapped a call w/ Harborview, they want the quote by friday", "en", "log"),
        ("Harborview down to 18k after the discount", "en", "deal_update"),
    ],
)
def test_a_reports_heading_and_the_deals_news(text, locale, intent):
    assert read(text, locale).intent == intent


@pytest.mark.parametrize(
    ("text", "locale", "due"),
    [
        ("liguei pro valdemar, pediu pra retornar depois das quatro da tarde", "pt-BR", TODAY),
        ("talked to Oakridge, they need it by the 22nd, circling back Monday", "en",
         date(2026, 12, 14)),
    ],
)  # fmt: skip
def test_the_follow_up_is_the_day_of_ours_to_do(text, locale, due):
    parsed = read(text, locale)
    assert parsed.intent == "log"
    assert parsed.follow_up is not None and parsed.follow_up.due == due


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("onde vejo minha comissao desse mes?", "pt-BR"),
        ("da pra exportar isso pra planilha?", "pt-BR"),
        ("can I export this to a spreadsheet?", "en"),
        ("whats the max discount I can offer?", "en"),
    ],
)
def test_a_question_about_the_work_in_words_ritmo_does_not_know_is_never_off_topic(text, locale):
    assert read_among_places(text, locale).intent == "unknown"


@pytest.mark.parametrize(
    ("text", "locale", "value"),
    [
        ("Harborview down to sixty.. oops fifty five k", "en", 55000),
        ("a granja tres irmaos caiu pra quarenta, digo, trinta e oito mil", "pt-BR", 38000),
    ],
)
def test_a_new_amount_taken_back_before_the_one_meant_is_the_deals_news(text, locale, value):
    parsed = read(text, locale)
    assert parsed.intent == "deal_update"
    assert parsed.amount is not None and parsed.amount.value == value


BOOK_WITH_A_HOTEL = NameIndex.of(
    [BookName(10, "Hotel Vista Linda"), BookName(11, "Academia Força Total")]
)


def read_with_a_hotel(text: str, locale: str = "pt-BR"):
    mentions = BOOK_WITH_A_HOTEL.mentions(text)
    return parse(text, TODAY, month_first=locale == "en", mentions=mentions)


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("o hotel ta sem agua quente de novo hoje", "unclear"),  # mine, or the client?
        ("o hotel pediu desconto na proposta", "log"),  # of the work: the client
        ("o hotel vista linda reclamou da internet", "log"),  # named in full: the client
    ],
)
def test_an_everyday_place_alone_with_nothing_of_the_work_is_asked_about(text, intent):
    assert read_with_a_hotel(text).intent == intent


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("o metro atrasou de novo essa manha", "pt-BR"),
        ("perdi a chave do armario da empresa", "pt-BR"),
        ("fechei a maratona em quatro horas", "pt-BR"),
        ("the elevator is stalled between floors again", "en"),
        ("qual a previsao pro final de semana na praia?", "pt-BR"),
        ("a meta da academia e perder 3 kg ate marco", "pt-BR"),
    ],
)
def test_news_of_something_else_told_with_an_outcome_word_is_off_topic(text, locale):
    assert read_with_a_hotel(text, locale).intent == "out_of_domain"


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("perdemos", "pt-BR", "lost"),
        ("am i behind on anything", "en", "overdue"),
        ("quem ta atrasado?", "pt-BR", "overdue"),
        ("perdi a venda pro concorrente ontem", "pt-BR", "lost"),
    ],
)
def test_the_outcome_words_about_the_work_still_ask_for_it(text, locale, intent):
    assert read_with_a_hotel(text, locale).intent == intent
