"""Sample exports of each CRM and the generic format, read and planned against an empty store."""

from pathlib import Path

import pytest

from handlers.transfer.columns import map_columns
from handlers.transfer.plan import Snapshot, plan
from handlers.transfer.reading import TableError, read_table
from handlers.transfer.records import parse_table

FIXTURES = Path(__file__).parents[1] / "fixtures" / "crm"
STAGES = [
    {"key": k, "position": i, "label_pt": pt, "label_en": en}
    for i, (k, pt, en) in enumerate(
        [
            ("prospecting", "Prospecção", "Prospecting"),
            ("qualification", "Qualificação", "Qualification"),
            ("proposal", "Proposta", "Proposal"),
            ("negotiation", "Negociação", "Negotiation"),
            ("commit", "Fechamento", "Commit"),
        ],
        start=1,
    )
]
PEOPLE = [
    {"id": 1, "name": "Ana Souza", "email": "ana@ritmo.test"},
    {"id": 2, "name": "Bruno Lima", "email": None},
]
EMPTY = Snapshot(stages=STAGES, people=PEOPLE)


def planned(name, kind, preset=None, snapshot=EMPTY):
    parsed = parse_table(kind, read_table((FIXTURES / name).read_bytes()), preset)
    return plan(snapshot, parsed)


def by_title(p):
    return {d["title"]: d for d in p.new_deals}


def test_hubspot_companies():
    p = planned("hubspot-companies.csv", "accounts", "hubspot")
    names = {a["name"]: a for a in p.new_accounts}
    assert set(names) == {
        "Padaria Silva Ltda",
        "Metalúrgica São Jorge S.A.",
        "Acme Logistics Inc.",
    }
    assert names["Acme Logistics Inc."]["website"] == "acmelog.com"
    assert names["Metalúrgica São Jorge S.A."]["state"] == "MG"


def test_hubspot_contacts_join_first_and_last_name():
    p = planned("hubspot-contacts.csv", "contacts", "hubspot")
    contacts = {c["name"]: c for c in p.new_contacts}
    assert contacts["Carla Mendes"]["phone"] == "+55 11 98888-1000"
    assert contacts["João Pereira"]["email"] == "joao@saojorge.ind.br"
    assert [(e.line, e.key) for e in p.summary.errors] == [(4, "transfer.bad_email")]


def test_hubspot_deals_derive_status_from_closing_stages():
    p = planned("hubspot-deals.csv", "deals", "hubspot")
    deals = by_title(p)
    assert deals["Padaria Silva - fornos"]["stage_key"] == "proposal"
    assert deals["São Jorge - retrofit"]["amount"] == 125000.5
    assert deals["Acme - frota 2026"]["status"] == "won"
    lost = deals["Acme - armazém"]
    assert (lost["status"], lost["lost_reason"]) == ("lost", "competitor")
    assert [(e.line, e.params["value"]) for e in p.summary.errors] == [(6, "Marcos Dias")]


def test_pipedrive_organizations_skip_demo_records():
    p = planned("pipedrive-organizations.csv", "accounts", "pipedrive")
    assert [a["name"] for a in p.new_accounts] == [
        "Padaria Silva",
        "Transportes Rápido Sul EIRELI",
    ]
    assert p.new_accounts[1]["city"] == "Porto Alegre"
    assert [n.key for n in p.summary.notes] == ["transfer.note_sample_skipped"]


def test_pipedrive_people_prefixed_headers():
    p = planned("pipedrive-people.csv", "contacts", "pipedrive")
    roberto, luciana = p.new_contacts
    assert roberto["email"] == "roberto.alves@gmail.com"  # work e-mail blank: home one used
    assert roberto["phone"] == "+55 51 99100-2000"
    assert luciana["email"] == "luciana@padariasilva.com.br"


def test_pipedrive_deals_statuses_and_unknown_stage():
    p = planned("pipedrive-deals.csv", "deals", "pipedrive")
    deals = by_title(p)
    assert deals["Frota refrigerada"]["stage_key"] == "proposal"
    assert deals["Padaria Silva - balcões"]["status"] == "won"
    assert deals["Padaria Silva - balcões"]["close_date"] == "2024-06-01"
    assert deals["Padaria Silva - manutenção"]["lost_reason"] == "price"
    assert [(e.line, e.params["value"]) for e in p.summary.errors] == [(5, "Etapa Inventada")]


def test_rdstation_deals_estado_is_status_and_suffix_duplicates_merge():
    p = planned("rdstation-deals.csv", "deals", "rdstation")
    deals = by_title(p)
    assert deals["Consultoria ERP"]["status"] == "open"
    assert deals["Licenças anuais"]["status"] == "won"
    assert deals["Treinamento"]["lost_reason"] == "no_budget"
    assert deals["Treinamento"]["close_date"] == "2026-08-20"
    assert deals["Consultoria ERP"]["account_id"] == deals["Licenças anuais"]["account_id"]
    assert [(m.name, m.existing) for m in p.summary.merges] == [
        ("Comércio Boa Vista", "Comércio Boa Vista ME")
    ]
    assert [e.line for e in p.summary.errors] == [6]  # line 1 is Excel's sep= hint


def test_generic_semicolon_latin1_accounts_with_duplicates():
    p = planned("generic-accounts-latin1.csv", "accounts")
    assert p.summary.created == 4
    assert {(m.line, m.existing) for m in p.summary.merges} == {
        (4, "Padaria Silva Ltda"),
        (5, "Metalúrgica São Jorge S/A"),
        (10, "Distribuidora Irmãos Araújo Ltda"),
    }
    padaria = p.new_accounts[0]
    assert (padaria["latitude"], padaria["longitude"]) == (-23.5505, -46.6333)
    assert [(e.line, e.key) for e in p.summary.errors] == [
        (7, "transfer.missing_value"),
        (8, "transfer.bad_coordinate"),
    ]


def test_generic_brazilian_deals_report_every_bad_row():
    p = planned("generic-deals-br.csv", "deals")
    deals = by_title(p)
    assert deals["Fornos a lenha"]["amount"] == 1234.56
    assert deals["Fornos a lenha"]["close_date"] == "2026-12-31"
    assert deals["Retrofit linha 2"]["owner_id"] == 2  # "bruno lima" in lower case
    assert [(e.line, e.key) for e in p.summary.errors] == [
        (6, "transfer.unknown_stage"),
        (7, "transfer.unknown_owner"),
        (8, "transfer.bad_number"),
        (9, "transfer.bad_date"),
        (10, "transfer.missing_value"),
    ]
    assert "Demonstração" in p.summary.errors[0].text("pt-BR")


def test_missing_column_suggests_the_preset():
    table = read_table((FIXTURES / "hubspot-deals.csv").read_bytes())
    with pytest.raises(TableError) as error:
        map_columns("deals", table.headers)
    assert error.value.params["preset"] == "hubspot"


def test_generic_headers_match_in_either_language_and_any_accent():
    columns = map_columns("contacts", ["NOME", "Empresa", "E-mail", "Celular", "Cargo"])
    assert set(columns.fields) == {"name", "account", "email", "phone", "role"}


def test_hubspot_portuguese_export_with_english_association_column():
    p = planned("hubspot-deals-pt.csv", "deals", "hubspot")
    deals = by_title(p)
    assert deals["Padaria Silva - câmara fria"]["stage_key"] == "commit"
    lost = deals["Acme - rastreadores"]
    assert (lost["status"], lost["lost_reason"]) == ("lost", "price")
    assert deals["Acme - telemetria"]["stage_key"] == "qualification"
    assert deals["Acme - telemetria"]["account_id"] == lost["account_id"]  # ACME LOGISTICS INC


def test_pipedrive_list_view_export_in_english():
    p = planned("pipedrive-deals-en.csv", "deals", "pipedrive")
    deals = by_title(p)
    pilot = deals["Fleet tracking pilot"]
    assert (pilot["status"], pilot["lost_reason"], pilot["close_date"]) == (
        "lost",
        "competitor",
        "2026-03-20",
    )  # when it was lost, not when it was expected
    retrofit = deals["Cold chain retrofit"]
    assert (retrofit["currency"], retrofit["amount"], retrofit["stage_key"]) == (
        "USD",
        25000.0,
        "qualification",
    )
