"""Round thirty-one of understanding: the kinds of miss in questions, lists, help, chatter and
off-topic that recur across writers (each seen in two or more development parts).

Each group is one kind, in other words than any corpus's (another rep typing the same
thing: shorthand, no accents), against a small book of names that appears nowhere else.
Today is Thursday 2026-12-10.
"""

from __future__ import annotations

import pytest

from handlers.understanding.mentions import NameIndex
from storage.books import BookName
from tests.unit.book_reading import ACTS, account, reader

BOOK = NameIndex.of(
    [
        BookName(1, "Orvalho Têxtil"),
        BookName(1, "Orvalho Têxtil", deal_id=91, deal_title="Teares"),
        BookName(2, "Kestrel Mills"),
        BookName(2, "Kestrel Mills", deal_id=92, deal_title="Spindle upgrade"),
        BookName(3, "Padaria Trigo Dourado"),
        BookName(4, "Clínica Bem Viver"),
        BookName(5, "Lumen Farms"),
        BookName(6, "Hotel Sol Nascente"),
    ]
)

read = reader(BOOK)


# -- A: a forecast or a goal of one's life (the weather, a race, a shop's hours) is never
# answered with data (dev8, dev11, dev27, dev28) ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("como vai ser a previsao pro fds? sera q chove?", "pt-BR"),
        ("previsao pro feriado na praia, alguem viu?", "pt-BR"),
        ("its pouring out here, app says it clears up by 4", "en"),
        ("is walmart open on christmas day", "en"),
        ("minha meta pessoal e correr 5k em marco", "pt-BR"),
        ("my goal this year is to run a 10k", "en"),
    ],
)
def test_a_forecast_or_goal_of_ones_life_is_no_data(text: str, locale: str) -> None:
    assert read(text, locale).intent not in ACTS


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("previsao pro trimestre", "pt-BR", "forecast"),
        ("minha meta e fechar 10k em janeiro", "pt-BR", "closing"),
        ("forecast for december?", "en", "forecast"),
    ],
)
def test_the_work_forecast_still_is_one(text: str, locale: str, intent: str) -> None:
    assert read(text, locale).intent == intent


# -- B: what was sold asked against the target is the sales so far, not a forecast
# (dev17, dev27, dev28) ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "qnt falta p bater a meta do mes",
        "a equipe bateu a meta de outubro?",
        "qto a gente ja faturou vs a meta",
        "quanto o time ja vendeu contra a meta",
        "qto falta pra bater nossa meta",
    ],
)
def test_sold_against_the_target_is_my_sales(text: str) -> None:
    assert read(text).intent == "my_sales"


def test_will_we_hit_the_target_stays_a_forecast() -> None:
    assert read("a gente vai bater a meta?").intent == "forecast"


def test_a_goal_of_the_body_met_is_no_sales() -> None:
    assert read("batemos a meta de agua do dia hoje? 3 litros kkk").intent not in ACTS


# -- C: a contact's phone or e-mail asked of the room or of ritmo's memory, in short forms
# (dev12, dev18, dev21, dev27) ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        ("alguem sabe o tel da Simone da orvalho", "pt-BR", "Orvalho Têxtil"),
        ("ql o whats da Fernanda do hotel", "pt-BR", "Hotel Sol Nascente"),
        ("me lembra o email do Antonio da padaria", "pt-BR", "Padaria Trigo Dourado"),
        ("alguem tem o cel do marcos da clinica?", "pt-BR", "Clínica Bem Viver"),
        ("anyone have the email for jim at lumen", "en", "Lumen Farms"),
    ],
)
def test_a_contact_detail_asked_is_a_lookup(text: str, locale: str, name: str) -> None:
    parsed = read(text, locale)
    assert (parsed.intent, account(parsed)) == ("contact_lookup", name)


def test_a_reminder_to_send_an_email_stays_a_task() -> None:
    assert read("me lembra de mandar o email pra orvalho amanha").intent == "task"


# -- D: "qual a boa de hoje", "o que vence hoje": the day's agenda asked (dev18, dev21,
# dev24); the evening's or the weekend's plans are leisure ------------------------------------


@pytest.mark.parametrize(
    "text",
    ["qual a boa de hj", "e ai, qual e a boa p hoje?", "oi, o que que vence hj?"],
)
def test_whats_up_today_is_the_agenda(text: str) -> None:
    assert read(text).intent == "agenda"


@pytest.mark.parametrize("text", ["qual a boa de hoje a noite?", "qual a boa pro fds?"])
def test_whats_up_tonight_is_leisure(text: str) -> None:
    assert read(text).intent == "out_of_domain"


# -- F: a word of the work owned by one's own life, asked around (a car's lease, a landlord's
# proposal, a friend's company's hire) is off-topic, not "I don't know that" (dev7, dev23,
# dev27) --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("my landlord sent a new lease proposal, is 12% normal?", "en"),
        ("meu cunhado quer um orcamento de software, alguem indica?", "pt-BR"),
        ("minha sogra fechou negocio num carro usado, sera q foi bom?", "pt-BR"),
        ("the deal on my phone plan ends next month, worth switching?", "en"),
    ],
)
def test_work_words_of_ones_own_life_asked_are_off_topic(text: str, locale: str) -> None:
    assert read(text, locale).intent == "out_of_domain"


def test_ones_own_pipeline_asked_stays_the_work() -> None:
    assert read("my pipeline looks thin, any tips?", "en").intent == "pipeline"


# -- S: a word or two shouted with a letter held is read as said once: the help asked, a
# cheer of the world (dev16, dev23) ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("socorrooo", "pt-BR", "help"),
        ("heeeelp", "en", "help"),
        ("me ajudaaa", "pt-BR", "help"),
        ("golaaaaco", "pt-BR", "out_of_domain"),
        ("GOOOL do timao!!", "pt-BR", "out_of_domain"),
    ],
)
def test_a_held_letter_is_read_once(text: str, locale: str, intent: str) -> None:
    assert read(text, locale).intent == intent


def test_a_held_letter_of_nothing_is_still_asked_back() -> None:
    assert read("yessss", "en").intent == "unclear"


# -- T: a seller of the team asked by name what they sold or whether they deliver, and the
# team as a whole told as a guess ("o pessoal tá indo bem") are asked of the team, never
# chatter (dev18, dev27) ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("e o bruno, ta entregando?", "pt-BR"),
        ("o felipe ja fechou qto esse mes", "pt-BR"),
        ("quanto a julia vendeu em novembro?", "pt-BR"),
        ("how much did john sell this quarter", "en"),
        ("a turma ta indo bem", "pt-BR"),
    ],
)
def test_a_seller_or_the_team_asked_is_the_teams(text: str, locale: str) -> None:
    # "status" with no account is the handler's seller by name, answered from the team
    parsed = read(text, locale)
    assert parsed.intent in ("team", "status")
    assert account(parsed) is None


def test_a_seller_who_sold_his_car_is_chatter() -> None:
    assert read("o paulo vendeu o carro").intent == "out_of_domain"


# -- H: "vc consegue me dizer …", "can you do the … for X": the polite frame of a request,
# not a question about ritmo (dev26, dev27) ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("vc consegue me mostrar o pipe?", "pt-BR", "pipeline"),
        ("voce consegue me falar o que vence amanha", "pt-BR", "agenda"),
        ("vc pode me dizer qto tem em negociacao?", "pt-BR", "pipeline"),
    ],
)
def test_a_request_in_a_polite_frame_is_the_request(text: str, locale: str, intent: str) -> None:
    assert read(text, locale).intent == intent


def test_the_usual_for_an_account_is_asked_back_not_help() -> None:
    parsed = read("can you do the usual for kestrel", "en")
    assert (parsed.intent, account(parsed)) == ("unclear", "Kestrel Mills")


@pytest.mark.parametrize(
    ("text", "locale"),
    [("vc consegue ler audio?", "pt-BR"), ("can you do reminders?", "en")],
)
def test_what_ritmo_can_do_is_still_help(text: str, locale: str) -> None:
    assert read(text, locale).intent == "help"


# -- R: the digest asked by its kind: the manager's, the week's, the whole one (dev17, dev27) --


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("me manda o resumo semanal", "pt-BR"),
        ("cade o relatorio gerencial?", "pt-BR"),
        ("resumo completo por favor", "pt-BR"),
        ("send me the weekly recap", "en"),
    ],
)
def test_the_digest_asked_by_its_kind(text: str, locale: str) -> None:
    assert read(text, locale).intent == "digest"


def test_a_summary_of_an_account_is_its_status() -> None:
    parsed = read("me da um resumo da orvalho")
    assert (parsed.intent, account(parsed)) == ("status", "Orvalho Têxtil")


# -- E: a question asked indirectly about an account ("será q…", "alguém sabe se…", "any
# idea if…") wonders how it stands; it never logs, replies or closes (dev27; the same frame
# about one's life, off-topic, recurs in a dozen parts) -----------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        ("sera q a orvalho ainda assina esse mes?", "pt-BR", "Orvalho Têxtil"),
        (
            "alguem sabe se a padaria trigo dourado respondeu o email",
            "pt-BR",
            "Padaria Trigo Dourado",
        ),
        ("vc sabe se a clinica bem viver ja recebeu a proposta?", "pt-BR", "Clínica Bem Viver"),
        ("any idea if lumen signed yet", "en", "Lumen Farms"),
        ("anyone know if kestrel closed?", "en", "Kestrel Mills"),
        ("i wonder if the hotel sol nascente ever read our deck", "en", "Hotel Sol Nascente"),
    ],
)
def test_a_question_asked_indirectly_is_the_status(text: str, locale: str, name: str) -> None:
    parsed = read(text, locale)
    assert (parsed.intent, account(parsed)) == ("status", name)


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("alguem sabe se o escritorio abre dia 24", "pt-BR"),
        ("sera q chove amanha? tenho visita na orvalho", "pt-BR"),
        ("anyone know if the parking lot is open today", "en"),
    ],
)
def test_a_question_asked_indirectly_of_ones_life_is_no_data(text: str, locale: str) -> None:
    assert read(text, locale).intent not in ACTS


# -- P: what was done before, only pointed at ("same as last time", "igual da outra vez", "no
# the other X") is asked back, never taken as chatter (dev20, dev27) ----------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("same as last time", "en"),
        ("same like before pls", "en"),
        ("igual da outra vez", "pt-BR"),
        ("o de sempre", "pt-BR"),
        ("mesma coisa da ultima vez", "pt-BR"),
    ],
)
def test_a_pointer_to_before_is_asked_back(text: str, locale: str) -> None:
    assert read(text, locale).intent == "unclear"


def test_the_other_day_is_no_pointer() -> None:
    assert read("the other day we had a fire drill lol", "en").intent == "out_of_domain"


# -- N: an everyday place said as the one right beside the asker ("a padaria aqui do lado",
# "the bakery next door") is the neighbourhood's, not the client of the same kind (dev27,
# dev28); a visit to the client stays a log -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("a padaria do lado ta com promocao de sonho", "pt-BR"),
        ("the bakery next door has the best croissants", "en"),
        ("a padaria ali em frente abre domingo?", "pt-BR"),
        ("a clinica aqui do lado ta sempre lotada kkk", "pt-BR"),
    ],
)
def test_the_place_next_door_is_no_client(text: str, locale: str) -> None:
    parsed = read(text, locale)
    assert parsed.intent not in ACTS and account(parsed) is None


def test_a_visit_to_the_client_of_that_kind_stays_a_log() -> None:
    parsed = read("passei na padaria, o dono quer mais 20 caixas")
    assert (parsed.intent, account(parsed)) == ("log", "Padaria Trigo Dourado")


# -- Q: a deal's outcome asked, not told ("ganhamos a X?", "a X fechou?") is answered with its
# status and never writes the outcome (dev28; dev27 in the indirect form) ------------------------


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        ("fechamos a orvalho? ngm me avisou", "pt-BR", "Orvalho Têxtil"),
        ("a padaria fechou?", "pt-BR", "Padaria Trigo Dourado"),
        ("we won kestrel??", "en", "Kestrel Mills"),
        ("perdemos a clinica bem viver?", "pt-BR", "Clínica Bem Viver"),
    ],
)
def test_an_outcome_asked_is_its_status(text: str, locale: str, name: str) -> None:
    parsed = read(text, locale)
    assert (parsed.intent, account(parsed)) == ("status", name)


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("fechamos a orvalho!!", "pt-BR", "won"),
        ("lost kestrel. why? price", "en", "lost"),
    ],
)
def test_an_outcome_told_still_writes(text: str, locale: str, intent: str) -> None:
    assert read(text, locale).intent == intent


@pytest.mark.parametrize("text", ["o que ta vencendo amanha?", "o que esta vencendo essa semana"])
def test_what_falls_due_is_the_agenda(text: str) -> None:
    assert read(text).intent == "agenda"


# -- V: a device to buy is no contact's number (dev17) ------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("qual o melhor celular pra comprar ate 2 mil", "pt-BR"),
        ("whats the best phone to buy rn", "en"),
    ],
)
def test_a_phone_to_buy_is_off_topic(text: str, locale: str) -> None:
    assert read(text, locale).intent == "out_of_domain"


def test_a_contacts_number_is_still_looked_up() -> None:
    parsed = read("qual o celular da Rita da orvalho")
    assert (parsed.intent, account(parsed)) == ("contact_lookup", "Orvalho Têxtil")
