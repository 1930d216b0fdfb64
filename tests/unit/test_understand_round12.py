"""Round twelve of understanding: what rounds ten and eleven left.

Each group is a kind of miss of the dev parts, met here in other words (as a different person
would say the same thing, pt-BR and English, typos and no accents), against a small book of
names that appears nowhere else. Today is Thursday 2026-12-10.
"""

from __future__ import annotations

import pytest

from handlers.understanding.intents import correct
from handlers.understanding.mentions import NameIndex
from storage.books import BookName
from tests.unit.book_reading import account, reader

BOOK = NameIndex.of(
    [
        BookName(1, "Vidracaria Cristal Azul"),
        BookName(1, "Vidracaria Cristal Azul", 11, "Osmar Teles"),
        BookName(1, "Vidracaria Cristal Azul", deal_id=21, deal_title="Box de banheiro"),
        BookName(2, "Granja Sol Poente"),
        BookName(2, "Granja Sol Poente", 12, "Irene Brito"),
        BookName(2, "Granja Sol Poente", deal_id=22, deal_title="Balancas de ovos"),
        BookName(3, "Keystone Plumbing"),
        BookName(3, "Keystone Plumbing", 13, "Walt Dunn"),
        BookName(3, "Keystone Plumbing", deal_id=23, deal_title="Fleet tracking"),
        BookName(4, "Orchid Dental Studio"),
        BookName(4, "Orchid Dental Studio", 14, "Maya Lin"),
        BookName(5, "Transportes Via Norte"),
        BookName(5, "Transportes Via Norte", deal_id=25, deal_title="Rastreio frota"),
        BookName(6, "Cerealista Monte Alto"),
        BookName(6, "Cerealista Monte Alto", deal_id=26, deal_title="Frota pesada"),
        BookName(7, "Drogaria Bom Jesus"),
        BookName(8, "Rede Farma Mais"),
        BookName(9, "Harbor Movers"),
        BookName(9, "Harbor Movers", deal_id=29, deal_title="Fleet insurance"),
    ]
)


read = reader(BOOK)


# -- the typo pass mends a slip into a word it knows; an everyday word is no slip -----------
# Every word written into an intent cue joins the vocabulary the pass mends towards, so a new
# cue can swallow an ordinary word one letter from it ('chover' became 'cover', 'vendido'
# 'vendid', 'losing' 'closing', 'presentes' 'apresentei'). These words of a day's life must
# come out as typed, whatever cue is added later.

EVERYDAY = """
chover chuva vendido cantar jantar computador presentes presente consertar conserto resfriado
costas passear passeio cachorro cozinhar almocar cerveja futebol feriado aniversario hospital
farmacia academia dentista remedio viagem ferias estrada fazenda vizinho mudanca geladeira
churrasco sobremesa casamento igreja shopping cinema novela torcida campeonato eleicao governo
raining snowing walking cooking baking singing dancing planting mowing raking mother father
brother sister winner losing weather birthday holiday vacation football soccer basketball
traffic parking grocery dinner breakfast coffee doctor dentist pharmacy hospital kitchen
laundry garden complex another nothing something friends family weekend tonight tanking
banking falling spending lending loving testing thanking vencido vencida marcado
""".split()


@pytest.mark.parametrize("word", EVERYDAY)
def test_an_everyday_word_is_never_mended_into_a_word_of_a_cue(word):
    assert correct(word) == word


@pytest.mark.parametrize(
    ("slip", "meant"),
    [
        ("pipline", "pipeline"),
        ("atrasdos", "atrasados"),
        ("closign", "closing"),
        ("qualifcacao", "qualificacao"),
    ],
)
def test_a_slip_is_still_mended(slip, meant):
    assert correct(slip) == meant


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("comprei presentes pro natal", "pt-BR"),
        ("comprei uns presentes pra minha mae ontem", "pt-BR"),
        ("bought presentes for the kids lol", "en"),
    ],
)
def test_a_day_of_one_s_life_is_not_logged_for_a_mended_word(text, locale):
    assert read(text, locale).intent == "out_of_domain"


@pytest.mark.parametrize(
    "text",
    ["the market is tanking today wow", "banking app is down again"],
)
def test_an_everyday_ing_word_is_no_cue_of_the_work(text):
    assert read(text, "en").intent == "out_of_domain"


# -- a deal's new value told in the words a rep would use, with no verb of update ----------


@pytest.mark.parametrize(
    ("text", "locale", "name", "value"),
    [
        ("a granja subiu, agora sao 95 mil", "pt-BR", "Granja Sol Poente", 95000),
        (
            "vidracaria cristal azul valor atualizado R$ 41.200,00",
            "pt-BR",
            "Vidracaria Cristal Azul",
            41200,
        ),
        ("a sol poente vai ficar em uns 60 mil", "pt-BR", "Granja Sol Poente", 60000),
        ("vidracaria: quarenta mil, nao, trinta mil", "pt-BR", "Vidracaria Cristal Azul", 30000),
        ("keystone plumbing deal: thirty two k", "en", "Keystone Plumbing", 32000),
        ("keystone fleet tracking 40k... oops no 38k", "en", "Keystone Plumbing", 38000),
        ("keystone fleet deal bump to 55k", "en", "Keystone Plumbing", 55000),
        ("keystone went up, now at 70k", "en", "Keystone Plumbing", 70000),
        ("keystone pipes 40k oops no 38k", "en", "Keystone Plumbing", 38000),
        ("granja ovos 20 mil digo 25 mil", "pt-BR", "Granja Sol Poente", 25000),
    ],
)
def test_a_deal_s_new_value_told_plainly_is_its_update(text, locale, name, value):
    parsed = read(text, locale)
    assert (parsed.intent, account(parsed)) == ("deal_update", name)
    assert parsed.amount is not None and parsed.amount.value == value


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("visitei a granja, o pedido vai ficar em uns 60 mil", "pt-BR", "log"),
        ("called keystone, they want 40 units", "en", "log"),
    ],
)
def test_a_value_inside_a_visit_told_is_still_the_visit(text, locale, intent):
    assert read(text, locale).intent == intent


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("keystone moves to end of next month", "en"),
        ("keystone deal moved to jan 15", "en"),
    ],
)
def test_a_deal_moved_to_a_day_is_its_close_date(text, locale):
    parsed = read(text, locale)
    assert (parsed.intent, account(parsed)) == ("deal_update", "Keystone Plumbing")
    assert parsed.date is not None


# -- how the team or one seller of it is doing, asked by a manager ---------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("e a galera, como ta indo no mes?", "pt-BR"),
        ("e o pessoal, como anda esse mes?", "pt-BR"),
        ("a turma ta como essa semana", "pt-BR"),
        ("team check, how are we doing", "en"),
        ("quick one for the team - how we doing this month?", "en"),
        ("how's pedro doing vs quota this month", "en"),
        ("how is pedro doing against his quota", "en"),
        ("e a carla ta c quanto em negociacao?", "pt-BR"),
        ("quanto o pedro tem em proposta?", "pt-BR"),
        ("how much does carla have in negotiation", "en"),
    ],
)
def test_the_team_or_a_seller_asked_how_they_do_is_the_team(text, locale):
    assert read(text, locale).intent == "team"


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("quanto eu ja vendi esse mes?", "pt-BR", "my_sales"),
        ("how am i doing vs quota", "en", "my_sales"),
        ("quanto tem em negociacao?", "pt-BR", "pipeline"),
        ("how much did the team sell this month", "en", "my_sales"),
    ],
)
def test_one_s_own_numbers_stay_one_s_own(text, locale, intent):
    assert read(text, locale).intent == intent


def test_a_seller_s_whole_funnel_is_the_pipeline():
    assert read("qto a Carla tem de pipe aberto").intent == "pipeline"


# -- the same kind of thing under other words, held by two clients: asked, never picked -----


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("como estao os da frota?", "pt-BR"),
        ("e o pessoal da frota, respondeu?", "pt-BR"),
        ("any news from the fleet guys?", "en"),
        ("como anda a farmacia?", "pt-BR"),
        ("liguei pra farmacia hj", "pt-BR"),
        ("any news from the pharmacy?", "en"),
    ],
)
def test_a_kind_two_clients_share_is_asked_which_one(text, locale):
    assert account(read(text, locale)) == "?"


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        ("como anda a granja?", "pt-BR", "Granja Sol Poente"),
        ("the plumbing guys called back", "en", "Keystone Plumbing"),
        ("o pessoal da frota pesada ligou", "pt-BR", "Cerealista Monte Alto"),
    ],
)
def test_a_kind_only_one_client_has_names_it(text, locale, name):
    assert account(read(text, locale)) == name


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        (
            "passei na farmacia pra comprar dipirona, to com dor de cabeca",
            "pt-BR",
            "out_of_domain",
        ),
        ("fui na drogaria pra comprar remedio pro meu filho", "pt-BR", "out_of_domain"),
        ("stopped by the pharmacy to grab some meds", "en", "out_of_domain"),
        ("passei na farmacia pra falar com o dono", "pt-BR", "log"),
        ("a farmacia ligou, querem proposta", "pt-BR", "log"),
    ],
)
def test_a_client_s_kind_said_as_the_place_of_an_errand_is_one_s_life(text, locale, intent):
    assert read(text, locale).intent == intent


# -- a stage taken back for another in the same message -------------------------------------


@pytest.mark.parametrize(
    ("text", "locale", "stage"),
    [
        ("keystone moved to qualification.. no wait, proposal stage", "en", "proposal"),
        ("move keystone to negotiation, i mean proposal", "en", "proposal"),
        ("granja foi pra proposta, digo, negociacao", "pt-BR", "negotiation"),
        ("passa a vidracaria pra qualificacao ops proposta", "pt-BR", "proposal"),
    ],
)
def test_a_stage_taken_back_is_the_other(text, locale, stage):
    parsed = read(text, locale)
    assert (parsed.intent, parsed.stage) == ("stage_change", stage)


def test_two_stages_without_a_correction_keep_the_first():
    assert read("move keystone to proposal, was in qualification", "en").stage == "proposal"


# -- a message typed all in capitals: its capitals name nothing ----------------------------


@pytest.mark.parametrize(
    ("text", "locale", "name"),
    [
        ("VISITEI A GRANJA ONTEM IRENE PEDIU MAIS 200 CAIXAS", "pt-BR", "Granja Sol Poente"),
        (
            "LIGUEI PRO OSMAR DA VIDRACARIA ELE PEDIU O ORCAMENTO",
            "pt-BR",
            "Vidracaria Cristal Azul",
        ),
        ("CALLED KEYSTONE TODAY WALT WANTS A NEW QUOTE", "en", "Keystone Plumbing"),
        ("FALEI COM A IRENE DA SOL POENTE HOJE CEDO", "pt-BR", "Granja Sol Poente"),
    ],
)
def test_a_shouted_log_names_its_client_not_a_new_one(text, locale, name):
    parsed = read(text, locale)
    assert (parsed.intent, account(parsed), parsed.fresh) == ("log", name, False)


def test_a_shouted_request_to_add_a_company_still_adds_it():
    parsed = read("CADASTRA A PADARIA ESTRELA DO NORTE")
    assert (parsed.intent, parsed.fresh, parsed.name) == (
        "create_account",
        True,
        "PADARIA ESTRELA DO NORTE",
    )


# -- a noun of the work said of one's own life ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "locale"),
    [
        ("o negocio com o dono do meu ape nao andou, ele quer aumentar o aluguel", "pt-BR"),
        ("a negociacao do aluguel da minha casa ta parada", "pt-BR"),
        ("the deal on my apartment lease is stuck, landlord won't budge", "en"),
        ("negociacao do meu carro usado travou, o comprador sumiu", "pt-BR"),
    ],
)
def test_a_deal_of_one_s_own_life_is_off_topic(text, locale):
    assert read(text, locale).intent == "out_of_domain"


@pytest.mark.parametrize(
    ("text", "locale", "intent"),
    [
        ("quais negocios estao parados?", "pt-BR", "stalled"),
        ("what deals are stuck", "en", "stalled"),
        ("tem negocio meu parado? sinto q to enrolando", "pt-BR", "stalled"),
        ("quais negocios meus tao parados ha muito tempo", "pt-BR", "stalled"),
    ],
)
def test_the_asker_s_stalled_deals_are_still_listed(text, locale, intent):
    assert read(text, locale).intent == intent


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("keystone's at proposal now", "proposal"),
        ("keystone's in negotiation now", "negotiation"),
        ("harbor movers's at negotiation already", "negotiation"),
    ],
)
def test_where_a_deal_is_now_said_with_s_is_its_stage(text, stage):
    parsed = read(text, "en")
    assert (parsed.intent, parsed.stage) == ("stage_change", stage)
