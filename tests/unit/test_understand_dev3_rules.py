"""Rules of the fifth understanding round, each checked on sentences written for it here (none
from any corpus), against a small book of names that appear nowhere else.

Today is Thursday 2026-12-10.
"""

from __future__ import annotations

import sys
from datetime import date

import pytest

from handlers.understanding import parse
from handlers.understanding.mentions import NameIndex
from storage.books import BookName
from tests.unit.book_reading import TODAY, reader

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


read = reader(BOOK)


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
        ("what did i close last month", "en", "won_list"),
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


@pytest.mark.parametrize(
    "text, locale, value",
    [
        ("fechei a marmoraria pedra fina por trinta e dois mil", "pt-BR", 32000),
        ("o hotel brisa do mar agora e doze mil e oitocentos", "pt-BR", 12800),
        ("copperfield tools signed, sixty-five thousand", "en", 65000),
        ("redwood clinics came back at two hundred and ten thousand", "en", 210000),
        ("a distribuidora sol nascente pagou quinhentos reais de sinal", "pt-BR", 500),
    ],
)
def test_an_amount_said_in_words_is_read(text, locale, value):
    parsed = read(text, locale)
    assert parsed.amount is not None and parsed.amount.value == value


@pytest.mark.parametrize(
    "text",
    [
        "visitei a marmoraria pedra fina, querem tres orcamentos",
        "mil desculpas, esqueci",
        "mil mil mil",
    ],
)
def test_counts_and_figures_of_speech_are_no_money(text):
    assert read(text).amount is None


@pytest.mark.parametrize(
    "text, due",
    [
        ("liguei pra joana prates, retornar dia dezoito", date(2026, 12, 18)),
        ("visitei o hotel brisa do mar, voltar la dia vinte e dois", date(2026, 12, 22)),
        ("liguei pra marmoraria pedra fina, ligar de novo dia primeiro", date(2027, 1, 1)),
    ],
)
def test_a_day_of_the_month_said_in_words_is_the_follow_up(text, due):
    parsed = read(text)
    assert parsed.intent == "log" and parsed.follow_up is not None
    assert parsed.follow_up.due == due


@pytest.mark.parametrize(
    "text, day",
    [
        ("me avisa dia 17 de cobrar a marmoraria pedra fina", date(2026, 12, 17)),
        ("anota pra mim mandar o catalogo pro hotel brisa do mar amanha", date(2026, 12, 11)),
        ("marca pra mim visita na distribuidora sol nascente segunda", date(2026, 12, 14)),
        ("coloca na minha agenda ligar pra joana prates sexta", date(2026, 12, 11)),
        ("preciso lembrar de cobrar o hotel brisa do mar dia 15", date(2026, 12, 15)),
    ],
)
def test_a_thing_to_do_said_as_a_note_to_oneself_is_a_task(text, day):
    parsed = read(text)
    assert (parsed.intent, parsed.date) == ("task", day)


def test_a_reminder_after_a_logged_email_is_its_follow_up():
    parsed = read("emailed megan the price list, reminder to call her monday", "en")
    assert parsed.intent == "log"
    assert parsed.follow_up is not None and parsed.follow_up.due == date(2026, 12, 14)


def test_notes_of_something_done_stay_logs():
    assert read("anota pra mim: liguei pra joana prates, ela quer desconto").intent == "log"


@pytest.mark.parametrize(
    "text, locale",
    [
        ("perdi o ônibus, vou chegar atrasada", "pt-BR"),
        ("perdi meu cracha de novo", "pt-BR"),
        ("who won the raffle at the party?", "en"),
        ("lost my keys somewhere in the office", "en"),
        ("quem ganhou a novela ontem", "pt-BR"),
        ("any nice places to eat near the office?", "en"),
    ],
)
def test_a_won_or_lost_word_about_everyday_life_is_off_topic(text, locale):
    assert read(text, locale).intent == "out_of_domain"


@pytest.mark.parametrize(
    "text, locale, name",
    [
        (
            "perdi a distribuidora sol nascente pro concorrente",
            "pt-BR",
            "Distribuidora Sol Nascente",
        ),
        ("lost my best client, redwood clinics went with a competitor", "en", "Redwood Clinics"),
    ],
)
def test_a_deal_lost_is_still_lost(text, locale, name):
    parsed = read(text, locale)
    assert (parsed.intent, account(parsed)) == ("lost", name)


@pytest.mark.parametrize(
    "text, locale, day",
    [
        ("reuniao com a joana prates na segunda foi produtiva", "pt-BR", date(2026, 12, 7)),
        ("visita no hotel brisa do mar dia 2 pediram catalogo", "pt-BR", date(2026, 12, 2)),
        ("lunch with megan price on tuesday, she likes the new tiers", "en", date(2026, 12, 8)),
    ],
)
def test_a_day_said_of_an_interaction_told_in_the_past_is_when_it_happened(text, locale, day):
    parsed = read(text, locale)
    assert (parsed.intent, parsed.date) == ("log", day)


def test_a_meeting_ahead_in_a_later_clause_stays_the_follow_up():
    parsed = read("liguei pra joana prates, visita na segunda")
    assert parsed.date is None and parsed.follow_up.due == date(2026, 12, 14)


@pytest.mark.parametrize(
    "text, due",
    [
        (
            "liguei pra joana prates querem decidir ate dia 22 ligar de novo terça",
            date(2026, 12, 15),
        ),
        ("visitei o hotel brisa do mar, retornar qua", date(2026, 12, 16)),
        ("falei com a distribuidora sol nascente, voltar la sexta que vem", date(2026, 12, 18)),
    ],
)
def test_the_follow_up_is_the_day_of_the_thing_to_do(text, due):
    parsed = read(text)
    assert parsed.follow_up is not None and parsed.follow_up.due == due


@pytest.mark.parametrize(
    "text, locale, start, end",
    [
        ("ferias de 28 a 4 de janeiro", "pt-BR", date(2026, 12, 28), date(2027, 1, 4)),
        ("ooo monday", "en", date(2026, 12, 14), date(2026, 12, 14)),
        ("taking wednesday the 16th off", "en", date(2026, 12, 16), date(2026, 12, 16)),
    ],
)
def test_absences_said_the_short_way(text, locale, start, end):
    parsed = read(text, locale)
    assert parsed.intent == "away"
    assert (parsed.period.start, parsed.period.end) == (start, end)


def test_end_of_day_is_today():
    parsed = read("task: send megan the quote by eod", "en")
    assert (parsed.intent, parsed.date) == ("task", TODAY)


@pytest.mark.parametrize(
    "text, value",
    [
        ("update copperfield tools deal to 48,000", 48000),
        ("redwood clinics deal value is 22k now", 22000),
    ],
)
def test_a_new_amount_of_the_deal_said_in_english(text, value):
    parsed = read(text, "en")
    assert parsed.intent == "deal_update" and parsed.amount.value == value


def test_what_they_need_after_a_call_with_someone_is_told_not_asked():
    parsed = read("call w megan from copperfield, PO approved, need the invoice number", "en")
    assert (parsed.intent, account(parsed)) == ("log", "Copperfield Tools")


def test_the_next_step_words_are_not_part_of_an_unknown_name():
    parsed = read("qual o prox passo da cervejaria bom gosto")
    assert parsed.intent == "next_step" and "passo" not in (parsed.name or "")


@pytest.mark.parametrize(
    "text",
    ["cadastra uma conta nova: Vidraçaria Luz Azul", "cria cliente novo - Vidraçaria Luz Azul"],
)
def test_the_new_company_is_what_follows_new_account(text):
    parsed = read(text)
    assert (parsed.intent, parsed.name) == ("create_account", "Vidraçaria Luz Azul")


def test_calling_back_is_a_call_and_what_was_agreed_its_follow_up():
    parsed = read("retornei pra joana prates e combinamos visita dia 18")
    assert (parsed.intent, account(parsed), parsed.date) == ("log", "Marmoraria Pedra Fina", None)
    assert parsed.follow_up is not None and parsed.follow_up.due == date(2026, 12, 18)


@pytest.mark.parametrize(
    "text, locale, day",
    [
        ("remind me to call megan price thu 17th", "en", date(2026, 12, 17)),
        ("me lembra de cobrar a joana prates qua dia 16", "pt-BR", date(2026, 12, 16)),
    ],
)
def test_a_short_weekday_with_its_day_of_the_month_is_that_day(text, locale, day):
    assert read(text, locale).date == day


def test_a_short_weekday_after_for_is_the_coming_one():
    assert read("any visits booked for fri?", "en").date == date(2026, 12, 11)


@pytest.mark.parametrize(
    "text, name",
    [
        ("o cliente foi pro concorrente", None),
        ("a marmoraria pedra fina foi pro concorrente", "Marmoraria Pedra Fina"),
    ],
)
def test_gone_to_the_competitor_is_lost_whatever_the_pra_pro_spelling(text, name):
    # "pro" is read as "para o" before the cues: a cue that spells "pro" must say both.
    parsed = read(text)
    assert (parsed.intent, account(parsed)) == ("lost", name)


def test_what_was_sent_is_not_part_of_the_name_it_was_sent_to():
    assert read("emailed harbor freight the new price list", "en").name == "harbor freight"


@pytest.mark.parametrize(
    "text, locale",
    [
        ("fechei a janela do carro na chuva", "pt-BR"),
        ("perdi o prazo do relatorio de despesas", "pt-BR"),
        ("ganhamos o amigo secreto da firma", "pt-BR"),
        ("we lost power on the whole floor", "en"),
        ("won the office fantasy league again", "en"),
        ("closing my laptop now, see you", "en"),
        ("lost my umbrella at the client", "en"),
    ],
)
def test_everyday_things_won_lost_or_closed_are_off_topic(text, locale):
    # "amigo" is also a word of "Pet Shop Amigo Fiel" in the corpus's book: a one-word,
    # lower-case match does not make a secret-santa game a deal.
    book = NameIndex.of([BookName(9, "Pet Shop Amigo Fiel")])
    assert (
        parse(text, TODAY, month_first=locale == "en", mentions=book.mentions(text)).intent
        == "out_of_domain"
    )


@pytest.mark.parametrize(
    "text",
    ["perdi meu maior cliente, a marmoraria pedra fina", "fechamos a marmoraria pedra fina!"],
)
def test_a_client_won_or_lost_is_still_an_outcome(text):
    assert read(text).intent in ("won", "lost")


def test_a_contact_who_rescheduled_is_told_not_a_step_to_put_off():
    parsed = read("megan price cancelled today's call, rescheduled to thu 17th", "en")
    assert parsed.intent == "log"
    assert parsed.follow_up is not None and parsed.follow_up.due == date(2026, 12, 17)


def test_needing_a_new_contact_is_told_not_a_contact_to_create():
    parsed = read("fyi megan price left copperfield tools, we need a new contact there", "en")
    assert parsed.intent == "log"


def test_a_name_read_across_a_stray_word_gives_way_to_one_read_whole():
    # "bom por preço" is not "Bom Preço"; "trigo bom" is all of Trigo Bom that was typed.
    book = NameIndex.of([BookName(1, "Padaria Trigo Bom"), BookName(2, "Supermercado Bom Preço")])
    text = "perdemos a trigo bom por preço"
    parsed = parse(text, TODAY, mentions=book.mentions(text))
    assert parsed.intent == "lost"
    assert [h.account_name for h in parsed.mention.hits] == ["Padaria Trigo Bom"]


@pytest.mark.parametrize(
    "text, day",
    [
        ("amanha nao venho, consulta no medico", date(2026, 12, 11)),
        ("segunda nao vou vir, dentista", date(2026, 12, 14)),
    ],
)
def test_not_coming_in_on_a_day_is_an_absence_that_day(text, day):
    parsed = read(text)
    assert parsed.intent == "away"
    assert (parsed.period.start, parsed.period.end) == (day, day)


@pytest.mark.parametrize(
    "text, value",
    [
        ("aumenta o valor da marmoraria pedra fina pra 45 mil", 45000),
        ("baixa o valor do hotel brisa do mar pra 9 mil", 9000),
    ],
)
def test_raising_or_lowering_the_amount_is_a_deal_update(text, value):
    parsed = read(text)
    assert parsed.intent == "deal_update" and parsed.amount.value == value


@pytest.mark.parametrize(
    "text, intent",
    [
        ("swung by redwood clinics, nobody at the desk", "log"),
        ("popped into copperfield tools to drop samples", "log"),
        ("bump redwood clinics to 55k", "deal_update"),
        ("what'd we lose in november", "lost_list"),
        ("what'd i win last month", "won_list"),
    ],
)
def test_english_said_the_short_way(text, intent):
    assert read(text, "en").intent == intent


@pytest.mark.parametrize("text", ["fechado!", "fechado, obrigada"])
def test_fechado_alone_is_agreement_not_a_closing_list(text):
    assert read(text).intent == "unclear"


@pytest.mark.parametrize("text", ["to perdido aqui kkk", "perdi tudo que tinha digitado"])
def test_being_lost_is_no_lost_deal(text):
    assert read(text).intent != "lost"


@pytest.mark.parametrize("text", ["o que e cadencia?", "o que sao cadencias"])
def test_what_a_word_of_ours_means_is_help(text):
    assert read(text).intent == "help"


@pytest.mark.parametrize(
    "text, name",
    [
        ("status da marmorariaa", "Marmoraria Pedra Fina"),
        ("liguei pro hoteel brisa do mar", "Hotel Brisa do Mar"),
        ("next step for copperfieldd", "Copperfield Tools"),
    ],
)
def test_a_letter_typed_twice_is_forgiven_as_surely_as_typed_right(text, name):
    parsed = read(text)
    assert parsed.mention is not None and parsed.mention.sure
    assert account(parsed) == name


def test_a_short_first_name_of_a_contact_finds_the_contact():
    book = NameIndex.of(
        [BookName(7, "Harbor Mills", 71, "Tom Reyes"), BookName(8, "Juniper Labs")]
    )
    text = "tom said they will sign next week"
    parsed = parse(text, TODAY, month_first=True, mentions=book.mentions(text))
    assert parsed.intent == "log" and account(parsed) == "Harbor Mills"


def test_a_renewal_amount_said_of_the_account_is_a_deal_update():
    parsed = read("redwood clinics renewal is 60k", "en")
    assert (parsed.intent, parsed.amount.value) == ("deal_update", 60000)


@pytest.mark.parametrize(
    "text, locale, day",
    [
        ("vou visitar o hotel brisa do mar na segunda", "pt-BR", date(2026, 12, 14)),
        ("tenho que cobrar a marmoraria pedra fina ate sexta", "pt-BR", date(2026, 12, 11)),
        ("i need to call redwood clinics tomorrow", "en", date(2026, 12, 11)),
        ("gotta email copperfield tools the contract by friday", "en", date(2026, 12, 11)),
    ],
)
def test_a_plan_said_of_oneself_is_a_task_not_a_log(text, locale, day):
    parsed = read(text, locale)
    assert (parsed.intent, parsed.date) == ("task", day)


def test_a_plan_does_not_swallow_an_absence():
    assert read("vou estar fora sexta").intent == "away"


@pytest.mark.parametrize(
    "text, intent",
    [
        ("tenho algo sexta?", "agenda"),
        ("o que vence essa semana", "agenda"),
        ("o que tenho com a marmoraria pedra fina?", "next_step"),
        ("tenho algo pro hotel brisa do mar?", "next_step"),
    ],
)
def test_what_is_due_asked_with_or_without_an_account(text, intent):
    assert read(text).intent == intent
