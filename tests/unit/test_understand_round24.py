"""Round twenty-four of understanding: a first-week user who never read the README (dev25's
kinds of miss).

Each group is a kind of miss met there, in other words (another rep typing the same thing:
texting shorthand, no accents), against a small book of names that appears nowhere else. A
newcomer asks how a thing is done, takes back what was just logged, fixes a value mid-message
and asks for the less common lists; a "how do I" answered with "didn't understand" is the
product failing on day one. Today is Thursday 2026-12-10.
"""

from __future__ import annotations

import pytest

from handlers.understanding.mentions import NameIndex
from storage.books import BookName
from tests.unit.book_reading import ACTS, account, reader

BOOK = NameIndex.of(
    [
        BookName(1, "Vidracaria Horizonte"),
        BookName(1, "Vidracaria Horizonte", deal_id=81, deal_title="Fachada"),
        BookName(2, "Quarry Lane Foods"),
        BookName(2, "Quarry Lane Foods", deal_id=82, deal_title="Cold room"),
        BookName(2, "Quarry Lane Foods", contact_id=91, contact_name="Nell Barrow"),
        BookName(1, "Vidracaria Horizonte", contact_id=92, contact_name="Rosana Pires"),
    ]
)

read = reader(BOOK)


# -- a how-to after a greeting or a word about oneself is still a how-to ------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("ola, cheguei agora no time. como eu anoto uma ligacao?", "pt-BR"),
        ("bom dia! sou novo por aqui, como eu coloco uma reuniao?", "pt-BR"),
        ("e ai pessoal, como a gente registra uma visita aqui?", "pt-BR"),
        ("hi there, how do i record a meeting in here?", "en"),
        ("hello! new here, how can i log a visit", "en"),
        ("hey quick q, how do i add a call in this thing?", "en"),
    ],
)
def test_a_how_to_after_a_greeting_is_help(text: str, locale: str) -> None:
    assert read(text, locale).intent == "help"


# -- how an act is done, asked with the act's own verb and no account: the way, not the act ----


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("como remove um cliente da sequencia?", "pt-BR"),
        ("como marca um negocio como ganho?", "pt-BR"),
        ("preciso cadastrar um cliente novo, como faz?", "pt-BR"),
        ("quero mudar a etapa de um negocio, como eu faco?", "pt-BR"),
        ("i want to add a new company, how do i do that?", "en"),
        ("socorro, nao sei mexer nisso aqui", "pt-BR"),
        ("i have no idea how to use this thing lol", "en"),
    ],
)
def test_how_an_act_is_done_is_help(text: str, locale: str) -> None:
    assert read(text, locale).intent == "help"


# -- an owned slip taken back, asked as "is there a way" or told as "what I logged" -------------


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        ("lancei errado na vidracaria horizonte, da pra apagar?", "pt-BR", "Vidracaria Horizonte"),
        ("anotei errado agora na vidracaria, tem como tirar?", "pt-BR", "Vidracaria Horizonte"),
        ("apaga o que eu registrei na vidracaria hoje cedo", "pt-BR", "Vidracaria Horizonte"),
        ("remove what i wrote on quarry lane earlier", "en", "Quarry Lane Foods"),
        ("pls delete the note i added on quarry lane today", "en", "Quarry Lane Foods"),
    ],
)
def test_an_owned_slip_taken_back_is_undo(text: str, locale: str, name: str) -> None:
    parsed = read(text, locale)
    assert (parsed.intent, account(parsed)) == ("undo", name)


# -- a value fixed mid-message: the later one is meant -------------------------------------------


def test_a_stage_taken_back_with_a_no_is_the_later_stage() -> None:
    parsed = read("passa a vidracaria pra qualificacao... nao, pra proposta")
    assert (parsed.intent, parsed.stage) == ("stage_change", "proposal")


def test_an_amount_taken_back_with_wait_no_is_the_later_amount() -> None:
    parsed = read("quarry lane is 40k, wait no, 45k now", "en")
    assert (parsed.intent, parsed.amount and parsed.amount.value) == ("deal_update", 45000)


# -- the less common lists, asked short ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("e os ganhos?", "pt-BR", "won_list"),
        ("e os que eu perdi?", "pt-BR", "lost_list"),
        ("quantos clientes eu tenho?", "pt-BR", "list_accounts"),
        ("how many accounts do i have?", "en", "list_accounts"),
        ("and the lost ones?", "en", "lost_list"),
    ],
)
def test_a_short_ask_for_a_list_is_that_list(text: str, locale: str, intent: str) -> None:
    assert read(text, locale).intent == intent


# -- chatter in work's words is never acted on -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("odeio segunda de manha", "pt-BR"),
        ("best burger place near the office?", "en"),
        ("quem quer pizza no almoco?", "pt-BR"),
    ],
)
def test_chatter_is_not_acted_on(text: str, locale: str) -> None:
    assert read(text, locale).intent not in ACTS


# -- a request named after its kind of thing: "anota uma tarefa", not a log ----------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("anota um lembrete pra segunda: ligar pra vidracaria horizonte", "pt-BR"),
        ("registra uma tarefa pra amanha, mandar proposta pra vidracaria", "pt-BR"),
        ("log a task for friday: send quarry lane the specs", "en"),
    ],
)
def test_a_task_named_after_the_log_verb_is_a_task(text: str, locale: str) -> None:
    parsed = read(text, locale)
    assert parsed.intent == "task" and parsed.date is not None


# -- a deal's value or close date said to have moved, name first ----------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("o negocio da vidracaria horizonte mudou pra 55 mil, pediram desconto", "pt-BR"),
        ("ah, a data de fechamento da vidracaria passou pro dia 18", "pt-BR"),
        ("the quarry lane deal goes to 70k, they added a second site", "en"),
    ],
)
def test_a_deal_value_or_date_moved_is_an_update(text: str, locale: str) -> None:
    assert read(text, locale).intent == "deal_update"


# -- a detail asked by its noun and the person's name alone -----------------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("email rosana vidracaria", "pt-BR"),
        ("telefone da rosana", "pt-BR"),
        ("phone nell barrow", "en"),
    ],
)
def test_a_detail_and_a_name_is_a_contact_lookup(text: str, locale: str) -> None:
    assert read(text, locale).intent == "contact_lookup"


# -- told, then asked to create the account: the request is what the message wants ----------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("me ligaram da Serralheria Aco Forte pedindo preco, cadastra eles pra mim", "pt-BR"),
        ("got a call from Pinecrest Dental asking for a quote, create the account pls", "en"),
    ],
)
def test_told_then_asked_to_create_is_create_account(text: str, locale: str) -> None:
    assert read(text, locale).intent == "create_account"


# -- a person of the account away is news of it, no deal lost ----------------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("fyi on quarry lane: nell is out until january, her deputy covers", "en"),
        ("quarry lane update, nell's out till the 20th, talk to ops", "en"),
    ],
)
def test_a_contact_out_of_office_is_no_deal_lost(text: str, locale: str) -> None:
    assert read(text, locale).intent == "log"


# -- a cadence said to be needed no more: taken out of it --------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("a vidracaria nao precisa mais da cadencia, ja fecharam comigo direto", "pt-BR"),
        ("quarry lane doesnt need the sequence anymore, we talk directly now", "en"),
    ],
)
def test_a_cadence_needed_no_more_is_unenroll(text: str, locale: str) -> None:
    assert read(text, locale).intent == "unenroll"


def test_a_contact_out_til_a_month_is_no_deal_lost() -> None:
    assert (
        read("quick note on quarry lane: nell is out til feb, ask her team", "en").intent == "log"
    )


def test_the_account_created_is_the_company_told_of() -> None:
    parsed = read("ligou o pessoal da Serralheria Aco Forte, cria a conta deles pfv")
    assert (parsed.intent, parsed.name) == ("create_account", "Serralheria Aco Forte")


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("best ramen around the office?", "en"),
        ("melhor acai perto do escritorio?", "pt-BR"),
        ("any good sushi near the station", "en"),
    ],
)
def test_the_best_of_something_near_a_place_is_chatter(text: str, locale: str) -> None:
    assert read(text, locale).intent == "out_of_domain"
