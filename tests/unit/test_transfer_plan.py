"""Planning an import against what the store already holds: updates, merges, round trips."""

import io

from handlers.transfer.export import write_csv
from handlers.transfer.plan import Snapshot, plan
from handlers.transfer.reading import read_table
from handlers.transfer.records import parse_table

STAGES = [
    {"key": k, "position": i, "label_pt": pt, "label_en": en}
    for i, (k, pt, en) in enumerate(
        [
            ("prospecting", "Prospecção", "Prospecting"),
            ("proposal", "Proposta", "Proposal"),
            ("negotiation", "Negociação", "Negotiation"),
            ("commit", "Fechamento", "Commit"),
        ],
        start=1,
    )
]
PEOPLE = [
    {"id": 1, "name": "Ana Souza", "email": None},
    {"id": 2, "name": "Bruno Lima", "email": None},
]
ACCOUNTS = [
    {
        "id": 10,
        "name": "Padaria Silva Ltda",
        "segment": "Alimentação",
        "city": "São Paulo",
        "state": "SP",
        "website": None,
        "latitude": None,
        "longitude": None,
    },
    {
        "id": 11,
        "name": "Metalúrgica São Jorge S.A.",
        "segment": None,
        "city": None,
        "state": None,
        "website": None,
        "latitude": None,
        "longitude": None,
    },
]
DEALS = [
    {
        "id": 100,
        "account_id": 10,
        "owner_id": 1,
        "title": "Fornos a lenha",
        "stage_key": "proposal",
        "amount": 1234.56,
        "currency": "BRL",
        "close_date": "2026-12-31",
        "status": "open",
        "lost_reason": None,
    },
    {
        "id": 101,
        "account_id": 11,
        "owner_id": 2,
        "title": "Retrofit",
        "stage_key": "commit",
        "amount": 1000.125,
        "currency": "USD",
        "close_date": None,
        "status": "lost",
        "lost_reason": "timing",
    },
]
STORE = Snapshot(accounts=ACCOUNTS, deals=DEALS, stages=STAGES, people=PEOPLE)


def run(kind, text, snapshot=STORE, preset=None):
    return plan(snapshot, parse_table(kind, read_table(text.encode()), preset))


def test_existing_company_is_updated_not_duplicated_and_merge_listed():
    p = run("accounts", "nome;site\nPADARIA SILVA - ME;padariasilva.com.br\n")
    assert p.new_accounts == ()
    (update,) = p.account_updates
    assert (update.id, update.changes) == (10, {"website": "padariasilva.com.br"})
    assert [(m.name, m.existing) for m in p.summary.merges] == [
        ("PADARIA SILVA - ME", "Padaria Silva Ltda")
    ]


def test_blank_cells_never_erase_and_equal_values_are_unchanged():
    p = run("accounts", "name,segment,city\nPadaria Silva Ltda,,São Paulo\n")
    assert p.summary.unchanged == 1 and not p.has_writes


def test_deal_for_a_near_duplicate_account_attaches_to_it():
    p = run(
        "deals", "account,title,stage,owner\nMetalurgica Sao Jorje,Nova linha,Proposta,Ana Souza\n"
    )
    (deal,) = p.new_deals
    assert deal["account_id"] == 11
    assert p.new_accounts == ()
    assert p.summary.merges[0].existing == "Metalúrgica São Jorge S.A."


def test_reopening_a_lost_deal_clears_its_reason():
    p = run(
        "deals",
        "account,title,stage,owner,status\nMetalúrgica São Jorge,Retrofit,commit,"
        "Bruno Lima,open\n",
    )
    (update,) = p.deal_updates
    assert update.changes == {"status": "open", "lost_reason": None}


def test_stage_by_key_or_label_in_either_language():
    text = (
        "account,title,stage,owner\nA1,t1,negotiation,Ana Souza\nA1,t2,Negociação,Ana Souza\n"
        "A1,t3,NEGOTIATION,Ana Souza\nA1,t4,negociacao,Ana Souza\n"
    )
    assert {d["stage_key"] for d in run("deals", text).new_deals} == {"negotiation"}


def test_repeated_row_in_one_file_creates_one_record():
    row = "Acme,Frota,Proposta,Ana Souza\n"
    text = "account,title,stage,owner\n" + row + row
    p = run("deals", text)
    assert len(p.new_deals) == 1 and p.summary.unchanged == 1


def test_export_then_import_changes_nothing():
    names = {10: "Padaria Silva Ltda", 11: "Metalúrgica São Jorge S.A."}
    owners = {1: "Ana Souza", 2: "Bruno Lima"}
    rows = [
        {
            **d,
            "account": names[d["account_id"]],
            "owner": owners[d["owner_id"]],
            "stage": d["stage_key"],
        }
        for d in DEALS
    ]
    out = io.StringIO()
    write_csv("deals", rows, out)
    p = run("deals", out.getvalue())
    assert not p.has_writes and p.summary.unchanged == 2 and not p.summary.errors
    accounts = io.StringIO()
    write_csv("accounts", ACCOUNTS, accounts)
    assert not run("accounts", accounts.getvalue()).has_writes
