"""Round twenty-six of understanding: a fair mix of every user (dev24's kinds of miss).

Each group is a kind of miss met there, in other words (another rep typing the same thing:
texting shorthand, no accents), against a small book of names that appears nowhere else.
Today is Thursday 2026-12-10.
"""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understanding.mentions import NameIndex
from storage.books import BookName
from tests.unit.book_reading import ACTS, account, reader

BOOK = NameIndex.of(
    [
        BookName(1, "Cerealista Pampa"),
        BookName(1, "Cerealista Pampa", deal_id=81, deal_title="Silos novos"),
        BookName(1, "Cerealista Pampa", contact_id=91, contact_name="Jurandir Lopes"),
        BookName(2, "Quillon Optics"),
        BookName(2, "Quillon Optics", contact_id=92, contact_name="Ines Barrow"),
        BookName(3, "Fiacao Tropeiro"),
    ]
)

read = reader(BOOK)


# -- kin joined by a prefix (in-laws, step-dad, ex sogra): one's own people, no account -------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("visited my in-laws on sunday, exhausting", "en"),
        ("called my step-mom to wish her happy bday", "en"),
        ("visitei minha ex sogra no hospital ontem", "pt-BR"),
        ("liguei pro meu meio irmao, ta tudo bem", "pt-BR"),
        ("visited my half sister in ohio last weekend", "en"),
    ],
)
def test_a_visit_to_kin_said_with_a_prefix_is_chatter(text: str, locale: str) -> None:
    parsed = read(text, locale)
    assert parsed.intent not in ACTS


def test_a_visit_to_a_client_is_still_logged() -> None:
    parsed = read("visited quillon yesterday, ines liked the samples", "en")
    assert (parsed.intent, account(parsed)) == ("log", "Quillon Optics")


# -- a run-on's "volta a falar com ele dia X": a day ahead, the little words between --------


@pytest.mark.parametrize(
    "text",
    [
        "visitei a cerealista o jurandir curtiu volta a falar com ele dia quatro de janeiro",
        "passei na cerealista ele so decide em janeiro volta a ligar pra ele dia 8 de janeiro",
        "fui na fiacao tropeiro gostaram bastante voltar a falar com eles no dia 6 de janeiro",
    ],
)
def test_a_day_after_a_plan_in_a_run_on_is_the_follow_up(text: str) -> None:
    parsed = read(text)
    assert parsed.intent == "log"
    assert parsed.follow_up is not None and parsed.follow_up.due.year == 2027
    assert parsed.date is None or parsed.date >= date(2026, 12, 1)


def test_a_day_after_forgetting_to_tell_is_when_it_happened() -> None:
    parsed = read("esqueci de falar, terca eu liguei pro jurandir da cerealista, pediu prazo")
    assert parsed.intent == "log" and parsed.date == date(2026, 12, 8)


# -- a name taken back in shorthand: "na vdd foi a X", "na real foi a X" -------------------


@pytest.mark.parametrize(
    "text",
    [
        "liguei pra cerealista... na vdd foi a quillon, a ines quer amostra",
        "visitei a cerealista, na real foi na quillon, pediram orcamento",
    ],
)
def test_a_name_taken_back_in_shorthand_is_the_one_meant(text: str) -> None:
    assert account(read(text)) == "Quillon Optics"


# -- an order to oneself: "marca visita na X dia N", "dia 5/1 ligar pro X" -------------------


@pytest.mark.parametrize(
    "text",
    [
        "marca visita na cerealista dia vinte e tres",
        "marca reuniao c a fiacao tropeiro dia 18",
        "cobra o jurandir da cerealista sexta",
        "dia 7/1 ligar pro jurandir da cerealista, depois do ano novo",
        "dia 7/1 ligar pro jurandir da cerealista, volta das ferias",
        "dia 15 visitar a fiacao tropeiro",
    ],
)
def test_an_order_to_oneself_is_a_task(text: str) -> None:
    assert read(text).intent == "task"


def test_a_day_then_a_call_made_is_still_a_log() -> None:
    assert read("dia 3 liguei pro jurandir da cerealista, pediu desconto").intent == "log"
    told = "today i visit the cerealista, jurandir like the silos, return monday"
    assert read(told, "en").intent == "log"


# -- "fico off": the asker away ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["fico off do dia 28 ao 30", "ficarei off segunda e terca", "vou ta off amanha"]
)
def test_the_asker_off_is_away(text: str) -> None:
    assert read(text).intent == "away"


# -- the list of cadences asked in the singular, and the team's overview ----------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [("lista de cadencia", "pt-BR"), ("listagem das sequencia", "pt-BR"), ("cadence list", "en")],
)
def test_the_list_of_cadences_said_alone(text: str, locale: str) -> None:
    assert read(text, locale).intent == "list_cadences"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("visao geral do pessoal", "pt-BR"),
        ("panorama da galera", "pt-BR"),
        ("overview of the crew", "en"),
        ("quick snapshot of the folks", "en"),
    ],
)
def test_an_overview_of_the_people_is_the_team(text: str, locale: str) -> None:
    assert read(text, locale).intent == "team"


# -- "passo seguinte": the next step ----------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "depois da demo na quillon qual o passo seguinte?",
        "qual a etapa seguinte na fiacao tropeiro",
        "o que vem a seguir com a cerealista?",
    ],
)
def test_the_step_that_follows_is_the_next_step(text: str) -> None:
    assert read(text).intent == "next_step"


# -- a what-if about a client is talked over, not answered with its status ---------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("e se a cerealista pedir mais desconto?", "pt-BR"),
        ("e caso a fiacao tropeiro suma?", "pt-BR"),
        ("what if quillon asks for net 60?", "en"),
    ],
)
def test_a_what_if_about_a_client_is_asked_back(text: str, locale: str) -> None:
    assert read(text, locale).intent == "unclear"


def test_how_a_client_stands_is_still_its_status() -> None:
    assert read("como ta a cerealista?").intent == "status"


# -- how much is guessed to close: the forecast, not the list of deals that close --------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("how much do u think closes next month", "en"),
        ("how much is likely to close this quarter", "en"),
        ("quanto vc acha q fecha esse mes", "pt-BR"),
        ("qto a gente fecha ate o fim do ano", "pt-BR"),
    ],
)
def test_how_much_will_close_is_the_forecast(text: str, locale: str) -> None:
    assert read(text, locale).intent == "forecast"


def test_what_closes_and_what_one_closed_are_unchanged() -> None:
    assert read("what closes this month", "en").intent == "closing"
    assert read("quanto eu fechei esse mes").intent == "my_sales"


# -- a company met, then made an account by a pronoun -----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "conheci o pessoal da Zeta Alimentos na feira, cadastra eles como cliente",
        "conheci a dona da Padaria Sol Nascente no evento, coloca ela como conta nova",
        "falei com a dona da Padaria Sol Nascente, coloca ela como conta nova",
        "visitei a Marmoraria Pedra Alta na feira, adiciona ela como cliente",
    ],
)
def test_a_company_met_then_made_an_account(text: str) -> None:
    parsed = read(text)
    assert parsed.intent == "create_account"
    assert parsed.name is not None and parsed.name[0].isupper()  # the company, not "nova"


@pytest.mark.parametrize(
    "text",
    [
        "talked to someone from Orbis Metals at the fair, set them up as a client",
        "met the owner of Lakeview Bakery at the expo, add them as an account",
    ],
)
def test_a_company_met_then_made_an_account_in_english(text: str) -> None:
    assert read(text, "en").intent == "create_account"


def test_news_of_an_account_opened_is_no_request() -> None:
    text = "visited Orbis Metals, they opened a new account with us"
    assert read(text, "en").intent == "log"


@pytest.mark.parametrize(("text", "locale"), [("gm", "en"), ("gm pessoal", "pt-BR")])
def test_gm_is_a_greeting(text: str, locale: str) -> None:
    assert read(text, locale).intent == "out_of_domain"


# -- a name with an apostrophe (o'brien, d'avila) is one word of the book's name --------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("ines barrow phone?", "en"),
        ("phone for ciaran o'dea", "en"),
        ("ciaran o'dea cell?", "en"),
        ("ciaran o’dea email?", "en"),
        ("qual o telefone do ciaran o'dea?", "pt-BR"),
    ],
)
def test_a_name_with_an_apostrophe_is_looked_up(text: str, locale: str) -> None:
    book = NameIndex.of(
        [
            BookName(2, "Quillon Optics"),
            BookName(2, "Quillon Optics", contact_id=92, contact_name="Ines Barrow"),
            BookName(2, "Quillon Optics", contact_id=93, contact_name="Ciaran O'Dea"),
        ]
    )
    parsed = reader(book)(text, locale)
    assert (parsed.intent, account(parsed)) == ("contact_lookup", "Quillon Optics")


# -- a meeting booked, then the cadence stopped: the meeting the cadence was after ---------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("marquei reuniao c o jurandir dia 17, pode parar a cadencia dele", "pt-BR"),
        ("agendei demo com a ines dia 21, tira ela da cadencia", "pt-BR"),
        ("booked a meeting with ines for the 18th, you can stop her sequence", "en"),
    ],
)
def test_a_meeting_booked_then_the_cadence_stopped(text: str, locale: str) -> None:
    parsed = read(text, locale)
    assert (parsed.intent, parsed.action) == ("cadence_action", "meeting_booked")
    assert parsed.date is not None and parsed.date > date(2026, 12, 10)


def test_the_cadence_stopped_for_another_reason_is_still_unenrol() -> None:
    assert read("tira o jurandir da cadencia, ele saiu da empresa").intent == "unenroll"


# -- the stage reached said first, the move asked after --------------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("qualifiquei a cerealista, pode mover de etapa", "pt-BR"),
        ("qualificamos a fiacao tropeiro, atualiza a etapa", "pt-BR"),
        ("qualified quillon, move it forward", "en"),
    ],
)
def test_a_stage_reached_then_the_move_asked(text: str, locale: str) -> None:
    parsed = read(text, locale)
    assert (parsed.intent, parsed.stage) == ("stage_change", "qualification")


# -- a close date that slips, said with "escorrega"/"atrasa"/"delay" ---------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("escorrega o fechamento da cerealista duas semanas", "pt-BR"),
        ("atrasa o fechamento da fiacao tropeiro pra fevereiro", "pt-BR"),
        ("delay quillon's close date to jan 20", "en"),
    ],
)
def test_a_close_date_slipped_is_a_deal_update(text: str, locale: str) -> None:
    assert read(text, locale).intent == "deal_update"


# -- "forecasting" is the forecast; kin not yet known (madrasta, parents) ----------------------


def test_forecasting_is_the_forecast() -> None:
    assert read("how much are we forecasting for q1", "en").intent == "forecast"
    assert read("the weather forecasting app is down", "en").intent not in ACTS


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("liguei pra minha madrasta hj cedo", "pt-BR"),
        ("visitei meu enteado em sorocaba", "pt-BR"),
        ("called my parents last night", "en"),
        ("called my stepdad, he's fine", "en"),
    ],
)
def test_a_call_to_more_kin_is_chatter(text: str, locale: str) -> None:
    assert read(text, locale).intent not in ACTS


# -- a value in words taken back, and a day fixed with "it was" -------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "value"),
    [
        ("silos novos da cerealista up to seventy k, oops no 65k", "en", 65000),
        ("silos novos da cerealista sobe pra noventa mil, ops, 80 mil", "pt-BR", 80000),
    ],
)
def test_an_amount_in_words_taken_back_is_the_deal_update(
    text: str, locale: str, value: int
) -> None:
    parsed = read(text, locale)
    assert parsed.intent == "deal_update"
    assert parsed.amount is not None and parsed.amount.value == value


@pytest.mark.parametrize(
    "text",
    [
        "visited quillon in porto alegre... actually that was monday not today",
        "demoed to quillon, actually it was monday",
    ],
)
def test_a_day_fixed_with_it_was_is_when_it_happened(text: str) -> None:
    parsed = read(text, "en")
    assert parsed.intent == "log" and parsed.date == date(2026, 12, 7)
    assert parsed.follow_up is None


def test_it_was_before_a_plan_keeps_the_plan() -> None:
    parsed = read("visited quillon, they were happy, back on monday", "en")
    assert parsed.follow_up is not None and parsed.follow_up.due == date(2026, 12, 14)


# -- the day's plan asked in other words ------------------------------------------------------


@pytest.mark.parametrize("text", ["bom dia! qual o plano de hoje?", "qual a pauta de hoje"])
def test_the_days_plan_asked_is_the_agenda(text: str) -> None:
    assert read(text).intent == "agenda"


@pytest.mark.parametrize(
    "text", ["qual o plano de hoje a noite, pizza?", "qual a boa do churrasco de sabado?"]
)
def test_an_evening_plan_is_still_chatter(text: str) -> None:
    assert read(text).intent not in ACTS


# -- a client's holiday told after the plan: the plan is ours, the holiday theirs ------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("on 1/6 call ines at quillon, back from holidays", "en"),
        ("dia 12 visitar a cerealista, o jurandir ta de ferias ate dia 11", "pt-BR"),
    ],
)
def test_a_clients_holiday_after_the_plan_is_no_absence(text: str, locale: str) -> None:
    assert read(text, locale).intent == "task"


def test_the_askers_own_absence_is_still_away() -> None:
    assert read("to de ferias ate dia 5").intent == "away"
