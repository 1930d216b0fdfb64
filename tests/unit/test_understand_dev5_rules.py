"""Rules of the seventh understanding round, each checked on sentences written for it here
(none from any corpus), against a small book of names that appear nowhere else.

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
        BookName(1, "Marmoraria Pedra Fina"),
        BookName(1, "Marmoraria Pedra Fina", 11, "Valdir Antunes"),
        BookName(2, "Sorveteria Polo Norte"),
        BookName(2, "Sorveteria Polo Norte", 12, "Cleide Moraes"),
        BookName(3, "Harborview Textiles"),
        BookName(3, "Harborview Textiles", 13, "Glenn Porter"),
        BookName(4, "Oakridge Dairy"),
    ]
)


read = reader(BOOK)


def account(parsed) -> str | None:
    return parsed.mention.hits[0].account_name if parsed.mention else None


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        ("ainda nao visitei a marmoraria", "pt-BR", "Marmoraria Pedra Fina"),
        ("n liguei pra cleide essa semana", "pt-BR", "Sorveteria Polo Norte"),
        ("nem mandei a proposta pro valdir ainda", "pt-BR", "Marmoraria Pedra Fina"),
        ("nao consegui passar na sorveteria polo norte hj", "pt-BR", "Sorveteria Polo Norte"),
        ("se a polo norte assinar amanha eu comemoro", "pt-BR", "Sorveteria Polo Norte"),
        ("talvez eu ligue pro valdir depois", "pt-BR", "Marmoraria Pedra Fina"),
        ("acho que a pedra fina fecha mas sei la", "pt-BR", "Marmoraria Pedra Fina"),
        ("eu ia visitar a marmoraria hoje mas choveu", "pt-BR", "Marmoraria Pedra Fina"),
        ("didn't manage to email glenn today", "en", "Harborview Textiles"),
        ("haven't called oakridge dairy yet", "en", "Oakridge Dairy"),
        ("if harborview signs friday drinks are on me", "en", "Harborview Textiles"),
        ("maybe i'll stop by oakridge dairy tomorrow", "en", "Oakridge Dairy"),
        ("was going to call glenn but got stuck in a meeting", "en", "Harborview Textiles"),
        ("nao fui na polo norte hoje", "pt-BR", "Sorveteria Polo Norte"),
    ],
)
def test_a_log_denied_or_only_supposed_is_asked_not_written(text, locale, name):
    parsed = read(text, locale)
    assert parsed.intent == "unclear"
    assert account(parsed) == name


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("liguei pro valdir, n atendeu", "pt-BR", "log"),
        ("o valdir n atendeu", "pt-BR", "log"),
        ("a cleide nao respondeu o email", "pt-BR", "log"),
        ("visitei a sorveteria, a cleide nao tem interesse agora", "pt-BR", "log"),
        ("liguei pra cleide mas nao consegui falar, caixa postal", "pt-BR", "log"),
        ("nao consegui falar com o valdir, deixei recado", "pt-BR", "log"),
        ("perdemos a marmoraria pro concorrente", "pt-BR", "lost"),
        ("glenn didn't pick up, left a voicemail", "en", "log"),
        ("called glenn, harborview might grow the order if prices hold", "en", "log"),
    ],
)
def test_what_the_client_did_not_do_is_still_a_fact(text, locale, intent):
    assert read(text, locale).intent == intent


@pytest.mark.parametrize(
    ("text", "locale", "value"),
    [
        ("mandei orcamento pra marmoraria de 12 mil, ops 14 mil", "pt-BR", 14000),
        ("pedra fina agora vale 30k. na vdd 33k", "pt-BR", 33000),
        ("quoted harborview 8k, i mean 9k", "en", 9000),
        ("oakridge dairy is now 70k, oops no 75k", "en", 75000),
        ("a pedra fina é 50 mil nao 15", "pt-BR", 50000),
    ],
)
def test_an_amount_taken_back_is_the_corrected_one(text, locale, value):
    assert read(text, locale).amount.value == value


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        ("visitei a marmoraria ontem, opa, foi anteontem", "pt-BR", date(2026, 12, 8)),
        ("liguei pro valdir na terca, na verdade foi quarta", "pt-BR", date(2026, 12, 9)),
        ("met glenn monday, actually it was tuesday", "en", date(2026, 12, 8)),
        ("emailed glenn yesterday, actually no, this morning", "en", TODAY),
    ],
)
def test_a_day_taken_back_is_the_day_of_the_log(text, locale, day):
    parsed = read(text, locale)
    assert parsed.intent == "log"
    assert (parsed.date or TODAY) == day  # no date: today


def test_a_new_date_said_long_after_an_oops_is_not_a_correction():
    parsed = read(
        "visitei a marmoraria ontem, ops esqueci de falar que o valdir quer voltar a conversar em janeiro dia 12"
    )
    assert parsed.date == date(2026, 12, 9)


@pytest.mark.parametrize(
    ("text", "locale", "value"),
    [
        ("a bancada da marmoraria foi pra 26 mil", "pt-BR", 26000),
        ("the linen order at harborview goes to 48k", "en", 48000),
        ("oakridge dairy's at forty two thousand now", "en", 42000),
        ("pedra fina valor novo 31k", "pt-BR", 31000),
        ("a polo norte é 17 mil nao 71", "pt-BR", 17000),
    ],
)
def test_a_deal_amount_said_as_news_is_an_amount_change(text, locale, value):
    parsed = read(text, locale)
    assert parsed.intent == "deal_update"
    assert parsed.amount.value == value


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        ("fechamento da polo norte muda pro dia 20", "pt-BR", date(2026, 12, 20)),
        ("close date for harborview moves to jan 8", "en", date(2027, 1, 8)),
    ],
)
def test_a_close_date_said_as_the_subject_is_a_close_date_change(text, locale, day):
    parsed = read(text, locale)
    assert parsed.intent == "deal_update"
    assert parsed.date == day


def test_a_visit_with_a_price_is_still_a_log():
    assert read("visitei a marmoraria, a bancada sai por 26 mil").intent == "log"


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("vc pode me dizer como ta a marmoraria?", "pt-BR", "status"),
        ("vc consegue me falar como anda a polo norte", "pt-BR", "status"),
        ("vc sabe me dizer se a pedra fina ta andando?", "pt-BR", "status"),
        ("could you tell me how harborview is going?", "en", "status"),
        ("me lembra o q eu tinha q fazer c o valdir", "pt-BR", "next_step"),
        ("me diz o que eu tenho que fazer com a polo norte", "pt-BR", "next_step"),
        ("remind me what's next with oakridge dairy", "en", "next_step"),
        ("can u remind me what's next for glenn", "en", "next_step"),
        ("o q vem dps da visita na marmoraria?", "pt-BR", "next_step"),
        ("e agr c a polo norte, faço o q?", "pt-BR", "next_step"),
        ("what do i owe glenn?", "en", "next_step"),
    ],
)
def test_a_question_inside_a_polite_wrapper_is_the_question(text, locale, intent):
    parsed = read(text, locale)
    assert parsed.intent == intent
    assert account(parsed) is not None


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("me lembra de ligar pro valdir amanha", "pt-BR", "task"),
        ("remind me to call glenn tomorrow", "en", "task"),
        ("o que vc consegue fazer?", "pt-BR", "help"),
    ],
)
def test_a_reminder_or_a_question_about_ritmo_keeps_its_words(text, locale, intent):
    assert read(text, locale).intent == intent


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        ("q tem p mim na segunda", "pt-BR", date(2026, 12, 14)),
        ("anything on my plate tomorrow?", "en", date(2026, 12, 11)),
    ],
)
def test_what_is_there_for_me_on_a_day_is_the_agenda(text, locale, day):
    parsed = read(text, locale)
    assert parsed.intent == "agenda"
    assert parsed.date == day


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("segunda n trabalho, dentista", date(2026, 12, 14), date(2026, 12, 14)),
        ("vou ficar off amanha", date(2026, 12, 11), date(2026, 12, 11)),
        ("vou estar fora de ter a qui", date(2026, 12, 15), date(2026, 12, 17)),
    ],
)
def test_an_absence_said_short_is_its_days(text, start, end):
    parsed = read(text)
    assert parsed.intent == "away"
    assert (parsed.period.start, parsed.period.end) == (start, end)


def test_a_short_weekday_after_a_is_only_a_day_inside_a_range():
    assert read("a marmoraria volta a ter estoque").date is None


@pytest.mark.parametrize(
    ("text", "locale"),
    [("commit da equipe no trimestre", "pt-BR"), ("how's the team commit looking", "en")],
)
def test_the_teams_commit_is_the_forecast(text, locale):
    assert read(text, locale).intent == "forecast"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("opa, foi anteontem", "pt-BR"),
        ("na verdade 33 mil, nao 30", "pt-BR"),
        ("oops, meant tuesday", "en"),
        ("actually it's 12k", "en"),
    ],
)
def test_a_correction_alone_is_asked_about(text, locale):
    assert read(text, locale).intent == "unclear"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("the pipe under the kitchen sink is leaking again", "en"),
        ("chamei o encanador, o cano estourou", "pt-BR"),
    ],
)
def test_a_pipe_at_home_is_no_pipeline(text, locale):
    assert read(text, locale).intent == "out_of_domain"


@pytest.mark.parametrize(
    ("text", "locale", "intent", "day"),
    [
        ("reuniao c a cleide sexta 14h", "pt-BR", "task", date(2026, 12, 11)),
        ("call w/ glenn mon 3pm", "en", "task", date(2026, 12, 14)),
        ("reuniao c a cleide ontem 14h", "pt-BR", "log", date(2026, 12, 9)),
        ("me cobra amanha de ligar pro valdir", "pt-BR", "task", date(2026, 12, 11)),
    ],
)
def test_a_meeting_booked_ahead_is_a_task_and_one_had_is_a_log(text, locale, intent, day):
    parsed = read(text, locale)
    assert parsed.intent == intent
    assert parsed.date == day


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("oakridge's dead, they froze spending", "en", "lost"),
        ("does ritmo work on whatsapp?", "en", "help"),
        ("set a reminder: call glenn, due 12/18", "en", "task"),
        ("set a task: send proposal to harborview friday", "en", "task"),
        ("open a 25k deal at oakridge dairy", "en", "create_deal"),
        (
            "add contato na polo norte: Jair, marido da cleide, 11 98888-7766",
            "pt-BR",
            "create_contact",
        ),
    ],
)
def test_news_and_requests_said_the_short_way(text, locale, intent):
    assert read(text, locale).intent == intent


def test_a_new_deal_with_its_amount_before_the_word_deal_keeps_the_amount():
    parsed = read("open a 25k deal at oakridge dairy", "en")
    assert parsed.amount.value == 25000
    assert account(parsed) == "Oakridge Dairy"


def test_kev_is_kevin():
    book = NameIndex.of(
        [BookName(9, "Birchwood Mills"), BookName(9, "Birchwood Mills", 19, "Kevin Doyle")]
    )
    text = "kev's phone?"
    parsed = parse(text, TODAY, month_first=True, mentions=book.mentions(text))
    assert parsed.intent == "contact_lookup"
    assert account(parsed) == "Birchwood Mills"


@pytest.mark.parametrize(
    ("text", "value"),
    [("abre um deal na marmoraria,42k", 42000), ("novo negocio pra polo norte,18 mil", 18000)],
)
def test_an_amount_glued_to_a_word_by_a_comma_is_still_an_amount(text, value):
    assert read(text).amount.value == value


def test_a_comma_inside_a_number_still_reads_as_its_decimals():
    assert read("a polo norte agora é 1,5 mil").amount.value == 1500


def test_inclui_puts_an_account_in_a_cadence():
    text = "inclui a marmoraria no follow-up pos feira"
    parsed = parse(
        text,
        TODAY,
        mentions=BOOK.mentions(text),
        cadences=[("follow_up", "Follow-up pós-feira", "Post-fair follow-up")],
    )
    assert parsed.intent == "enroll"
    assert parsed.cadence == "follow_up"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("fiz o follow up por email c o valdir, next step é visita sexta", "pt-BR"),
        ("did the follow up w glenn, next step is a demo", "en"),
    ],
)
def test_a_follow_up_done_with_the_next_step_said_is_a_log(text, locale):
    assert read(text, locale).intent == "log"


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        ("had a call w glenn (harborview) on tues, pricing ok", "en", date(2026, 12, 8)),
        (
            "reuniao com o valdir (pedra fina) na segunda, pediu desconto",
            "pt-BR",
            date(2026, 12, 7),
        ),
    ],
)
def test_an_aside_in_parentheses_does_not_cut_the_date_from_the_log(text, locale, day):
    parsed = read(text, locale)
    assert parsed.intent == "log"
    assert parsed.date == day
