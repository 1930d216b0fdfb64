"""Phrasings in pt-BR and English -> intent and entities (today is Wednesday 2026-11-18)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handlers.understanding import parse

TODAY = date(2026, 11, 18)  # a Wednesday
THIS_MONTH = {"start": "2026-11-01", "end": "2026-11-30"}
THIS_WEEK = {"start": "2026-11-16", "end": "2026-11-22"}
DECEMBER = {"start": "2026-12-01", "end": "2026-12-31"}
Q4 = {"start": "2026-10-01", "end": "2026-12-31"}
NEXT_Q = {"start": "2027-01-01", "end": "2027-03-31"}
BRL = "BRL"

CASES: list[tuple[str, str, dict]] = [
    # log, commands
    ("log call Acme: CFO wants a proposal by Friday", "log", {"name": "Acme", "kind": "call"}),
    ("/log visit Padaria Silva", "log", {"name": "Padaria Silva", "kind": "visit"}),
    ("registrar ligação com a Acme: pediram proposta", "log", {"name": "Acme", "kind": "call"}),
    ("registrar visita na padaria silva", "log", {"name": "padaria silva", "kind": "visit"}),
    ("/registrar email Acme", "log", {"name": "Acme", "kind": "email"}),
    ("registar visita acme", "log", {"name": "acme", "kind": "visit"}),
    ("nota Acme: cliente viaja em dezembro", "log", {"name": "Acme", "kind": "note"}),
    # a number that ends a name belongs to it; one that counts something does not
    ("registrar ligação Loja 2: pediram catálogo", "log", {"name": "Loja 2", "kind": "call"}),
    ("status unidade 10", "status", {"name": "unidade 10"}),
    ("visitei a Acme 3 vezes", "log", {"name": "Acme", "kind": "visit"}),
    # log, sentences
    (
        "visitei a Padaria Silva hoje, pediram orçamento de R$ 50 mil, ligar de novo terça",
        "log",
        {
            "name": "Padaria Silva",
            "kind": "visit",
            "date": "2026-11-18",
            "amount": {"value": 50000, "currency": BRL},
            "follow_up": {"kind": "call", "date": "2026-11-24"},
        },
    ),
    ("visitei a padaria silva", "log", {"name": "padaria silva", "kind": "visit"}),
    (
        "vistei a padaria silva ontem",
        "log",
        {"name": "padaria silva", "kind": "visit", "date": "2026-11-17"},
    ),
    (
        "liguei pra Acme ontem às 15h",
        "log",
        {"name": "Acme", "kind": "call", "date": "2026-11-17", "time": "15:00"},
    ),
    ("liguei pra acme ontem as 15h30", "log", {"date": "2026-11-17", "time": "15:30"}),
    ("liguei pro Carlos da Padaria Silva", "log", {"name": "Carlos da Padaria Silva"}),
    ("telefonei para a Acme", "log", {"name": "Acme", "kind": "call"}),
    ("mandei email pra Acme com a proposta", "log", {"name": "Acme", "kind": "email"}),
    ("enviei a proposta para a ACME por email", "log", {"name": "ACME", "kind": "email"}),
    ("falei com a Acme no whatsapp", "log", {"name": "Acme", "kind": "whatsapp"}),
    ("conversei com o pessoal da Acme pelo zap", "log", {"kind": "whatsapp"}),
    ("reuniao com a Acme: querem demo", "log", {"name": "Acme", "kind": "meeting"}),
    (
        "tive uma reunião com a Acme hoje",
        "log",
        {"name": "Acme", "kind": "meeting", "date": "2026-11-18"},
    ),
    ("me reuni com a Padaria Silva", "log", {"name": "Padaria Silva", "kind": "meeting"}),
    ("mandei inmail pro diretor da Acme no linkedin", "log", {"kind": "linkedin"}),
    ("visitei a Acme sexta passada", "log", {"name": "Acme", "date": "2026-11-13"}),
    ("liguei pra Acme sexta", "log", {"date": "2026-11-13"}),
    (
        "called Acme yesterday at 3pm",
        "log",
        {"name": "Acme", "kind": "call", "date": "2026-11-17", "time": "15:00"},
    ),
    (
        "visited Padaria Silva today, they want a quote of $ 40,000, call again friday",
        "log",
        {
            "name": "Padaria Silva",
            "kind": "visit",
            "amount": {"value": 40000, "currency": "USD"},
            "follow_up": {"kind": "call", "date": "2026-11-20"},
        },
    ),
    ("emailed Acme the proposal", "log", {"name": "Acme", "kind": "email"}),
    (
        "met with Acme, they need 120k",
        "log",
        {"name": "Acme", "kind": "meeting", "amount": {"value": 120000, "currency": BRL}},
    ),
    ("spoke with Acme on whatsapp", "log", {"name": "Acme", "kind": "whatsapp"}),
    (
        "liguei pra Acme, proposta de 1,5 mi",
        "log",
        {"amount": {"value": 1500000, "currency": BRL}},
    ),
    ("visitei a Acme, fecham R$ 120 mil", "log", {"amount": {"value": 120000, "currency": BRL}}),
    # agenda
    ("what's due today?", "agenda", {"date": "2026-11-18"}),
    ("o que tenho hoje?", "agenda", {"date": "2026-11-18"}),
    ("o q tenho hj", "agenda", {"date": "2026-11-18"}),
    ("meus próximos passos", "agenda", {}),
    ("meus proximos passos", "agenda", {}),
    ("minha agenda", "agenda", {}),
    ("agnda", "agenda", {}),
    ("/today", "agenda", {}),
    ("hoje", "agenda", {}),
    ("/hoje", "agenda", {}),
    ("what do i have today", "agenda", {}),
    # next step
    ("what's next for Acme?", "next_step", {"name": "Acme"}),
    ("próximo passo com a padaria silva", "next_step", {"name": "padaria silva"}),
    ("proximo passo com a acme", "next_step", {"name": "acme"}),
    ("/next Acme", "next_step", {"name": "Acme"}),
    ("/próximo Acme", "next_step", {"name": "Acme"}),
    ("next step for Padaria Silva", "next_step", {"name": "Padaria Silva"}),
    # status
    ("status Acme", "status", {"name": "Acme"}),
    ("/status padaria silva", "status", {"name": "padaria silva"}),
    ("statu Acme", "status", {"name": "Acme"}),
    ("como está a conta da Silva?", "status", {"name": "Silva"}),
    ("como esta a acme", "status", {"name": "acme"}),
    ("how is Acme doing?", "status", {"name": "Acme"}),
    ("histórico da Acme", "status", {"name": "Acme"}),
    ("situacao da padaria silva", "status", {"name": "padaria silva"}),
    # pipeline
    ("my pipeline", "pipeline", {}),
    ("meu pipeline", "pipeline", {}),
    ("/pipeline", "pipeline", {}),
    ("pipline", "pipeline", {}),
    ("meu funil", "pipeline", {}),
    ("pipeline em negociação", "pipeline", {"stage": "negotiation"}),
    ("pipeline da Ana", "pipeline", {"name": "Ana"}),
    # forecast
    ("forecast this month", "forecast", {"period": THIS_MONTH}),
    ("previsão do mês", "forecast", {"period": THIS_MONTH}),
    ("previsao do trimestre", "forecast", {"period": Q4}),
    ("/previsão", "forecast", {}),
    ("forcast next quarter", "forecast", {"period": NEXT_Q}),
    ("previsão do próximo trimestre", "forecast", {"period": NEXT_Q}),
    # closing
    ("deals closing this month", "closing", {"period": THIS_MONTH}),
    ("negócios que fecham esta semana", "closing", {"period": THIS_WEEK}),
    ("o que fecha este mês?", "closing", {"period": THIS_MONTH}),
    ("closing next month", "closing", {"period": DECEMBER}),
    ("o que fecha em dezembro", "closing", {"period": DECEMBER}),
    # stalled and overdue
    ("negócios parados", "stalled", {}),
    ("negocios parados", "stalled", {}),
    ("/parados", "stalled", {}),
    ("stalled deals", "stalled", {}),
    ("quem está atrasado?", "overdue", {}),
    ("quem ta atrasado", "overdue", {}),
    ("overdue", "overdue", {}),
    ("what's overdue?", "overdue", {}),
    ("tarefas atrasadas", "overdue", {}),
    # team
    ("how is the team doing?", "team", {}),
    ("como está o time?", "team", {}),
    # won / lost
    ("/won Acme", "won", {"name": "Acme"}),
    ("ganhamos a Acme!", "won", {"name": "Acme"}),
    ("ganho padaria silva", "won", {"name": "padaria silva"}),
    ("closed won Acme", "won", {"name": "Acme"}),
    ("/lost Acme", "lost", {"name": "Acme"}),
    ("perdemos a Acme para a concorrência", "lost", {"name": "Acme", "reason": "competitor"}),
    ("perdido acme preço", "lost", {"name": "acme", "reason": "price"}),
    ("perdido acme preco", "lost", {"name": "acme", "reason": "price"}),
    ("lost Acme - no budget", "lost", {"name": "Acme", "reason": "no_budget"}),
    ("perdemos a padaria silva, sumiram", "lost", {"reason": "lost_contact"}),
    # stage change
    ("stage Acme proposta", "stage_change", {"name": "Acme", "stage": "proposal"}),
    ("/etapa Acme negociação", "stage_change", {"name": "Acme", "stage": "negotiation"}),
    ("etapa acme negociacao", "stage_change", {"name": "acme", "stage": "negotiation"}),
    ("mover Acme para negociação", "stage_change", {"name": "Acme", "stage": "negotiation"}),
    ("move Acme to commit", "stage_change", {"name": "Acme", "stage": "commit"}),
    ("move Acme to Qualification", "stage_change", {"stage": "qualification"}),
    ("a Acme passou para proposta", "stage_change", {"name": "Acme", "stage": "proposal"}),
    # enrol and cadence actions
    ("enroll Acme in exploratory", "enroll", {"name": "Acme", "cadence": "exploratory"}),
    ("colocar a Silva na cadência de nutrição", "enroll", {"name": "Silva", "cadence": "nurture"}),
    ("inscrever a Acme na cadencia exploratoria", "enroll", {"cadence": "exploratory"}),
    ("done", "cadence_action", {"action": "done"}),
    ("feito", "cadence_action", {"action": "done"}),
    ("pular", "cadence_action", {"action": "skip"}),
    ("skip", "cadence_action", {"action": "skip"}),
    ("snooze tomorrow", "cadence_action", {"action": "snooze", "snooze": "tomorrow"}),
    ("adiar para amanhã", "cadence_action", {"action": "snooze", "snooze": "tomorrow"}),
    ("snooze 1h", "cadence_action", {"action": "snooze", "snooze": "1h"}),
    ("adiar para semana que vem", "cadence_action", {"action": "snooze", "snooze": "next_week"}),
    (
        "adiar padaria para sexta",
        "cadence_action",
        {"action": "snooze", "name": "padaria", "snooze": "2026-11-20"},
    ),
    ("o cliente respondeu", "cadence_action", {"action": "replied"}),
    # manager, away, help, link
    ("digest", "digest", {}),
    ("/resumo", "digest", {}),
    ("estou de férias até sexta", "away", {"date": "2026-11-20"}),
    ("away until friday", "away", {"date": "2026-11-20"}),
    ("help", "help", {}),
    ("ajuda", "help", {}),
    ("/ajuda", "help", {}),
    ("oi", "out_of_domain", {}),  # small talk: a friendly answer with the help, no data
    ("o que você faz?", "help", {}),
    ("/start ABC123", "link", {}),
    ("link XYZ789", "link", {}),
    ("/ritmo pipeline", "pipeline", {}),
    ("/ritmo log visita Padaria Silva", "log", {"name": "Padaria Silva", "kind": "visit"}),
    ("asdkjh qwe", "unclear", {}),  # too little to act on: ask, don't guess
]


def test_the_table_is_big_and_mostly_portuguese():
    english = {
        "log",
        "what",
        "how",
        "my",
        "forecast",
        "deals",
        "closing",
        "stalled",
        "overdue",
        "called",
        "visited",
        "emailed",
        "met",
        "spoke",
        "next",
        "move",
        "enroll",
        "away",
    }
    assert len(CASES) >= 80
    pt = [c for c in CASES if c[0].lstrip("/").split()[0].lower() not in english]
    assert len(pt) >= len(CASES) / 2


@pytest.mark.parametrize(("text", "intent", "expected"), CASES, ids=[c[0] for c in CASES])
def test_phrasing(text, intent, expected):
    parsed = parse(text, TODAY)
    assert parsed.intent == intent
    entities = parsed.entities()
    for key, value in expected.items():
        assert entities.get(key) == value, key


def test_a_link_code_keeps_its_case():
    assert parse("/start AbC123", TODAY).code == "AbC123"


def test_a_sentence_with_three_facts_needs_a_card_and_a_plain_log_does_not():
    several = parse(
        "visitei a Padaria Silva hoje, pediram orçamento de R$ 50 mil, ligar de novo terça", TODAY
    )
    single = parse("visitei a Padaria Silva hoje", TODAY)
    assert several.facts == 3
    assert single.facts == 1


def test_the_body_of_a_log_is_what_follows_the_name():
    assert parse("log call Acme: CFO wants a proposal", TODAY).body == "CFO wants a proposal"


@pytest.mark.parametrize(
    "text", ["31 de fevereiro visitei a Acme", "visitei a Acme em 31/02", "closing on february 30"]
)
def test_an_impossible_date_is_reported_not_guessed(text):
    parsed = parse(text, TODAY)
    assert parsed.problem == "impossible_date"
    assert parsed.date is None


@pytest.mark.parametrize(
    ("text", "problem"),
    [("", "empty"), ("   ", "empty"), ("🙂🙂", "empty"), ("a" * 10_000, "too_long")],
)
def test_bad_input_is_named(text, problem):
    assert parse(text, TODAY).problem == problem


def test_sql_looking_text_is_just_text():
    parsed = parse("status Acme'; DROP TABLE deals; --", TODAY)
    assert parsed.intent == "status"
    assert parsed.name.startswith("Acme")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_no_input_makes_the_parser_raise(text):
    parsed = parse(text, TODAY)
    assert parsed.intent


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "visitei",
                "a",
                "Acme",
                "R$",
                "50",
                "mil",
                ",",
                "ligar",
                "terça",
                "31/02",
                "às",
                "15h",
                "proposta",
                "/log",
                "ontem",
                "1,5",
                "mi",
                ":",
                "status",
                "sexta",
            ]
        ),
        max_size=20,
    )
)
def test_no_mix_of_known_words_makes_the_parser_raise(words):
    parse(" ".join(words), TODAY).entities()


@pytest.mark.parametrize(
    "text, action",
    [
        ("o email da padaria voltou", "bounced"),  # never a "done" by default
        ("the email to acme bounced", "bounced"),
        ("marquei reuniao com a padaria quinta", "meeting_booked"),
    ],
)
def test_a_cadence_exit_said_in_words_is_that_exit(text, action):
    parsed = parse(text, date(2026, 12, 10))
    assert (parsed.intent, parsed.action) == ("cadence_action", action)


@pytest.mark.parametrize(
    "text, date_, follow_up",
    [
        # Thursday 10 December: a date said about what comes next is the follow-up's.
        ("liguei pro joaquim, retornar dia 15", None, "2026-12-15"),
        ("dia 8 fui na padaria e o dono nao tava", "2026-12-08", None),
        ("called acme, they want the proposal by next friday", None, "2026-12-18"),
        ("visitei a padaria, ligar de novo 20/01", None, "2027-01-20"),  # next year, never past
    ],
)
def test_a_log_dates_what_happened_and_what_comes_next_apart(text, date_, follow_up):
    parsed = parse(text, date(2026, 12, 10))
    assert parsed.intent == "log"
    assert (parsed.date.isoformat() if parsed.date else None) == date_
    assert (parsed.follow_up.due.isoformat() if parsed.follow_up else None) == follow_up


@pytest.mark.parametrize(
    "phrase, company",
    [
        ("ai", False),
        ("renata", False),
        ("o cliente", False),
        ("Metal Forte", True),
        ("Zenith Labs", True),
        ("padaria estrela", True),
    ],
)
def test_only_a_company_like_phrase_is_offered_for_creation(phrase, company):
    from handlers.kernel.asking import looks_like_company

    assert looks_like_company(phrase) is company


CADENCES = (
    ("follow_up", "Follow-up pós-feira", "Post-fair follow-up"),
    ("nurture", "Nutrição", "Nurture"),
)


@pytest.mark.parametrize(
    "text, intent",
    [
        ("coloca a padaria no follow_up", "enroll"),  # a custom cadence by its key
        ("inscreve a padaria no Follow-up pós-feira", "enroll"),  # …or by its name
        ("tira a padaria do follow up", "unenroll"),
    ],
)
def test_an_installed_cadence_is_named_by_key_or_name(text, intent):
    parsed = parse(text, date(2026, 12, 10), cadences=CADENCES)
    assert (parsed.intent, parsed.cadence if intent == "enroll" else "follow_up") == (
        intent,
        "follow_up",
    )
