"""Round thirteen of understanding: everything besides logging (dev13's kinds).

Each group is a kind of miss of dev13, met here in other words (as a different person would
say the same thing, pt-BR and English, typos and no accents), against a small book of names
that appears nowhere else. Today is Thursday 2026-12-10.
"""

from __future__ import annotations

import pytest

from handlers.understanding.mentions import NameIndex
from storage.books import BookName
from tests.unit.book_reading import account, reader

BOOK = NameIndex.of(
    [
        BookName(1, "Marmoraria Pedra Nobre"),
        BookName(1, "Marmoraria Pedra Nobre", 11, "Celso Prado"),
        BookName(1, "Marmoraria Pedra Nobre", deal_id=21, deal_title="Bancadas de granito"),
        BookName(2, "Quarry Ridge Supply"),
        BookName(2, "Quarry Ridge Supply", 12, "Nadia Ross"),
        BookName(2, "Quarry Ridge Supply", deal_id=22, deal_title="Gravel contract"),
        BookName(3, "Colegio Horizonte Azul"),
        BookName(3, "Colegio Horizonte Azul", 13, "Telma Duarte"),
        BookName(4, "Fernwood Dental"),
        BookName(4, "Fernwood Dental", 14, "Owen Park"),
        BookName(5, "Pizzaria Forno Velho"),
        BookName(6, "Lavanderia Bolha Limpa"),
        BookName(7, "Harbor Bistro"),
    ]
)


read = reader(BOOK)


# -- undo: what was just written taken back, said with a verb of deleting or an owned slip ---


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("apaga o lembrete que eu acabei de colocar", "pt-BR"),
        ("exclui a anotacao q fiz agora pouco", "pt-BR"),
        ("anotei na conta errada, tira isso por favor", "pt-BR"),
        ("ih errei, desfaz ai", "pt-BR"),
        ("delete the reminder i just set", "en"),
        ("scrap the note i just added pls", "en"),
        ("whoops wrong client", "en"),
    ],
)
def test_what_was_just_written_taken_back_is_undone(text: str, locale: str) -> None:
    assert read(text, locale).intent == "undo"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("apaga a tarefa de ligar pro celso amanha", "pt-BR"),  # a named task: not the last write
        ("acabei de criar a proposta da marmoraria", "pt-BR"),
        ("the client deleted the email i just sent", "en"),
    ],
)
def test_deleting_said_of_other_things_is_no_undo(text: str, locale: str) -> None:
    assert read(text, locale).intent != "undo"


# -- help: how ritmo is used, asked in a muddle or after a laugh ------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("to perdido, como q usa esse bot", "pt-BR"),
        ("kkk socorro como apaga uma anotacao", "pt-BR"),
        ("nao sei oq posso te mandar", "pt-BR"),
        ("what commands do you understand", "en"),
        ("lol no idea what i can type here", "en"),
    ],
)
def test_how_ritmo_is_used_is_help(text: str, locale: str) -> None:
    assert read(text, locale).intent == "help"


# -- the cadences there are, asked as what exists ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("quais fluxos de cadencia a gente tem", "pt-BR"),
        ("tem alguma cadencia pronta? quais existem", "pt-BR"),
        ("que sequencias tem disponivel no sistema", "pt-BR"),
        ("what cadence flows exist", "en"),
        ("any sequences set up? which ones are there", "en"),
    ],
)
def test_which_cadences_exist_is_the_list(text: str, locale: str) -> None:
    assert read(text, locale).intent == "list_cadences"


# -- a call or meeting put on one's calendar with its day: a task, nothing happened ------------


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        ("marca pra mim terca 10h reuniao com a marmoraria", "pt-BR", "2026-12-15"),
        ("agenda pra mim sexta uma visita no colegio horizonte", "pt-BR", "2026-12-11"),
        ("add a meeting with Nadia to my calendar monday 2pm", "en", "2026-12-14"),
        ("put a demo for fernwood in my calendar on friday", "en", "2026-12-11"),
    ],
)
def test_a_meeting_booked_on_my_calendar_is_a_task(text: str, locale: str, day: str) -> None:
    got = read(text, locale)
    assert (got.intent, str(got.date)) == ("task", day)
    assert account(got) is not None


# -- a deal's close date told as its own news: its update, not a log --------------------------


@pytest.mark.parametrize(
    ("text", "locale", "day"),
    [
        ("a data de fechamento da marmoraria passou pro dia 18", "pt-BR", "2026-12-18"),
        ("o fechamento do colegio horizonte fica pro dia 20/01", "pt-BR", "2027-01-20"),
        ("quarry ridge close date moved to the 23rd", "en", "2026-12-23"),
    ],
)
def test_a_close_date_told_is_the_deals_update(text: str, locale: str, day: str) -> None:
    got = read(text, locale)
    assert (got.intent, str(got.date)) == ("deal_update", day)


# -- a new account's name is the name, not a word of the request around it --------------------


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        ("quero cadastrar uma empresa nova, a Serralheria Forte", "pt-BR", "Serralheria Forte"),
        ("cadastra cliente novo: Buffet Alegria", "pt-BR", "Buffet Alegria"),
        ("new client please - Lakeside Bikes, retail", "en", "Lakeside Bikes"),
        ("add account pls: Northpoint Tiles", "en", "Northpoint Tiles"),
    ],
)
def test_a_new_accounts_name_is_read_whole(text: str, locale: str, name: str) -> None:
    got = read(text, locale)
    assert got.intent == "create_account"
    assert got.name == name


# -- a cadence started by a verb of throwing or kicking off -----------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("joga a marmoraria na nutricao", "pt-BR"),
        ("manda o colegio horizonte pro fluxo de prospeccao", "pt-BR"),
        ("kick off nurture for fernwood", "en"),
        ("launch the exploratory sequence on quarry ridge", "en"),
    ],
)
def test_a_cadence_kicked_off_is_enroll(text: str, locale: str) -> None:
    got = read(text, locale)
    assert got.intent == "enroll"
    assert account(got) is not None


# -- a reminder of one's own errands, or a joke taken back, is off-topic ----------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("me lembra de comprar racao pro gato", "pt-BR"),
        ("me lembra de buscar a roupa na lavanderia kkk", "pt-BR"),
        ("remind me to buy eggs on the way home", "en"),
        ("remind me to pick up my dry cleaning lol", "en"),
        ("set a reminder for my haircut? jk", "en"),
        ("o corinthians perdeu de novo affff", "pt-BR"),
        ("the yankees lost again ugh", "en"),
    ],
)
def test_ones_own_errands_and_teams_are_off_topic(text: str, locale: str) -> None:
    assert read(text, locale).intent == "out_of_domain"


def test_a_reminder_to_buy_for_a_client_is_still_a_task() -> None:
    got = read("me lembra de comprar o brinde da marmoraria amanha")
    assert got.intent == "task"


# -- a contact's detail asked for, lost or by who they are to me ------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("vou passar na marmoraria mas perdi o telefone do celso, me manda?", "pt-BR"),
        ("perdi o email da telma do colegio horizonte", "pt-BR"),
        ("who's my contact over at quarry ridge", "en"),
        ("who is my person at fernwood dental", "en"),
    ],
)
def test_a_contacts_detail_asked_is_the_lookup(text: str, locale: str) -> None:
    got = read(text, locale)
    assert got.intent == "contact_lookup"
    assert account(got) is not None


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("what's my number this month", "en"),
        ("how's my number looking so far", "en"),
    ],
)
def test_my_number_is_my_sales(text: str, locale: str) -> None:
    assert read(text, locale).intent == "my_sales"


# -- a deal closed as lost after its news; a new negotiation is a new deal --------------------


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("quarry ridge delayed everything to 2029, mark it lost", "en", "lost"),
        ("a marmoraria adiou tudo pro ano que vem, marca como perdido", "pt-BR", "lost"),
        (
            "nova negociacao colegio horizonte - material escolar - R$ 18.000",
            "pt-BR",
            "create_deal",
        ),
        ("negociacao nova na marmoraria, pias de marmore, 9 mil", "pt-BR", "create_deal"),
    ],
)
def test_an_outcome_or_a_new_deal_asked_after_the_news(
    text: str, locale: str, intent: str
) -> None:
    assert read(text, locale).intent == intent


# -- deals by how they stand, after "my"; the last note, taken back --------------------------


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("show me my lost ones", "en", "lost_list"),
        ("list my won ones this quarter", "en", "won_list"),
        ("quais meus perdidos desse mes", "pt-BR", "lost_list"),
        ("tira essa ultima anotacao da marmoraria", "pt-BR", "undo"),
        ("delete this last note on fernwood", "en", "undo"),
        ("scratch my last reminder, wrong day", "en", "undo"),
    ],
)
def test_my_deals_as_they_stand_and_the_last_note(text: str, locale: str, intent: str) -> None:
    assert read(text, locale).intent == intent


def test_my_lost_keys_stay_off_topic() -> None:
    assert read("list my lost keys lol", "en").intent == "out_of_domain"


# -- a deal's value set to a plain number, the word for value before it ----------------------


@pytest.mark.parametrize(
    ("text", "locale", "value"),
    [
        ("change the quarry ridge amount to 87500", "en", 87500.0),
        ("update fernwood value to 64000", "en", 64000.0),
        ("muda o valor da marmoraria pra 38000", "pt-BR", 38000.0),
    ],
)
def test_a_value_set_to_a_plain_number(text: str, locale: str, value: float) -> None:
    got = read(text, locale)
    assert got.intent == "deal_update"
    assert got.amount is not None and got.amount.value == value


# -- a cadence's reminder put off, or its message answered ------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "action"),
    [
        ("empurra pra segunda o lembrete da marmoraria", "pt-BR", "snooze"),
        ("postpone the reminder for fernwood to tuesday", "en", "snooze"),
        ("nadia wrote back to the cadence email", "en", "replied"),
        ("a telma retornou o email da sequencia", "pt-BR", "replied"),
    ],
)
def test_a_cadences_reminder_put_off_or_answered(text: str, locale: str, action: str) -> None:
    got = read(text, locale)
    assert (got.intent, got.action) == ("cadence_action", action)
    assert account(got) is not None


# -- a deal's value and close date told together, in a longer message ------------------------


@pytest.mark.parametrize(
    ("text", "locale", "value", "day"),
    [
        (
            "valor da marmoraria 41.200 e o fechamento vai ficar pro dia 22",
            "pt-BR",
            41200.0,
            "2026-12-22",
        ),
        (
            "a telma do colegio horizonte pediu desconto, kit agora vale 12 mil e deve fechar so 20/01",
            "pt-BR",
            12000.0,
            "2027-01-20",
        ),
        (
            "fernwood trimmed seats, now worth 30k and should close on 1/15",
            "en",
            30000.0,
            "2027-01-15",
        ),
    ],
)
def test_a_value_and_a_close_date_told_are_the_update(
    text: str, locale: str, value: float, day: str
) -> None:
    got = read(text, locale)
    assert (got.intent, str(got.date)) == ("deal_update", day)
    assert got.amount is not None and got.amount.value == value


def test_the_value_asked_is_no_update() -> None:
    assert read("qual o valor da marmoraria?").intent != "deal_update"


# -- a word of a client's name in a sentence set in one's life, or a place recommended --------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("tenho que trocar minha lavanderia, estragaram minha camisa", "pt-BR"),
        ("a pizzaria da minha rua fecha cedo demais", "pt-BR"),
        ("alguma pizzaria boa aberta agora pra jantar?", "pt-BR"),
        ("any good bistro near the office for dinner tonight?", "en"),
    ],
)
def test_a_word_of_a_clients_name_in_ones_life_is_off_topic(text: str, locale: str) -> None:
    assert read(text, locale).intent == "out_of_domain"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("jantei com o dono da pizzaria forno velho, quer 3 fornos", "pt-BR"),
        ("lunch with the harbor bistro owner went well, wants a quote", "en"),
    ],
)
def test_a_meal_with_the_client_stays_a_log(text: str, locale: str) -> None:
    got = read(text, locale)
    assert got.intent == "log"
    assert account(got) is not None


def test_an_order_fetched_at_a_clients_kind_of_place_stays_a_task() -> None:
    assert read("me lembra de buscar a encomenda na pizzaria amanha").intent == "task"


# -- won or lost *at* a game or a draw; a place to go asked about ----------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("won at pool last night haha", "en"),
        ("lost at cards again, my brother is too good", "en"),
        ("ganhei no sorteio da firma uma cesta", "pt-BR"),
        ("perdi na sinuca ontem kkkk", "pt-BR"),
        ("voce conhece alguma pizzaria italiana boa?", "pt-BR"),
    ],
)
def test_a_game_or_a_place_to_go_is_off_topic(text: str, locale: str) -> None:
    assert read(text, locale).intent == "out_of_domain"


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("perdemos na licitacao da marmoraria", "pt-BR", "lost"),
        ("won at the final round, fernwood signed", "en", "won"),
    ],
)
def test_a_bid_won_or_lost_is_still_the_deal(text: str, locale: str, intent: str) -> None:
    got = read(text, locale)
    assert got.intent == intent
    assert account(got) is not None


# -- told, then asked: the request in a long message is what is wanted ------------------------


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        (
            "visitei a marmoraria hoje, pula o proximo passo da cadencia deles",
            "pt-BR",
            "cadence_action",
        ),
        (
            "called nadia at quarry ridge, skip the next step in their sequence",
            "en",
            "cadence_action",
        ),
        (
            "passei no colegio horizonte e falei com a telma, me passa o celular dela",
            "pt-BR",
            "contact_lookup",
        ),
        ("had coffee with owen from fernwood, can you send me his email", "en", "contact_lookup"),
        ("fui na marmoraria ontem, quem e o contato do financeiro la?", "pt-BR", "contact_lookup"),
    ],
)
def test_a_request_after_the_news_is_what_is_wanted(text: str, locale: str, intent: str) -> None:
    got = read(text, locale)
    assert got.intent == intent
    assert account(got) is not None


def test_sending_an_email_to_the_client_stays_a_log() -> None:
    got = read("liguei pro celso da marmoraria, manda o email da proposta amanha")
    assert got.intent != "contact_lookup"


# -- later today said with no day; a bare request's noun, a thing said before, what now -------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("me lembra de mandar o orcamento pro celso depois do almoco", "pt-BR"),
        ("me lembra a tarde de ligar pra telma", "pt-BR"),
        ("remind me to email nadia after lunch", "en"),
        ("remind me to ping owen this afternoon", "en"),
    ],
)
def test_later_today_is_todays_task(text: str, locale: str) -> None:
    got = read(text, locale)
    assert (got.intent, str(got.date)) == ("task", "2026-12-10")


def test_a_day_said_with_the_afternoon_is_that_day() -> None:
    got = read("me lembra sexta a tarde de ligar pro celso")
    assert str(got.date) == "2026-12-11"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("lembrete", "pt-BR"),
        ("task", "en"),
        ("aquele assunto de ontem", "pt-BR"),
        ("the thing from earlier", "en"),
        ("e agora, como fica?", "pt-BR"),
        ("ok so what now", "en"),
    ],
)
def test_nothing_to_act_on_is_asked_back(text: str, locale: str) -> None:
    assert read(text, locale).intent == "unclear"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("marquei barbeiro pra sexta", "pt-BR"),
        ("got a haircut booked friday 5pm", "en"),
    ],
)
def test_ones_own_appointments_are_off_topic(text: str, locale: str) -> None:
    assert read(text, locale).intent == "out_of_domain"


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("what about fernwood?", "en"),
        ("and how about Nadia?", "en"),
        ("e que tal a marmoraria?", "pt-BR"),
    ],
)
def test_what_about_a_name_is_asked_back_with_it(text: str, locale: str) -> None:
    got = read(text, locale)
    assert got.intent == "unclear"
    assert account(got) is not None


# -- found by the second fresh batch: when it was made, a muddle with "isso aqui", a draw at a
# -- word of a client's name ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("apaga o lembrete que botei agora pouco", "pt-BR", "undo"),
        ("delete the task i made a minute ago", "en", "undo"),
        ("nao entendi, como funciona isso ai?", "pt-BR", "help"),
        ("ganhei no bingo da pizzaria uma pizza", "pt-BR", "out_of_domain"),
    ],
)
def test_second_batch_kinds(text: str, locale: str, intent: str) -> None:
    assert read(text, locale).intent == intent


# -- the guards of this round's rules: what they must leave alone ------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("ganhamos a marmoraria, nao e brincadeira", "pt-BR", "won"),
        ("daniel won again, fernwood signed", "en", "won"),
        ("manda a proposta da marmoraria pro fluxo de aprovacao deles", "pt-BR", "log"),
    ],
)
def test_what_this_rounds_rules_leave_alone(text: str, locale: str, intent: str) -> None:
    assert read(text, locale).intent == intent


def test_a_year_is_no_deal_value() -> None:
    assert read("change the fernwood amount to 2027", "en").amount is None


def test_lost_touch_is_no_look_up() -> None:
    assert read("perdi o contato com a telma faz tempo").intent != "contact_lookup"


def test_a_request_with_no_name_offers_none() -> None:
    got = read("cria a conta, por favor")
    assert got.intent == "create_account"
    assert got.name is None
