"""Round ten of understanding: what new users write, read by the grammar of the sentence.

Each group is a kind of miss of the dev9/dev10 parts, met here in other words (as a different
person would say the same thing, pt-BR and English, typos and no accents), against a small
book of names that appears nowhere else. Today is Thursday 2026-12-10.
"""

from __future__ import annotations

from datetime import date

import pytest

from handlers.understanding.mentions import NameIndex
from storage.books import BookName
from tests.unit.book_reading import reader

BOOK = NameIndex.of(
    [
        BookName(1, "Marmoraria Pedra Branca"),
        BookName(1, "Marmoraria Pedra Branca", 11, "Osvaldo Reis"),
        BookName(2, "Lavanderia Bolha Azul"),
        BookName(2, "Lavanderia Bolha Azul", 12, "Jussara Mendes"),
        BookName(3, "Harborview Marine"),
        BookName(3, "Harborview Marine", 13, "Trevor Banks"),
        BookName(4, "Copperleaf Studios"),
        BookName(4, "Copperleaf Studios", 14, "Megan Doyle"),
    ]
)

HARMLESS = {"out_of_domain", "unclear", "help", "unknown"}


read = reader(BOOK)


# -- what was only meant, tried in the head, or can't be remembered did not happen: asked ----


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("queria ter ligado pro Osvaldo hj mas nao deu tempo", "pt-BR"),
        ("nem lembro se eu mandei a proposta pra Jussara", "pt-BR"),
        ("to pensando em passar na marmoraria semana q vem", "pt-BR"),
        ("nao consegui chegar na Lavanderia Bolha Azul, pneu furou", "pt-BR"),
        ("wanted to swing by Harborview but the bridge was closed", "en"),
        ("couldn't get over to copperleaf today, car trouble", "en"),
        ("dont remember if i emailed Megan back", "en"),
        ("I would of texted Trevor but my phone died", "en"),
        ("thinking of visiting Harborview Marine sometime in january", "en"),
        ("never got round to emailing Megan, back to back calls", "en"),
    ],
)
def test_what_was_only_meant_is_asked_never_logged(text, locale):
    assert read(text, locale).intent == "unclear"


# -- a plan for a day ahead, however it opens, is a task with its day ------------------------


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        ("amanha: mandar o contrato pro Osvaldo", "pt-BR", date(2026, 12, 11)),
        ("sexta - ligar pra Jussara sobre a renovacao", "pt-BR", date(2026, 12, 11)),
        ("mandar a proposta revisada pra eles amanha", "pt-BR", date(2026, 12, 11)),
        ("send the quote over to them on monday", "en", date(2026, 12, 14)),
        ("remember me to call Trevor on friday", "en", date(2026, 12, 11)),
        ("sexta me cobra o contrato da marmoraria", "pt-BR", date(2026, 12, 11)),
        ("quinta que vem 15h reuniao com a Megan da Copperleaf, coloca na agenda", "pt-BR", None),
        ("mon: ping Megan about the renewal", "en", date(2026, 12, 14)),
    ],
)
def test_a_plan_for_a_day_ahead_is_a_task(text, locale, day):
    parsed = read(text, locale)
    assert parsed.intent == "task"
    if day is not None:
        assert parsed.date == day


# -- an account put into or taken out of a cadence, said any way -----------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("harborview into nurture pls", "en"),
        ("quero a marmoraria no onboarding de parceiros", "pt-BR"),
        ("Copperleaf to the nurture sequence", "en"),
        ("joga a lavanderia bolha azul na nutricao, nao tao prontos", "pt-BR"),
    ],
)
def test_an_account_put_into_a_cadence_is_enrolled(text, locale):
    assert read(text, locale).intent == "enroll"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("chega de me mandar lembrete da marmoraria", "pt-BR"),
        ("stop reminding me about Harborview, take them off", "en"),
        ("tira a Copperleaf de todas as sequencias", "pt-BR"),
        ("please stop sending me steps for copperleaf", "en"),
        ("para de me cobrar da lavanderia, tira ela da cadencia", "pt-BR"),
        ("remove harborview from all cadences", "en"),
    ],
)
def test_an_account_taken_out_of_its_reminders_is_unenrolled(text, locale):
    assert read(text, locale).intent == "unenroll"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("Megan answered my email at last", "en"),
        ("trevor finally answered", "en"),
    ],
)
def test_the_client_answering_is_a_reply(text, locale):
    parsed = read(text, locale)
    assert (parsed.intent, parsed.action) == ("cadence_action", "replied")


# -- records asked for behind a polite lead, or by what they are ("como contato") ------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("adiciona a Rita Souza como contato da Marmoraria", "pt-BR"),
        ("put Dave Kim in as a new contact for Copperleaf", "en"),
        ("salva esse contato: Paulo Lima, comprador da Lavanderia, 11 98888-7777", "pt-BR"),
        ("save this contact: Greg Hall, Harborview ops manager, +1 212 555 0101", "en"),
        ("save Megan's assistant Tina, +1 415 555 0188, copperleaf", "en"),
        ("pls add Carl Ruiz as a contact in Harborview Marine", "en"),
    ],
)
def test_a_person_saved_as_a_contact_is_a_new_contact(text, locale):
    assert read(text, locale).intent == "create_contact"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("please add a new company called Brasa Burguer", "en"),
        ("quero cadastrar a Funilaria Dois Irmaos como cliente meu", "pt-BR"),
        ("could you add a company named Tidewater Labs", "en"),
        ("queria adicionar a Vidracaria Sol Poente como conta minha", "pt-BR"),
    ],
)
def test_a_company_added_behind_a_polite_lead_is_a_new_account(text, locale):
    assert read(text, locale).intent == "create_account"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("outro negocio na marmoraria: bancadas da obra nova, 40 mil", "pt-BR"),
        ("second deal at Harborview: dock sensors, 25k", "en"),
        ("mais uma oportunidade na lavanderia bolha azul, 12 mil", "pt-BR"),
        ("another opp at copperleaf, the video wall, 30k", "en"),
    ],
)
def test_another_deal_at_an_account_is_a_new_deal(text, locale):
    assert read(text, locale).intent == "create_deal"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("adiciona a Rita Souza como contato da Marmoraria Pedra Branca", "pt-BR"),
        ("save this contact: Greg Hall, Harborview CFO, +1 212 555 0101", "en"),
        ("cadastra o Paulo Lima na Lavanderia Bolha Azul, paulo@bolhaazul.com.br", "pt-BR"),
    ],
)
def test_the_person_added_is_not_taken_for_a_new_company(text, locale):
    parsed = read(text, locale)
    assert parsed.intent == "create_contact"
    assert parsed.mention is not None and not parsed.fresh


# -- off-topic in the work's words never answered with data or a write ------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("o rapaz da oficina me ligou dizendo que o carro ficou pronto", "pt-BR"),
        ("passei no mercado pra comprar pao e leite", "pt-BR"),
        ("the guy from the bank called about a credit card again", "en"),
        ("stopped by the pharmacy to grab some cough syrup", "en"),
        ("meu vizinho fechou negocio com a imobiliaria, vendeu a casa", "pt-BR"),
        ("my landlord says we closed the deal on the lease last year, now rent is up", "en"),
        ("o Joao do financeiro escorregou e caiu da escada kkk", "pt-BR"),
        ("happy new year everyone!", "en"),
        ("feliz natal pessoal!!", "pt-BR"),
        ("boas festas, galera", "pt-BR"),
        ("it's 38 degrees out there and the forecast says worse tomorrow", "en"),
        ("to precisando de plastico bolha pra embrulhar presente, alguma ideia?", "pt-BR"),
    ],
)
def test_life_in_the_works_words_never_acts(text, locale):
    assert read(text, locale).intent in HARMLESS


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("kkkk o Zezinho do RH tropecou no cabo na reuniao geral", "pt-BR"),
        ("a Carlinha do Financeiro caiu da bike no fds", "pt-BR"),
        ("thanks a bunch!", "en"),
        ("good night all", "en"),
    ],
)
def test_colleagues_by_pet_name_and_goodbyes_never_act(text, locale):
    assert read(text, locale).intent in HARMLESS


# -- questions about the work in a manager's or a newcomer's words ----------------------------


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("qual o commit pra janeiro?", "pt-BR", "forecast"),
        ("will we make our number this quarter?", "en", "forecast"),
        ("a gente vai bater a meta esse mes?", "pt-BR", "forecast"),
        ("quem ainda nao fez as tarefas da cadencia hoje?", "pt-BR", "overdue"),
        ("who hasnt done their steps this week", "en", "overdue"),
        ("tem alguem atrasado na equipe?", "pt-BR", "overdue"),
        ("anyone behind on their steps?", "en", "overdue"),
        ("quero o funil de cada vendedor", "pt-BR", "pipeline"),
        ("quanto a equipe tem em aberto agora", "pt-BR", "pipeline"),
        ("a equipe ja faturou quanto esse mes?", "pt-BR", "my_sales"),
        ("lista as empresas que eu atendo", "pt-BR", "list_accounts"),
        ("show me all the companies I handle", "en", "list_accounts"),
        ("pull up our wins from november", "en", "won_list"),
        ("quais clientes eu preciso visitar amanha?", "pt-BR", "agenda"),
        ("anything for me on friday?", "en", "agenda"),
        ("algum negocio meu com data de fechamento esse mes?", "pt-BR", "closing"),
        ("vc conecta com o pipedrive?", "pt-BR", "help"),
        ("does this thing sync with salesforce?", "en", "help"),
        ("so what can you really do for me?", "en", "help"),
        ("can you write follow up emails for me?", "en", "help"),
    ],
)
def test_questions_in_other_words_are_read(text, locale, intent):
    assert read(text, locale).intent == intent


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("how do i get red wine out of a carpet", "en"),
        ("como faz pra plantar tomate na varanda", "pt-BR"),
        ("como eu faco bolo de cenoura?", "pt-BR"),
    ],
)
def test_how_to_about_life_is_no_help(text, locale):
    assert read(text, locale).intent == "out_of_domain"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("how do I use this?", "en"),
        ("como eu registro uma visita?", "pt-BR"),
        ("how do i snooze a step", "en"),
        ("how do I add a new contact", "en"),
    ],
)
def test_how_to_about_ritmo_stays_help(text, locale):
    assert read(text, locale).intent == "help"


# -- a word about oneself, then the question: the question is the request ---------------------


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("to meio perdido hoje, o que eu tenho pra hoje?", "pt-BR", "agenda"),
        ("i'm lost with this tool lol, what's on my plate today?", "en", "agenda"),
        ("to atrasado com tudo, quais negocios fecham esse mes?", "pt-BR", "closing"),
        ("pull up my wins from last quarter", "en", "won_list"),
    ],
)
def test_the_question_after_a_word_about_oneself_is_read(text, locale, intent):
    assert read(text, locale).intent == intent


# -- outcomes, absences and stage moves in other words ----------------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("harborview is gone, went with a cheaper vendor", "en"),
        ("marmoraria's out, no budget till 2028", "en"),
        ("Copperleaf is out - they ghosted us", "en"),
    ],
)
def test_an_account_gone_or_out_is_lost(text, locale):
    assert read(text, locale).intent == "lost"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("harborview has gone quiet since the demo", "en"),
        ("Megan is out until monday, try again then", "en"),
    ],
)
def test_gone_quiet_or_a_person_out_is_not_lost(text, locale):
    assert read(text, locale).intent != "lost"


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("estou doente hoje, pausa meus lembretes", "pt-BR", "away"),
        ("feeling sick today, please pause my notifications", "en", "away"),
        ("sexta e segunda vou estar num congresso, nao me manda notificacao", "pt-BR", "away"),
        ("off from the 22nd, back on the 4th", "en", "away"),
        ("fico fora do dia 20 ao dia 27", "pt-BR", "away"),
        ("came back early, cancel my time off", "en", "away_end"),
    ],
)
def test_absences_said_in_other_words(text, locale, intent):
    assert read(text, locale).intent == intent


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("passa a marmoraria pra negociacao, mandei a proposta ontem", "pt-BR", "stage_change"),
        ("move Harborview to proposal, sent it this morning", "en", "stage_change"),
        ("o Osvaldo fechou, bancadas vendidas por 40 mil", "pt-BR", "won"),
        ("Trevor agreed, dock sensors sold for 25k", "en", "won"),
    ],
)
def test_a_request_or_an_outcome_before_what_was_done(text, locale, intent):
    assert read(text, locale).intent == intent


# -- "remind me where…" asks; "who's the guy at X" looks a contact up -------------------------


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("remind me where we stand with Harborview, what should I do next?", "en", "next_step"),
        ("me lembra onde paramos com a marmoraria, o que eu faco agora?", "pt-BR", "next_step"),
        ("who's the buyer at Copperleaf Studios and her number", "en", "contact_lookup"),
        ("quem e o cara da compras na marmoraria?", "pt-BR", "contact_lookup"),
        ("who is the decision maker at harborview marine?", "en", "contact_lookup"),
    ],
)
def test_a_reminder_of_where_things_stand_and_a_person_by_role_are_asked(text, locale, intent):
    assert read(text, locale).intent == intent


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("me cobra semana que vem a proposta da marmoraria", "pt-BR"),
        ("remind me next week to call Trevor", "en"),
    ],
)
def test_a_task_for_next_week_is_due_when_the_week_begins(text, locale):
    parsed = read(text, locale)
    assert (parsed.intent, parsed.date) == ("task", date(2026, 12, 14))


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("as bancadas da marmoraria agora sao 42 mil", "pt-BR"),
        ("valor da lavanderia ta errado, e 12.500 e nao 15.200", "pt-BR"),
        ("the amount on Harborview is wrong, should be 48k not 84k", "en"),
    ],
)
def test_a_deals_value_said_anew_or_said_wrong_is_an_update(text, locale):
    assert read(text, locale).intent == "deal_update"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("what about her?", "en"),
        ("how about that one", "en"),
        ("log that", "en"),
        ("registra isso ai", "pt-BR"),
        ("e aquela outra?", "pt-BR"),
        ("ve isso ai pra mim", "pt-BR"),
    ],
)
def test_only_a_pointer_at_something_said_before_is_asked_back(text, locale):
    assert read(text, locale).intent == "unclear"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("passo na marmoraria amanha de tarde, acho", "pt-BR"),
        ("vou ligar pro Osvaldo sexta talvez", "pt-BR"),
        ("I'll swing by Harborview tomorrow maybe", "en"),
        ("gonna call Trevor on monday I think", "en"),
    ],
)
def test_a_plan_that_ends_in_doubt_is_asked(text, locale):
    assert read(text, locale).intent == "unclear"


@pytest.mark.parametrize(
    ("text", "locale", "amount"),
    [
        ("Copperleaf: video wall sold for thirteen k", "en", None),
        ("bancadas da marmoraria vendidas por dezessete mil", "pt-BR", 17000),
    ],
)
def test_teens_are_numbers_said(text, locale, amount):
    parsed = read(text, locale)
    assert parsed.intent == "won"
    if amount is not None:
        assert parsed.amount is not None and parsed.amount.value == amount


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("alguem tem um carregador de iphone pra me emprestar?", "pt-BR"),
        ("anyone seen my blue umbrella?", "en"),
        ("cade minha garrafinha de agua?", "pt-BR"),
        ("alguem viu minha caneca azul?", "pt-BR"),
        ("has anyone seen my charger?", "en"),
    ],
)
def test_a_question_of_ones_life_with_no_cue_is_off_topic(text, locale):
    assert read(text, locale).intent == "out_of_domain"
