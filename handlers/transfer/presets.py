"""Column names and stage vocabularies of HubSpot, Pipedrive and RD Station CRM exports.

Taken from shared/reference/crm-exports.md. Each CRM translates its headers with the user's
language, so every field lists the English and the Portuguese header; Pipedrive has two
header styles ("Deal - Title" from list views, bare "Título" from Export data) and both are
listed. Pitfall kept out on purpose: RD Station's deals "Estado" is the deal status
("Em Andamento", "Vendida", "Perdida"), never a state/UF.
"""

from __future__ import annotations

from collections.abc import Sequence

from handlers.transfer.folding import fold

PRESETS = ("hubspot", "pipedrive", "rdstation")

Alias = str | tuple[str, ...]


def _pd(
    entity_en: str, entity_pt: str, *fields: tuple[str, str] | tuple[str, str, str]
) -> tuple[str, ...]:
    """Pipedrive's header spellings for one field: `Deal - X`, `Negócio - Y` and bare `Y`."""
    out: list[str] = []
    for names in fields:
        en, pt, *bare = names
        out += [f"{entity_en} - {en}", f"{entity_pt} - {pt}", *(bare or [pt])]
    return tuple(out)


_COLUMNS: dict[str, dict[str, dict[str, tuple[Alias, ...]]]] = {
    "hubspot": {
        "accounts": {
            "name": ("Company name", "Nome da empresa", "Name", "Nome"),
            "segment": ("Industry", "Setor", "Setor de atuação"),
            "city": ("City", "Cidade"),
            "state": ("State/Region", "Estado/Região"),
            "website": (
                "Company Domain Name",
                "Nome de domínio da empresa",
                "Website URL",
                "URL do site",
            ),
        },
        "contacts": {
            "name": (
                ("First Name", "Last Name"),
                ("Nome", "Sobrenome"),
                "First Name",
                "Nome",
                "Last Name",
                "Sobrenome",
            ),
            "account": (
                "Associated Company",
                "Empresa associada",
                "Company Name",
                "Nome da empresa",
                "Associated Company (Primary)",
            ),
            "email": ("Email", "E-mail"),
            "phone": (
                "Phone Number",
                "Número de telefone",
                "Mobile Phone Number",
                "Número de telefone celular",
            ),
            "role": ("Job Title", "Cargo"),
        },
        "deals": {
            "account": (
                "Associated Company (Primary)",
                "Associated Company",
                "Empresa associada (principal)",
                "Empresa associada",
            ),
            "title": ("Deal Name", "Nome do negócio"),
            "stage": ("Deal Stage", "Etapa do negócio"),
            "amount": ("Amount", "Valor"),
            "currency": ("Currency", "Moeda"),
            "close_date": ("Close Date", "Data de fechamento"),
            "owner": ("Deal owner", "Proprietário do negócio"),
            "lost_reason": ("Closed Lost Reason", "Motivo da perda", "Motivo do negócio perdido"),
        },
    },
    "pipedrive": {
        "accounts": {
            "name": _pd("Organization", "Organização", ("Name", "Nome")),
            "segment": _pd("Organization", "Organização", ("Industry", "Setor")),
            "city": _pd(
                "Organization",
                "Organização",
                (
                    "City/town/village/locality of Address",
                    "Cidade/município/vila/localidade de Endereço",
                ),
                (
                    "Address - City/town/village/locality of Address",
                    "Endereço - Cidade/município/vila/localidade de Endereço",
                ),
            ),
            "state": _pd(
                "Organization",
                "Organização",
                ("State/county of Address", "Estado de Endereço"),
                ("Address - State/county of Address", "Endereço - Estado de Endereço"),
            ),
            "website": _pd("Organization", "Organização", ("Website", "Site")),
        },
        "contacts": {
            "name": _pd("Person", "Pessoa", ("Name", "Nome"))
            + (("Person - First name", "Person - Last name"), ("Primeiro nome", "Sobrenome")),
            "account": _pd("Person", "Pessoa", ("Organization", "Organização")),
            "email": _pd(
                "Person",
                "Pessoa",
                ("Email - Work", "E-mail - Trabalho"),
                ("Email", "E-mail"),
                ("Email - Home", "E-mail - Residencial"),
                ("Email - Other", "E-mail - Outros"),
            )
            + ("Pessoa - Email - Work",),
            "phone": _pd(
                "Person",
                "Pessoa",
                ("Phone - Mobile", "Telefone - Celular"),
                ("Phone - Work", "Telefone - Trabalho"),
                ("Phone", "Telefone"),
                ("Phone - Home", "Telefone - Residencial"),
                ("Phone - Other", "Telefone - Outros"),
            ),
            "role": _pd("Person", "Pessoa", ("Job title", "Cargo")),
        },
        "deals": {
            "account": _pd("Deal", "Negócio", ("Organization", "Organização")),
            "title": _pd("Deal", "Negócio", ("Title", "Título")),
            "stage": _pd("Deal", "Negócio", ("Stage", "Etapa")),
            "amount": _pd("Deal", "Negócio", ("Value", "Valor"), ("Value", "Valor do negócio")),
            "currency": _pd(
                "Deal",
                "Negócio",
                ("Currency of Value", "Moeda de Valor"),
                ("Currency of value", "Moeda de valor"),
                ("Currency", "Moeda"),
            ),
            # The real closing date when there is one (blank on open deals), else the expected.
            "close_date": _pd(
                "Deal",
                "Negócio",
                ("Deal closed on", "Negócio fechado em"),
                ("Won time", "Ganho em"),
                ("Lost time", "Data de perda"),
                ("Closed on", "Fechado em"),
                ("Expected close date", "Data de fechamento esperada"),
            ),
            "owner": _pd("Deal", "Negócio", ("Owner", "Proprietário")),
            "status": _pd("Deal", "Negócio", ("Status", "Status")),
            "lost_reason": _pd("Deal", "Negócio", ("Lost reason", "Motivo da perda")),
        },
    },
    "rdstation": {
        "accounts": {
            "name": ("Nome", "Name", "Empresa"),
            "segment": ("Segmento", "Segmentos", "Segment"),
            "city": ("Cidade", "City"),
            "state": ("Estado (UF)", "UF"),
            "website": ("URL", "Site", "Website"),
        },
        "contacts": {
            "name": ("Nome", "Name", "Contatos"),
            "account": ("Empresa", "Company"),
            "email": ("Email", "E-mail"),
            "phone": ("Telefone", "Celular", "Phone"),
            "role": ("Cargo", "Title"),
        },
        "deals": {
            "account": ("Empresa",),
            "title": ("Nome",),
            "stage": ("Etapa",),
            "amount": ("Valor Único", "Valor"),
            # An open deal has only the expected date; a closed one its real closing date.
            "close_date": ("Data de fechamento", "Previsão de fechamento"),
            "owner": ("Responsável",),
            "status": ("Estado",),
            "lost_reason": ("Motivo de Perda",),
        },
    },
}

# Stage labels of each CRM's default pipeline, mapped to ritmo's default stages. A closing
# stage means a status instead (HubSpot has no status column).
_STAGES: dict[str, dict[str, str]] = {
    "hubspot": {
        "appointment scheduled": "prospecting",
        "appointmentscheduled": "prospecting",
        "reuniao agendada": "prospecting",
        "compromisso agendado": "prospecting",
        "qualified to buy": "qualification",
        "qualifiedtobuy": "qualification",
        "qualificado para comprar": "qualification",
        "presentation scheduled": "proposal",
        "presentationscheduled": "proposal",
        "apresentacao agendada": "proposal",
        "decision maker bought-in": "negotiation",
        "decisionmakerboughtin": "negotiation",
        "tomador de decisao comprometido": "negotiation",
        "contract sent": "commit",
        "contractsent": "commit",
        "contrato enviado": "commit",
        "closed won": "status:won",
        "closedwon": "status:won",
        "negocio fechado": "status:won",
        "fechado ganho": "status:won",
        "ganho": "status:won",
        "closed lost": "status:lost",
        "closedlost": "status:lost",
        "negocio perdido": "status:lost",
        "fechado perdido": "status:lost",
        "perdido": "status:lost",
    },
    "pipedrive": {
        "lead in": "prospecting",
        "lead recebido": "prospecting",
        "entrada de lead": "prospecting",
        "contact made": "qualification",
        "contato feito": "qualification",
        "contato realizado": "qualification",
        "needs defined": "qualification",
        "demo scheduled": "qualification",
        "demonstracao agendada": "qualification",
        "necessidades definidas": "qualification",
        "proposal made": "proposal",
        "proposta feita": "proposal",
        "negotiations started": "negotiation",
        "negociacoes iniciadas": "negotiation",
        "negociacao iniciada": "negotiation",
    },
    "rdstation": {
        "sem contato": "prospecting",
        "contato feito": "prospecting",
        "identificacao do interesse": "qualification",
        "apresentacao": "proposal",
        "proposta enviada": "proposal",
        "negociacao": "negotiation",
        "fechamento": "commit",
        "aguardando assinatura": "commit",
    },
}

# Telltale headers, to suggest the right preset when a CRM file is imported without one.
_SIGNATURES = {
    "hubspot": (
        "record id",
        "id do registro",
        "deal stage",
        "etapa do negocio",
        "company domain name",
        "associated company",
    ),
    "pipedrive": (
        "deal - title",
        "negocio - titulo",
        "organization - name",
        "organizacao - nome",
        "person - name",
        "pessoa - nome",
        "moeda de valor",
        "negocio criado em",
    ),
    "rdstation": (
        "valor unico",
        "funil de vendas",
        "previsao de fechamento",
        "equipes do responsavel",
    ),
}


def columns(preset: str, kind: str) -> dict[str, tuple[Alias, ...]]:
    """The header aliases of one preset for one kind of record, by field."""
    return _COLUMNS[preset][kind]


def stage_hint(preset: str | None, label: str) -> str | None:
    """ritmo stage key (or "status:won"/"status:lost") a CRM's default stage label stands for."""
    if preset is None:
        return None
    return _STAGES[preset].get(fold(label))


def guess(headers: Sequence[str]) -> str | None:
    """The preset whose telltale headers this file has, if any."""
    folded = {fold(h.lstrip("\ufeff").strip()) for h in headers}
    for preset, marks in _SIGNATURES.items():
        if folded & set(marks):
            return preset
    return None


def is_sample_record(name: str) -> bool:
    """Pipedrive's demo data ("[Exemplo] Acme", "[Sample] Acme") that nobody wants imported."""
    return fold(name).startswith(("[exemplo]", "[sample]", "[example]"))
