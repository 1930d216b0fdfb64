"""The demo dataset: a believable Brazilian B2B team, built fresh for `ritmo demo`.

Written through the same audited repository functions the bot uses, so the demo exercises the
real store. Dates are relative to now: there are always steps due on the last working day and
overdue, on weekdays at 09:00 in each rep's zone.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from storage import people
from storage.audit import Actor
from storage.interface import Tx

ACTOR = Actor.system("demo")
TEAM = "Sudeste"
MANAGER = ("Carla Mendes", "manager", "America/Sao_Paulo", "pt-BR")
ADMIN = ("Rafael Tavares", "admin", "America/Sao_Paulo", "pt-BR")
REPS = (
    ("Ana Souza", "rep", "America/Sao_Paulo", "pt-BR"),
    ("Bruno Lima", "rep", "America/Manaus", "pt-BR"),
    ("Diego Ferreira", "rep", "America/Sao_Paulo", "pt-BR"),
    ("Emily Carter", "rep", "America/Sao_Paulo", "en"),
)
DEFAULT_DEMO_PERSON = "Ana Souza"

# (name, segment, city, state, latitude, longitude)
ACCOUNTS = (
    ("Padaria Silva Ltda", "varejo", "São Paulo", "SP", -23.5614, -46.6559),
    ("ACME Indústria S.A.", "indústria", "Campinas", "SP", -22.9056, -47.0608),
    ("Mercado Bom Preço", "varejo", "Santo André", "SP", -23.6639, -46.5383),
    ("Construtora Horizonte", "construção", "Belo Horizonte", "MG", -19.9167, -43.9345),
    ("Farmácia Vida Ltda", "saúde", "São Paulo", "SP", -23.5489, -46.6388),
    ("Transportes Rápido Sul", "logística", "Curitiba", "PR", -25.4284, -49.2733),
    ("Clínica Sorriso", "saúde", "Rio de Janeiro", "RJ", -22.9068, -43.1729),
    ("Metalúrgica Aço Forte", "indústria", "São Bernardo do Campo", "SP", -23.6914, -46.5646),
    ("Escola Pequeno Príncipe", "educação", "Niterói", "RJ", -22.8832, -43.1034),
    ("Hotel Mar Azul", "turismo", "Santos", "SP", -23.9608, -46.3336),
    ("Distribuidora Sabor do Campo", "alimentos", "Ribeirão Preto", "SP", -21.1775, -47.8103),
    ("Auto Peças Rodovia", "varejo", "Sorocaba", "SP", -23.5015, -47.4526),
    ("Laticínios Serra Verde", "alimentos", "Juiz de Fora", "MG", -21.7642, -43.3503),
    ("Agência Pixel Digital", "serviços", "São Paulo", "SP", -23.5630, -46.6543),
    ("Café Grão Nobre", "alimentos", "Franca", "SP", -20.5386, -47.4008),
    ("Supermercados Pão de Mel", "varejo", "Guarulhos", "SP", -23.4543, -46.5337),
    ("TecnoSoft Sistemas", "tecnologia", "Florianópolis", "SC", -27.5954, -48.5480),
    ("Hospital Santa Luzia", "saúde", "Vitória", "ES", -20.3155, -40.3128),
    ("Gráfica Impressão Já", "serviços", "Osasco", "SP", -23.5325, -46.7917),
    ("Rede Academia Forma", "serviços", "Rio de Janeiro", "RJ", -22.9711, -43.1822),
    ("Pet Shop Amigo Fiel", "varejo", "São Paulo", "SP", -23.5874, -46.6576),
    ("Vinícola Vale do Sol", "alimentos", "Bento Gonçalves", "RS", -29.1699, -51.5185),
    ("Móveis Casa Bela", "indústria", "Manaus", "AM", -3.1190, -60.0217),
    ("Óptica Visão Clara", "varejo", "Manaus", "AM", -3.1019, -60.0250),
    ("Imobiliária Chave Certa", "serviços", "Campinas", "SP", -22.8950, -47.0700),
    ("Cooperativa Agro Unida", "agro", "Londrina", "PR", -23.3045, -51.1696),
    ("Logística Expressa Norte", "logística", "Belém", "PA", -1.4558, -48.4902),
    ("Cervejaria Lupulus", "alimentos", "Blumenau", "SC", -26.9194, -49.0661),
    ("Papelaria Criativa ME", "varejo", "São Paulo", "SP", -23.5505, -46.6333),
    ("Estúdio Fit Pilates", "serviços", "Santos", "SP", -23.9700, -46.3300),
    ("Restaurante Sabor Mineiro", "alimentos", "Belo Horizonte", "MG", -19.9320, -43.9380),
    ("Consultoria Prisma", "serviços", "São Paulo", "SP", -23.5700, -46.6900),
)
CONTACT_NAMES = (
    "Marcos Silva",
    "Fernanda Rocha",
    "Ricardo Alves",
    "Patrícia Gomes",
    "Roberto Dias",
    "Juliana Castro",
    "André Pinto",
    "Camila Teixeira",
)
ROLES = ("Diretor(a) Financeiro(a)", "Gerente de Compras", "Sócio(a)", "Gerente de TI")
STAGES = ("prospecting", "qualification", "proposal", "negotiation", "commit")
NOTES = {
    "call": (
        "Falei com o financeiro, pediu proposta até sexta.",
        "Ligação rápida: estão avaliando concorrente.",
        "Decisor de férias, retornar semana que vem.",
    ),
    "visit": (
        "Visitei a loja, gerente gostou da demonstração.",
        "Visita técnica feita; pediram orçamento.",
    ),
    "email": (
        "Enviei a proposta revisada com desconto de 5%.",
        "Mandei o estudo de caso do setor.",
    ),
    "meeting": ("Reunião com diretoria: querem piloto em 30 dias.",),
    "whatsapp": ("Cliente confirmou recebimento da proposta pelo WhatsApp.",),
    "note": ("Conta estratégica: priorizar antes do fim do trimestre.",),
}


def build(tx: Tx, now: datetime, seed: int = 7) -> dict[str, int]:
    """Create the whole demo dataset in the caller's transaction; returns what was created."""
    rnd = random.Random(seed)
    manager = _person(tx, MANAGER, now)
    _person(tx, ADMIN, now, team=None)
    reps = [_person(tx, spec, now) for spec in REPS]
    counts = {
        "people": 2 + len(reps),
        "accounts": 0,
        "deals": 0,
        "interactions": 0,
        "enrolments": 0,
    }
    made = []
    for i, (name, segment, city, state, lat, lon) in enumerate(ACCOUNTS):
        owner = reps[i % len(reps)]
        account = tx.accounts.create_account(
            name=name,
            owner_id=owner.id,
            actor=ACTOR,
            now=now,
            segment=segment,
            city=city,
            state=state,
            latitude=lat,
            longitude=lon,
        )
        contact = tx.accounts.create_contact(
            account_id=account.id,
            name=CONTACT_NAMES[i % len(CONTACT_NAMES)],
            actor=ACTOR,
            now=now,
            email=f"contato@{_slug(name)}.com.br",
            phone=f"+55 11 9{rnd.randrange(1000, 9999)}-{rnd.randrange(1000, 9999)}",
            role=ROLES[i % len(ROLES)],
        )
        made.append((account, contact, owner))
        counts["accounts"] += 1
    today = now.date()
    open_deal: dict[int, int] = {}
    for i, (account, _contact, owner) in enumerate(made + made[:14]):
        status = "won" if i % 11 == 5 else "lost" if i % 13 == 7 else "open"
        deal = tx.deals.create_deal(
            account_id=account.id,
            owner_id=owner.id,
            title=_title(account.name, i),
            stage_key=STAGES[(i * 3) % len(STAGES)],
            amount=float(rnd.randrange(8, 240) * 1000),
            actor=ACTOR,
            now=now - timedelta(days=rnd.randrange(10, 90)),
            close_date=_month_day(today, rnd.randrange(-20, 75)),
            status=status,
            lost_reason="price" if status == "lost" else None,
        )
        counts["deals"] += 1
        if status == "open":
            open_deal.setdefault(account.id, deal.id)
        for k in range(rnd.randrange(1, 6)):
            kind = rnd.choice(tuple(NOTES))
            when = now - timedelta(days=rnd.randrange(0, 28), hours=rnd.randrange(0, 8))
            tx.interactions.log_interaction(
                person_id=owner.id,
                kind=kind,
                occurred_at=when,
                actor=ACTOR,
                now=now,
                body=rnd.choice(NOTES[kind]),
                account_id=account.id,
                deal_id=deal.id,
            )
            counts["interactions"] += 1
            if i > 20 and k == 0:
                break
    keys = tx.seeding.ensure_cadences(now)
    preferred = [k for k in ("exploratory", "conversion", "nurture") if k in keys] or keys
    for i, (account, contact, owner) in enumerate(made[:20]):
        tz = ZoneInfo(owner.timezone)
        # The last working day up to today: on a weekend, "due today" means Friday's work.
        workday = _working_day(now.astimezone(tz).date(), -1)
        if i % 3 == 0:
            due_day = _working_day(workday - timedelta(days=1 + i % 4), -1)  # overdue
        elif i % 3 == 1:
            due_day = workday  # due today (or still open from Friday)
        else:
            due_day = _working_day(workday + timedelta(days=2 + i % 5), +1)
        due = datetime.combine(due_day, time(9, 0), tz)
        tx.seeding.insert_enrolment(
            cadence_key=preferred[i % len(preferred)],
            account_id=account.id,
            contact_id=contact.id,
            deal_id=open_deal.get(account.id),
            owner_id=owner.id,
            step_index=i % 3,
            due_at=due,
            actor=ACTOR,
            now=now,
        )
        counts["enrolments"] += 1
    assert manager.team_id is not None  # MANAGER is created with a team
    tx.people.set_team_target(manager.team_id, 900_000.0, "BRL", ACTOR, now)
    return counts


def _person(
    tx: Tx,
    spec: tuple[str, str, str, str],
    now: datetime,
    team: str | None = TEAM,
) -> people.Person:
    name, role, tz, locale = spec
    # The demo team keeps real people's hours (09:00-18:00, Monday to Friday, the default):
    # a demo that greets "Bom dia" at 17:19 or plans a call for 00:00 on Saturday teaches the
    # wrong thing. Outside those hours the agenda and reminders wait, as they would for real.
    return tx.people.add_person(
        name=name,
        role=role,
        timezone=tz,
        locale=locale,
        actor=ACTOR,
        now=now,
        team=team,
        email=f"{_slug(name)}@ritmo-demo.com.br",
    )


def _slug(name: str) -> str:
    from storage.text import fold

    return "".join(ch for ch in fold(name).replace(" ", ".") if ch.isalnum() or ch == ".")[:30]


def _title(account: str, i: int) -> str:
    products = ("Plano anual", "Expansão de licenças", "Projeto piloto", "Contrato de serviços")
    product = products[(i + i // len(ACCOUNTS)) % len(products)]  # a second deal differs
    return f"{product} — {account.split()[0]} {account.split()[1]}"


def _working_day(day: date, step: int) -> date:
    """`day`, or the nearest weekday from it going back (step -1) or forward (+1)."""
    while day.isoweekday() > 5:
        day += timedelta(days=step)
    return day


def _month_day(today: date, offset: int) -> date:
    return today + timedelta(days=offset)
