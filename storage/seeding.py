"""Bulk inserts for synthetic datasets (benchmarks, load tests): one transaction, rows made
inside SQLite.

Deterministic for a given seed, so a benchmark store can be rebuilt identically. Seeding is one
audited action, not one audit row per generated record.

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/seeding.py.
"""

from __future__ import annotations

from dataclasses import dataclass

FIRST = (
    "Ana",
    "Bruno",
    "Carla",
    "Diego",
    "Eduarda",
    "Felipe",
    "Gabriela",
    "Heitor",
    "Isabela",
    "João",
    "Karina",
    "Lucas",
    "Mariana",
    "Nicolas",
    "Olívia",
    "Paulo",
    "Quitéria",
    "Rafael",
    "Sofia",
    "Thiago",
    "Úrsula",
    "Vinícius",
    "Wagner",
    "Yasmin",
    "Zeca",
)
LAST = (
    "Silva",
    "Souza",
    "Oliveira",
    "Santos",
    "Pereira",
    "Lima",
    "Ferreira",
    "Costa",
    "Rodrigues",
    "Almeida",
    "Nascimento",
    "Araújo",
    "Melo",
    "Barbosa",
    "Ribeiro",
    "Gonçalves",
)
BUSINESS = (
    "Padaria",
    "Mercado",
    "Construtora",
    "Farmácia",
    "Transportes",
    "Clínica",
    "Metalúrgica",
    "Escola",
    "Hotel",
    "Distribuidora",
    "Auto Peças",
    "Laticínios",
    "Agência",
    "Café",
    "Supermercados",
    "Sistemas",
    "Hospital",
    "Gráfica",
    "Academia",
    "Pet Shop",
    "Vinícola",
    "Móveis",
    "Óptica",
    "Imobiliária",
    "Cooperativa",
    "Logística",
    "Cervejaria",
    "Papelaria",
    "Restaurante",
    "Consultoria",
)
PLACE = (
    "Paulista",
    "Carioca",
    "Mineira",
    "do Sul",
    "Norte",
    "Central",
    "Horizonte",
    "Serra Verde",
    "Mar Azul",
    "Vale do Sol",
    "Bom Preço",
    "Nova Era",
    "Aliança",
    "Progresso",
    "Estrela",
)
SUFFIX = ("Ltda", "S.A.", "ME", "EIRELI", "Ltda", "Ltda")
SEGMENTS = ("varejo", "indústria", "serviços", "saúde", "educação", "agro", "logística")
KINDS = ("call", "email", "meeting", "visit", "whatsapp", "linkedin", "note")
STAGES = ("prospecting", "qualification", "proposal", "negotiation", "commit")
BODIES = (
    "Falei com o decisor, pediu proposta.",
    "Sem resposta, tentar de novo.",
    "Reunião boa, querem piloto.",
    "Enviado material sobre o produto.",
    "Cliente pediu desconto.",
    "Visita feita, gerente gostou.",
)


@dataclass(frozen=True)
class SyntheticSpec:
    reps: int = 5
    accounts: int = 200
    deals: int = 300
    interactions: int = 5_000
    enrolments: int = 500
    seed: int = 42
    team_size: int = 10
    due_fraction: float = 0.01


@dataclass(frozen=True)
class SeedCounts:
    people: int
    accounts: int
    contacts: int
    deals: int
    interactions: int
    enrolments: int

    @property
    def total(self) -> int:
        return (
            self.people
            + self.accounts
            + self.contacts
            + self.deals
            + self.interactions
            + self.enrolments
        )
