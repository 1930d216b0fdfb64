"""Reading a sentence by its evidence against a book of names (issue 14's rules, one each).

Today is Thursday 2026-12-10; the book is a rep's small one, with contacts whose names are also
words of the language ("Dias", "Prado").
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
        BookName(1, "Academia Corpo em Forma"),
        BookName(1, "Academia Corpo em Forma", 11, "Juliana Reis"),
        BookName(2, "Transportadora Rota Sul"),
        BookName(2, "Transportadora Rota Sul", 12, "Marcelo Dias"),
        BookName(3, "Construtora Alicerce"),
        BookName(3, "Construtora Alicerce", 13, "Renata Prado"),
        BookName(4, "Quantum Retail"),
        BookName(5, "Clínica Sorriso Pleno"),
        BookName(6, "Supermercado Bom Preço"),
        BookName(6, "Supermercado Bom Preço", 14, "Gilberto Nunes"),
    ]
)


read = reader(BOOK)


def account(parsed) -> str | None:
    return parsed.mention.hits[0].account_name if parsed.mention else None


@pytest.mark.parametrize(
    "text",
    [
        "telefone da juliana academia",
        "tel da juliana",
        "email do marcelo rota sul",
        "contato do marcelo rota sul",
        "qual o email da renata?",
        "number for marcelo at rota sul",
    ],
)
def test_phone_or_email_of_someone_is_a_lookup_not_a_log(text):
    parsed = read(text)
    assert parsed.intent == "contact_lookup", parsed


@pytest.mark.parametrize(
    "text, intent",
    [
        ("o email da clinica voltou", "cadence_action"),  # a word of ours after it: a sentence
        ("email p gilberto com nf", "log"),  # an e-mail *to* someone was sent
    ],
)
def test_a_sentence_that_starts_with_email_is_not_always_a_lookup(text, intent):
    assert read(text).intent == intent


def test_a_persons_name_is_never_corrected_into_a_word():
    # "marcelo" is one letter from "martelo" ("bateu o martelo" is a won deal)
    parsed = read("contato do marcelo rota sul")
    assert parsed.intent == "contact_lookup"
    assert account(parsed) == "Transportadora Rota Sul"


@pytest.mark.parametrize(
    "text", ["quem ta parado ha mais de 30 dias", "tem algo parado q eu deveria olhar?"]
)
def test_a_contacts_surname_alone_is_not_read_from_an_ordinary_word(text):
    parsed = read(text)
    assert parsed.mention is None  # "30 dias" is a count of days, "parado" is not Prado
    assert parsed.intent == "stalled"


def test_the_word_cadence_is_not_corrected_away():
    assert read("remove quantum from the cadence", "en").intent == "unenroll"


FRESH_BOOK = NameIndex.of(
    [
        BookName(1, "Padaria Silva"),
        BookName(2, "Padaria Trigo Bom"),
        BookName(3, "Brightline Logistics"),
        BookName(4, "Supermercado Bom Preço"),
        BookName(3, "Brightline Logistics", 31, "Nina Ford"),
    ]
)


def read_fresh(text: str):
    return parse(text, TODAY, mentions=FRESH_BOOK.mentions(text))


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "mandei proposta pra Padaria Estrela do Norte, 14 mil em fornos",
            "Padaria Estrela do Norte",
        ),  # one word of two bakeries, and more words of its own
        ("ligaram da Farmácia Popular do Centro querendo orçamento", "Farmácia Popular do Centro"),
        ("just met a guy from Orion Logistics at the airport", "Orion Logistics"),
        ("had a discovery call with Bluewave Marine today", "Bluewave Marine"),
        (
            "visita na Supermercados Irmãos Lima, gerente quer balança igual a do bom preço",
            "Supermercados Irmãos Lima",
        ),  # the book's name later is a comparison
    ],
)
def test_a_company_named_in_full_that_the_book_lacks_is_the_name(text, name):
    parsed = read_fresh(text)
    assert parsed.intent == "log"
    assert parsed.mention is None and parsed.name == name


@pytest.mark.parametrize(
    "text, want",
    [
        ("visitei a Padaria Silva Centro", "Padaria Silva"),  # the whole book name, a word more
        ("Sent Nina the revised quote", "Brightline Logistics"),  # a first word, a person
        ("liguei pra Padaria Silva, Tom Becker atendeu", "Padaria Silva"),
    ],
)
def test_a_book_name_with_capitals_around_it_is_still_the_book_name(text, want):
    assert account(read_fresh(text)) == want


def test_create_with_a_new_company_name_is_a_create_account():
    parsed = read_fresh("cadastra a Padaria Estrela do Norte, dono Seu Manoel")
    assert (parsed.intent, parsed.name) == ("create_account", "Padaria Estrela do Norte")


@pytest.mark.parametrize(
    "text, intent",
    [
        # help asked as a question of how, or of what the bot can do
        ("como eu troco o valor de um negocio?", "help"),
        ("como eu digo que perdi um negocio", "help"),
        ("vc consegue registrar reuniao pelo whats?", "help"),
        ("o bot funciona no telegram e no whats?", "help"),
        ("what's the difference between pipeline and forecast", "help"),
        # lists asked with their own nouns, not the verbs that change a deal
        ("quais contas sao minhas", "list_accounts"),
        ("ganhos do mes", "won_list"),
        ("lost deals last 90 days", "lost_list"),
        ("vendi quanto em novembro?", "my_sales"),
        ("to batendo a meta do mes?", "my_sales"),
        ("quanto a gente fecha no trimestre?", "forecast"),
        ("apaga a ultima visita", "undo"),
        ("todo list for today", "agenda"),
        ("what meetings do i have next week", "agenda"),
        ("which deals havent moved in 2 weeks", "stalled"),
        ("o meu time perdeu de novo", "out_of_domain"),
    ],
)
def test_requests_said_with_their_own_words(text, intent):
    assert (
        read(text, "en" if text.isascii() and " i " in f" {text} " else "pt-BR").intent == intent
    )


@pytest.mark.parametrize(
    "text, intent",
    [
        ("ligacao perdida do marcelo, retornei e ele pediu reuniao sexta", "log"),  # a missed call
        ("marcelo sent the signed NDA back", "log"),  # an NDA is not the deal
        ("marcelo nao respondeu o email de terça, mandei whats agora", "log"),  # no reply
        ("no answer from marcelo again", "log"),
        ("left a msg for marcelo", "log"),
        ("took the rota sul team to dinner last night", "log"),  # their team, not ours
        ("talked to marcelo at rota sul, everything on track for signing", "log"),
        ("rota sul agreed to 16k, will sign next week", "log"),  # "next" alone asks nothing
        ("quantum volta pra prospeccao", "stage_change"),  # "pra" is not "parar"
        ("move quantum close date to feb 20", "deal_update"),  # no stage named
        ("adiciona o Carlos do financeiro na alicerce, carlos@alicerce.com.br", "create_contact"),
        ("what did i promise marcelo", "next_step"),
    ],
)
def test_a_word_in_passing_does_not_decide_the_intent(text, intent):
    assert read(text, "en" if "marcelo" in text and text.isascii() else "pt-BR").intent == intent


def test_a_stage_that_is_also_a_cadence_word_is_the_stage_of_a_stage_change():
    parsed = read("quantum volta pra prospeccao")
    assert (parsed.intent, parsed.stage) == ("stage_change", "prospecting")


def test_the_day_said_is_the_follow_up_not_the_month_around_it():
    parsed = read("liguei pro marcelo ele quer conversar em janeiro, ligar dia 12/01")
    assert parsed.follow_up is not None and parsed.follow_up.due == date(2027, 1, 12)


SIDE_BOOK = NameIndex.of(
    [
        BookName(1, "Greenleaf Organics"),
        BookName(2, "Atlas Packaging"),
        BookName(3, "Northwind Foods"),
        BookName(4, "Tech Nova Sistemas"),
        BookName(5, "Padaria Pão Dourado"),
        BookName(5, "Padaria Pão Dourado", 51, "Joaquim Lima"),
        BookName(6, "Padaria Trigo Bom"),
        BookName(7, "Acme Robotics"),
    ]
)


def side(text: str, locale: str = "en"):
    return parse(text, TODAY, month_first=locale == "en", mentions=SIDE_BOOK.mentions(text))


def test_two_accounts_side_by_side_are_two_mentions_not_a_question():
    assert (
        account(side("new deal for greenleaf, 25k, packaging analytics")) == "Greenleaf Organics"
    )


def test_a_person_beside_a_shared_word_says_which_account():
    parsed = side("liguei pro joaquim da padaria pediu proposta dos fornos", "pt-BR")
    assert parsed.mention is not None and parsed.mention.sure
    assert account(parsed) == "Padaria Pão Dourado"


def test_a_slipped_letter_in_a_long_distinct_word_is_sure_but_a_word_ending_is_not():
    assert side("nortwind - tom finally replied").mention.sure
    parsed = side("ele ta trocando de sistema e quer conversar em janeiro", "pt-BR")
    assert parsed.mention is None or not parsed.mention.sure  # "sistema" is a word


def test_an_email_address_is_not_a_mention():
    parsed = side("add a contact at acme: Raj Mehta, VP eng, raj@acmerobotics.io")
    assert parsed.intent == "create_contact"
    assert parsed.mention is not None and parsed.mention.text == "acme"


@pytest.mark.parametrize(
    "text, intent",
    [
        ("whats p marcelo desejando boas festas e lembrando da proposta", "log"),
        ("a ligacao da cadencia da academia ja fiz", "cadence_action"),
        ("gilberto confirmou a entrega, tudo ok", "log"),  # a verb in the past: a report
        ("marcelo me mandou email pedindo visita tecnica na fazenda dia 14", "log"),
    ],
)
def test_how_a_report_is_recognised(text, intent):
    assert read(text).intent == intent


def test_a_visit_asked_for_is_ahead_even_when_said_after_a_log_verb():
    parsed = read("marcelo me mandou email pedindo visita tecnica na fazenda dia 14")
    assert parsed.date is None  # today
    assert parsed.follow_up is not None and parsed.follow_up.due == date(2026, 12, 14)


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("amanha to de folga", date(2026, 12, 11), date(2026, 12, 11)),
        ("vou ficar fora sexta", date(2026, 12, 11), date(2026, 12, 11)),
    ],
)
def test_one_day_off_is_that_day(text, start, end):
    parsed = read(text)
    assert parsed.intent == "away" and parsed.period is not None
    assert (parsed.period.start, parsed.period.end) == (start, end)


def test_an_absence_until_a_day_starts_today():
    parsed = read("estou de ferias ate sexta")
    assert parsed.intent == "away" and (
        parsed.period is None or parsed.period.start != parsed.period.end
    )


CADENCES = (("follow_up", "Follow-up pós-feira", "Post-fair follow-up"),)


def test_a_cadence_is_named_by_the_tail_of_its_name():
    parsed = parse(
        "coloca o quantum no pós-feira",
        TODAY,
        mentions=BOOK.mentions("coloca o quantum no pós-feira"),
        cadences=CADENCES,
    )
    assert (parsed.intent, parsed.cadence) == ("enroll", "follow_up")


def test_follow_up_in_a_log_is_a_follow_up_not_the_cadence():
    text = "logged a call w/ marcelo today about the phase 2 scope, follow up jan 5"
    parsed = parse(text, TODAY, month_first=True, mentions=BOOK.mentions(text), cadences=CADENCES)
    assert parsed.intent == "log"
    assert parsed.follow_up is not None and parsed.follow_up.due == date(2027, 1, 5)


@pytest.mark.parametrize(
    "text, intent",
    [
        ("whats my commit for Q4", "forecast"),  # commit as a forecast category
        ("vai ter feriado dia 25 ne?", "out_of_domain"),
        ("rota sul fechou!! 95 mil assinado", "won"),
        ("rota sul fechou com o concorrente", "lost"),
        ("tem algo pra depois de amanha", "agenda"),
        ("anotacao sobre quantum: o marcelo sai em fevereiro, novo contato sera o diretor", "log"),
        ("marcelo is leaving in jan, new contact is Raj at quantum", "log"),
    ],
)
def test_more_requests_by_their_evidence(text, intent):
    assert read(text, "en" if " is " in text or "whats" in text else "pt-BR").intent == intent


@pytest.mark.parametrize(
    "text, day, follow_up",
    [
        # the client names the date: what they said is ahead, the call was today
        ("liguei pra juliana ela disse q o pagamento entra sexta", None, date(2026, 12, 11)),
        ("Sent Nina the quote, she'll review with finance on Monday.", None, date(2026, 12, 14)),
        # a month and its day said together are one date
        (
            "falei c o marcelo hj, a rota sul quer fechar em janeiro dia 19",
            date(2026, 12, 10),
            date(2027, 1, 19),
        ),
    ],
)
def test_a_date_the_client_names_is_the_follow_up(text, day, follow_up):
    parsed = read(text, "en" if "she'll" in text else "pt-BR")
    assert parsed.intent == "log"
    assert parsed.date == day
    assert parsed.follow_up is not None and parsed.follow_up.due == follow_up


@pytest.mark.parametrize(
    "text, day",
    [
        ("on the 8th i called marcelo and forgot to log it", date(2026, 12, 8)),
        ("on monday I emailed marcelo the license breakdown", date(2026, 12, 7)),
        ("yesterday's call with marcelo: they want a 3 yr deal", date(2026, 12, 9)),
        ("took the rota sul team to dinner last night", date(2026, 12, 9)),
    ],
)
def test_a_day_said_before_what_was_done_is_when_it_happened(text, day):
    parsed = read(text, "en")
    assert parsed.intent == "log" and parsed.date == day


@pytest.mark.parametrize(
    "text, intent, locale",
    [
        ("quick update on quantum: marcelo says the rollout slips to february", "log", "en"),
        ("marcelo's email bounced", "cadence_action", "en"),
        ("marcelo's phone number", "contact_lookup", "en"),
        ("who is the contact at quantum?", "contact_lookup", "en"),
        ("me passa o whats do marcelo da rota sul", "contact_lookup", "pt-BR"),
        ("lembra de ligar pro marcelo amanha", "task", "pt-BR"),
        ("cancela a ultima", "undo", "pt-BR"),
    ],
)
def test_own_phrasings_of_known_requests(text, intent, locale):
    assert read(text, locale).intent == intent


def test_a_message_that_is_only_a_shared_name_asks_which():
    book = NameIndex.of([BookName(1, "Atlas Cloud"), BookName(2, "Atlas Packaging")])
    [mention] = book.mentions("atlas")
    assert len(mention.account_ids) == 2


def test_a_word_between_an_account_and_its_contact_stays_a_word():
    book = NameIndex.of(
        [
            BookName(1, "Agropecuária Boa Safra"),
            BookName(1, "Agropecuária Boa Safra", 11, "Sérgio Bastos"),
        ]
    )
    text = "visita na agropecuaria boa safra ontem, sergio quer proposta ate dia 20"
    parsed = parse(text, TODAY, mentions=book.mentions(text))
    assert parsed.date == date(2026, 12, 9)  # "ontem" is not swallowed into the name
    assert parsed.follow_up is not None and parsed.follow_up.due == date(2026, 12, 20)


@pytest.mark.parametrize(
    "text",
    [
        "joga a rota sul pra sexta",
        "push the quantum step to friday",
        "empurra o passo da rota sul pra segunda",
    ],
)
def test_moving_a_step_to_a_day_is_a_snooze_never_done(text):
    parsed = read(text, "en" if "push" in text else "pt-BR")
    assert (parsed.intent, parsed.action) == ("cadence_action", "snooze")


@pytest.mark.parametrize(
    "text, intent",
    [("me avisa amanha de cobrar o marcelo", "task"), ("closed quantum!!! 48k", "won")],
)
def test_more_requests_said_in_passing(text, intent):
    assert read(text, "en" if "closed" in text else "pt-BR").intent == intent


@pytest.mark.parametrize(
    "text, intent", [("give me a rundown of quantum", "status"), ("voicemail for marcelo", "log")]
)
def test_english_paraphrases_without_our_usual_words(text, intent):
    assert read(text, "en").intent == intent


@pytest.mark.parametrize(
    "text, intent, day",
    [
        ("a rota sul vai fechar em marco, dia 15", "deal_update", date(2027, 3, 15)),
        ("fechamento da rota sul pra 15/03", "deal_update", date(2027, 3, 15)),
        ("a rota sul fecha em janeiro", "log", None),  # a month, said in passing: a note
    ],
)
def test_an_account_closing_on_a_day_is_its_close_date(text, intent, day):
    parsed = read(text)
    assert parsed.intent == intent
    if day is not None:
        assert parsed.date == day


def test_closing_said_inside_a_report_stays_the_report():
    parsed = read("visitei a rota sul, querem fechar ate dia 20")
    assert parsed.intent == "log"
    assert parsed.follow_up is not None and parsed.follow_up.due == date(2026, 12, 20)


OFF_BOOK = NameIndex.of(
    [
        BookName(1, "Restaurante Sabor Caseiro"),
        BookName(2, "Móveis Lar Feliz"),
        BookName(2, "Móveis Lar Feliz", 21, "João Batista"),
    ]
)


@pytest.mark.parametrize(
    "text, intent",
    [
        ("qual restaurante bom perto da paulista", "out_of_domain"),  # a word, not the client
        ("feliz aniversario pro joao do suporte", "out_of_domain"),
        ("liguei pro restaurante, a cida quer o app", "log"),  # something done: the client
        ("levei o joao pra almoçar, relacionamento otimo", "log"),  # a lunch is sales work
    ],
)
def test_an_off_topic_sentence_is_not_made_sales_by_one_lower_case_word(text, intent):
    assert parse(text, TODAY, mentions=OFF_BOOK.mentions(text)).intent == intent
