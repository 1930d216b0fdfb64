"""Rules of the fourth understanding round, each checked on sentences written for it here (none
from any corpus), against a small book of names that appear nowhere else.

Today is Thursday 2026-12-10.
"""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understanding import parse
from handlers.understanding.mentions import NameIndex
from storage.books import BookName
from tests.unit.book_reading import TODAY, reader

BOOK = NameIndex.of(
    [
        BookName(1, "Cerâmica Horizonte Azul"),
        BookName(1, "Cerâmica Horizonte Azul", 11, "Otávio Lima"),
        BookName(2, "Granja Boa Vista"),
        BookName(3, "Vidraçaria Cristal"),
        BookName(3, "Vidraçaria Cristal", 13, "Sueli Matos"),
        BookName(4, "Maple Robotics"),
        BookName(4, "Maple Robotics", 14, "Grace Holt"),
        BookName(5, "Silverline Freight"),
        BookName(6, "Papelaria Arco Íris"),
    ]
)


read = reader(BOOK)


def account(parsed) -> str | None:
    return parsed.mention.hits[0].account_name if parsed.mention else None


@pytest.mark.parametrize(
    "text, name, value",
    [
        ("o negocio da granja boa vista agora e 45 mil", "Granja Boa Vista", 45000),
        ("vidracaria cristal subiu pra 20 mil", "Vidraçaria Cristal", 20000),
        ("o valor da maple robotics caiu p 12 mil", "Maple Robotics", 12000),
        ("the maple robotics deal is now 90k", "Maple Robotics", 90000),
        ("silverline freight went up to 40k", "Silverline Freight", 40000),
        ("granja boa vista valor 15 mil", "Granja Boa Vista", 15000),
        ("papelaria arco iris agora vale 7 mil", "Papelaria Arco Íris", 7000),
        ("o valor da papelaria arco iris mudou pra 9 mil", "Papelaria Arco Íris", 9000),
        ("silverline deal bumped to 75k", "Silverline Freight", 75000),
        ("deal for maple robotics is now 40k", "Maple Robotics", 40000),
        ("o negocio da granja boa vista ficou em 200 mil", "Granja Boa Vista", 200000),
    ],
)
def test_a_new_amount_told_about_an_account_is_its_deal_update(text, name, value):
    parsed = read(text)
    assert parsed.intent == "deal_update", parsed
    assert account(parsed) == name
    assert parsed.amount is not None and parsed.amount.value == value


@pytest.mark.parametrize(
    "text, locale, day",
    [
        ("silverline slips to feb 3", "en", date(2027, 2, 3)),
        ("maple robotics deal slipped to jan 15", "en", date(2027, 1, 15)),
        ("empurra a data da vidracaria cristal pro dia 8 de janeiro", "pt-BR", date(2027, 1, 8)),
        ("adia a data da granja boa vista para 20/01", "pt-BR", date(2027, 1, 20)),
        ("push the date for silverline freight to january 12", "en", date(2027, 1, 12)),
    ],
)
def test_a_close_date_moved_is_a_deal_update_with_that_day(text, locale, day):
    parsed = read(text, locale)
    assert parsed.intent == "deal_update", parsed
    assert parsed.date == day


@pytest.mark.parametrize(
    "text, intent",
    [
        # a call reported with a new value in passing stays the call
        ("liguei pra granja boa vista, o valor subiu pra 50 mil", "log"),
        # a stage said with "now" is a stage, not an amount
        ("maple robotics is now in negotiation", "stage_change"),
        # "slips" with no day after it moves nothing
        ("silverline slips again, no idea when", "log"),
        # a number that is no money is no new amount
        ("a granja boa vista passou pra 2 galpoes", "log"),
    ],
)
def test_a_deal_change_needs_the_amount_or_day_and_no_report(text, intent):
    assert read(text, "en" if " is " in text or "slips" in text else "pt-BR").intent == intent


@pytest.mark.parametrize(
    "text",
    [
        "a papelaria arco iris fechou de boca, so falta o contrato",
        "granja boa vista fechou verbalmente, vou mandar contrato amanha",
        "maple robotics signed off on the pilot, po expected next week",
        "silverline no deal yet but they liked the demo",
        "vidracaria cristal assinou a proposta, aguardando o pedido de compra",
        "quase fechamos a ceramica horizonte azul hoje",
    ],
)
def test_an_outcome_not_yet_final_is_news_not_won_or_lost(text):
    parsed = read(text)
    assert parsed.intent == "log", parsed
    assert account(parsed) is not None


@pytest.mark.parametrize(
    "text, intent",
    [
        ("papelaria arco iris assinou o contrato", "won"),
        ("ganhamos a granja boa vista", "won"),
        ("granja boa vista desistiu", "lost"),
        ("maple robotics went with a competitor", "lost"),
    ],
)
def test_a_final_outcome_is_still_won_or_lost(text, intent):
    assert read(text).intent == intent


@pytest.mark.parametrize(
    "text, locale, intent, name",
    [
        # how an account stands, asked roundabout
        ("e a granja boa vista como q ta", "pt-BR", "status", "Granja Boa Vista"),
        ("como que anda a vidracaria cristal?", "pt-BR", "status", "Vidraçaria Cristal"),
        ("resumo vidracaria cristal", "pt-BR", "status", "Vidraçaria Cristal"),
        ("can u tell me if silverline replied at all", "en", "status", "Silverline Freight"),
        ("me diz se a granja boa vista respondeu o email", "pt-BR", "status", "Granja Boa Vista"),
        ("quando fecha a granja boa vista?", "pt-BR", "status", "Granja Boa Vista"),
        # what to do next, said as a move or a plan
        ("whats the next move on maple robotics", "en", "next_step", "Maple Robotics"),
        ("what's the plan for silverline freight?", "en", "next_step", "Silverline Freight"),
        ("qual o plano pra granja boa vista", "pt-BR", "next_step", "Granja Boa Vista"),
        # who to talk to, and their number
        ("contacts at silverline freight", "en", "contact_lookup", "Silverline Freight"),
        ("who do i talk to at maple robotics", "en", "contact_lookup", "Maple Robotics"),
        ("vc tem o zap da sueli", "pt-BR", "contact_lookup", "Vidraçaria Cristal"),
        ("com quem eu falo na granja boa vista?", "pt-BR", "contact_lookup", "Granja Boa Vista"),
        # a stage said as what the account is now
        ("maple robotics is qualified now", "en", "stage_change", "Maple Robotics"),
        ("a granja boa vista ta em negociacao agora", "pt-BR", "stage_change", "Granja Boa Vista"),
        # requests opening with their own words
        ("para a cadencia da granja boa vista", "pt-BR", "unenroll", "Granja Boa Vista"),
        ("start the nurture cadence for maple robotics", "en", "enroll", "Maple Robotics"),
        ("anota tarefa ligar pra granja boa vista amanha", "pt-BR", "task", "Granja Boa Vista"),
        ("add a reminder to call maple robotics friday", "en", "task", "Maple Robotics"),
        ("lembra eu de ligar pra granja boa vista sexta", "pt-BR", "task", "Granja Boa Vista"),
        (
            "cadastra a sueli compras da vidracaria cristal tel 11 91234 5678",
            "pt-BR",
            "create_contact",
            "Vidraçaria Cristal",
        ),
    ],
)
def test_roundabout_requests_about_an_account(text, locale, intent, name):
    parsed = read(text, locale)
    assert parsed.intent == intent, parsed
    assert account(parsed) == name


@pytest.mark.parametrize(
    "text, intent",
    [
        ("send me the team summary", "digest"),
        ("resumo da equipe por favor", "digest"),
        ("negocios com fechamento em fevereiro", "closing"),
        ("quais contas estao sem mexer ha semanas", "stalled"),
        ("o q eu deixei pra tras", "overdue"),
        ("did i drop the ball on anything?", "overdue"),
        ("o que ta programado pra amanha", "agenda"),
        ("amanha to fora medico", "away"),
        ("segunda estou fora, dentista", "away"),
        ("to de volta pode voltar os lembretes", "away_end"),
        ("voltei, pode mandar as tarefas de novo", "away_end"),
        ("start ABC123", "link"),
    ],
)
def test_requests_with_no_account_said_another_way(text, intent):
    assert read(text).intent == intent


@pytest.mark.parametrize(
    "text, intent",
    [
        ("o flamengo ta fora da copa", "out_of_domain"),  # someone else is out: not an absence
        ("cadastra a granja boa vista 1.500.000", "log"),  # an amount is not a phone number
        ("quando fecham os negocios de janeiro", "closing"),  # no account: the closing list
    ],
)
def test_the_new_cues_do_not_reach_too_far(text, intent):
    assert read(text).intent == intent


@pytest.mark.parametrize("text, value", [("30000", 30_000), ("1250", 1_250)])
def test_a_message_that_is_only_a_number_keeps_it_as_an_amount(text, value):
    parsed = read(text)
    assert parsed.intent == "unclear" and parsed.amount is not None
    assert parsed.amount.value == value


@pytest.mark.parametrize("text", ["15", "7"])
def test_a_short_lone_number_is_no_amount(text):
    assert read(text).amount is None


SPACING_BOOK = NameIndex.of(
    [
        BookName(1, "Tech Nova Sistemas"),
        BookName(2, "BlueRiver Health"),
        BookName(3, "Farmácia Central"),
        BookName(4, "SilverLine Freight"),
        BookName(5, "Vidraçaria Cristal"),
    ]
)


def spaced(text: str):
    return parse(text, TODAY, mentions=SPACING_BOOK.mentions(text))


@pytest.mark.parametrize(
    "text, name",
    [
        ("como anda a tecnova", "Tech Nova Sistemas"),  # glued and a letter slipped
        ("liguei pra tecnnova", "Tech Nova Sistemas"),
        ("visitei a farmaciacentrl hoje", "Farmácia Central"),
        ("blue river call this morning, all good", "BlueRiver Health"),  # one word typed as two
        ("talked to silver line freight today", "SilverLine Freight"),
        ("mandei a proposta pra blue river", "BlueRiver Health"),
    ],
)
def test_spacing_and_a_slip_inside_a_name_still_find_it_surely(text, name):
    parsed = spaced(text)
    assert parsed.mention is not None and parsed.mention.sure, parsed
    assert account(parsed) == name


@pytest.mark.parametrize("text", ["a nova tecnologia chegou", "the river was blue today"])
def test_ordinary_words_are_not_glued_into_a_name(text):
    assert spaced(text).mention is None


@pytest.mark.parametrize(
    "text",
    [
        "tava na tecnova ontem, querem comecar em marco",
        "eu tava com o pessoal da vidracaria cristal hoje",
        "i was at blueriver health this morning, they liked it",
    ],
)
def test_having_been_at_an_account_is_a_visit(text):
    parsed = spaced(text)
    assert parsed.intent == "log" and parsed.kind == "visit", parsed


@pytest.mark.parametrize(
    "text", ["alguem sabe se o escritorio abre dia 24", "voce sabe se vai chover amanha?"]
)
def test_asking_if_someone_knows_is_not_a_status_without_an_account(text):
    assert read(text).intent in ("out_of_domain", "unknown")


@pytest.mark.parametrize(
    "text",
    [
        "liguei pra granja boa vista e pra vidracaria cristal, nenhuma atendeu",
        "visited maple robotics and silverline freight today both good",
        "mandei proposta pra papelaria arco iris e a granja boa vista",
        "emailed silverline freight and maple robotics the new prices",
        "falei com o otavio e a sueli hoje",  # two people of two accounts
    ],
)
def test_two_accounts_joined_by_and_are_asked_about_not_guessed(text):
    parsed = read(text)
    assert parsed.mention is not None and not parsed.mention.sure, parsed
    assert len(parsed.mention.account_ids) == 2


@pytest.mark.parametrize(
    "text, name",
    [
        ("liguei pro otavio da ceramica horizonte azul", "Cerâmica Horizonte Azul"),  # one account
        (
            "mandei a proposta da granja boa vista, maple robotics pediu desconto",
            "Granja Boa Vista",
        ),
        ("visitei a granja boa vista e almocei com o dono", "Granja Boa Vista"),
    ],
)
def test_one_account_or_two_told_apart_keep_the_first(text, name):
    parsed = read(text)
    assert parsed.mention is not None and parsed.mention.sure and account(parsed) == name


@pytest.mark.parametrize(
    "text, day",
    [
        ("maple robotics close date move to end of feb", date(2027, 2, 28)),
        ("joga o fechamento da granja boa vista pro fim de janeiro", date(2027, 1, 31)),
        ("move the silverline freight close date to mid march", date(2027, 3, 15)),
        ("muda a data de fechamento da vidracaria cristal pro comeco de abril", date(2027, 4, 1)),
        ("adia o fechamento da papelaria arco iris para o final de marco", date(2027, 3, 31)),
    ],
)
def test_a_part_of_a_month_is_one_day(text, day):
    parsed = read(text, "en" if "move the" in text or "close date" in text else "pt-BR")
    assert parsed.intent == "deal_update", parsed
    assert parsed.date == day


@pytest.mark.parametrize(
    "text, follow_up",
    [
        (
            "falei com a granja boa vista, querem fechar ate o fim de janeiro, ligar dia 5",
            date(2027, 1, 5),
        ),
        (
            "talked to maple robotics, close slips to end of jan, follow up on the 4th",
            date(2027, 1, 4),
        ),
    ],
)
def test_a_part_of_a_month_is_context_and_the_day_said_is_the_follow_up(text, follow_up):
    parsed = read(text, "en" if "talked" in text else "pt-BR")
    assert parsed.intent == "log" and parsed.follow_up is not None, parsed
    assert parsed.follow_up.due == follow_up


@pytest.mark.parametrize(
    "text",
    [
        "maple robotics grace confirmed they are going ahead, need contract by the 20th",
        "granja boa vista: falta o contrato assinado, mando amanha",
    ],
)
def test_contract_is_not_corrected_into_contact(text):
    assert read(text).intent == "log"


@pytest.mark.parametrize(
    "text, name",
    [
        ("got a call from Harbor Freight Partners asking for pricing", "Harbor Freight Partners"),
        ("visitei a Metalurgica Ouro Fino Solucoes hoje", "Metalurgica Ouro Fino Solucoes"),
        ("called Granite Peak Group about the pilot", "Granite Peak Group"),
    ],
)
def test_a_new_company_keeps_the_noun_that_ends_its_name(text, name):
    parsed = read(text)
    assert parsed.intent == "log" and parsed.name == name, parsed


def test_a_weekday_after_a_new_company_is_not_its_name():
    assert read("called Granite Peak Partners Monday about it").name == "Granite Peak Partners"


LOOSE_BOOK = NameIndex.of(
    [
        BookName(1, "Tech Nova Sistemas"),
        BookName(2, "Ótica Visão Clara"),
        BookName(3, "Granja Boa Vista"),
    ]
)


def loose(text: str):
    return parse(text, TODAY, mentions=LOOSE_BOOK.mentions(text))


@pytest.mark.parametrize(
    "text, name",
    [
        ("visitei a Metalurgica Sao Jorge hj, querem conhecer o sistema", "Metalurgica Sao Jorge"),
        ("liguei pra Fundicao Ferro Forte, usam um sistema antigo", "Fundicao Ferro Forte"),
        ("met Harbor Peak Foods today, they run an old sistema", "Harbor Peak Foods"),
    ],
)
def test_a_loose_match_elsewhere_does_not_hide_a_company_named_in_full(text, name):
    parsed = loose(text)
    assert parsed.intent == "log" and parsed.name == name, parsed


@pytest.mark.parametrize("text", ["visao geral da equipe", "qual a visao do time pra 2027?"])
def test_an_ordinary_word_alone_in_lower_case_is_language_not_the_account(text):
    assert loose(text).mention is None


@pytest.mark.parametrize(
    "text", ["liguei pra otica visao clara", "liguei pra visao clara", "status Visão"]
)
def test_the_same_word_with_the_rest_of_the_name_or_a_capital_is_the_account(text):
    parsed = loose(text)
    assert parsed.mention is not None and parsed.mention.sure
    assert account(parsed) == "Ótica Visão Clara"


@pytest.mark.parametrize(
    "text, intent",
    [
        ("quick one: where are we with maple robotics", "status"),  # the question after the colon
        ("rapidinho: como ta a granja boa vista", "status"),
        ("update on maple robotics: grace says the rollout slips to february", "log"),  # told
        ("pode me mandar o email da sueli", "contact_lookup"),
        ("can you send me the phone of the maple robotics guy", "contact_lookup"),
        ("liguei pra sueli e ela pediu pra me mandar o email da proposta", "log"),
    ],
)
def test_what_follows_a_colon_and_asking_to_be_sent_a_contact(text, intent):
    assert read(text).intent == intent


@pytest.mark.parametrize(
    "text, day",
    [
        ("call maple robotics tmrw 10am", date(2026, 12, 11)),
        ("ligar pra granja boa vista amanha", date(2026, 12, 11)),
        ("email silverline tomorrow with the deck", date(2026, 12, 11)),
        ("mandar proposta pra vidracaria cristal sexta", date(2026, 12, 11)),
        ("visitar a papelaria arco iris na segunda", date(2026, 12, 14)),
    ],
)
def test_an_order_to_oneself_with_a_day_ahead_is_a_task_not_a_call_logged(text, day):
    parsed = read(text, "en" if text.startswith(("call", "email")) else "pt-BR")
    assert parsed.intent == "task", parsed
    assert parsed.date == day


@pytest.mark.parametrize(
    "text",
    [
        "call with grace from maple robotics, deal looks good for the 26th",
        "email pro otavio c a minuta, retorno segunda",
        "call w grace maple robotics she wants final pricing by friday",
        "ligacao com a granja boa vista ontem, retornar amanha",
    ],
)
def test_a_call_told_with_a_day_ahead_stays_the_log(text):
    assert read(text).intent == "log"


@pytest.mark.parametrize(
    "text", ["a previsao pro fim de semana e de sol?", "amanha vai fazer sol ou vai ta nublado?"]
)
def test_a_weather_question_with_previsao_is_not_a_sales_forecast(text):
    assert read(text).intent == "out_of_domain"


@pytest.mark.parametrize("text", ["tomorrow's schedule", "today's calls?", "this week's meetings"])
def test_a_days_schedule_asked_with_a_possessive_is_the_agenda(text):
    assert read(text, "en").intent == "agenda"


@pytest.mark.parametrize(
    "text",
    [
        "grace from maple robotics asked for references",
        "silverline loved the proposal",
        "a granja boa vista pediu catalogo",
        "a sueli sumiu",
        "maple robotics ghosted me again",
    ],
)
def test_a_short_report_with_a_short_verb_in_the_past_is_a_log(text):
    assert read(text).intent == "log"


@pytest.mark.parametrize("text", ["granja boa vista", "maple robotics speed"])
def test_a_name_with_no_verb_in_the_past_is_still_asked_about(text):
    assert read(text).intent == "unclear"


@pytest.mark.parametrize(
    "text, day",
    [
        ("adia 1 semana o passo da granja boa vista", date(2026, 12, 17)),
        ("snooze maple robotics 2 days", date(2026, 12, 12)),
        ("empurra o passo da vidracaria cristal 3 dias", date(2026, 12, 13)),
        ("push the silverline step a week", date(2026, 12, 17)),
        ("adia o passo da granja boa vista pra sexta", date(2026, 12, 11)),  # a day said: that day
    ],
)
def test_a_step_put_off_by_a_length_of_time_counts_from_today(text, day):
    parsed = read(text)
    assert parsed.intent == "cadence_action" and parsed.action == "snooze", parsed
    assert parsed.date == day


def test_a_length_of_time_in_a_log_is_not_a_snooze():
    parsed = read("liguei pra granja boa vista, pediram 2 semanas pra decidir")
    assert parsed.intent == "log"


@pytest.mark.parametrize(
    "text",
    [
        "we closed the office early today",
        "the power went out today",
        "hoje acabou a luz no escritorio",
        "hj choveu demais aqui",
    ],
)
def test_today_in_a_sentence_that_tells_something_else_is_no_agenda(text):
    assert read(text).intent == "out_of_domain"


@pytest.mark.parametrize(
    "text",
    ["o que tenho hoje", "hoje, o que ficou pendente?", "hoje", "today?", "anything due today"],
)
def test_today_asked_is_still_the_agenda(text):
    assert read(text).intent == "agenda"
