"""Seeding, imports and erasure write the same rows on PostgreSQL as on SQLite.

Each test builds one small book on SQLite, moves it to a fresh PostgreSQL database with
`storage.move` (so both start from identical rows and ids), runs the same repository call on
both through the store interface, and compares every table row for row, ids included — the
contract suite checks what a caller sees; this checks what the store keeps (what `store move`,
backups and exports carry on)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from storage import backends, move, shape
from storage.audit import CLI, Actor
from storage.erasure import Scrub
from storage.interface import Tx
from storage.seeding import SyntheticSpec
from storage.stages import DEFAULT_STAGES
from storage.transfer import Change

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
LATER = datetime(2026, 11, 24, 8, 30, tzinfo=UTC)


def _book(tx: Tx) -> None:
    """A seeded book, and one contact written about everywhere a mention can hide: an
    interaction of her own and one of a colleague's, an audit reason, a small value (kv is keyed
    by name, not id), her consent (keyed by contact and channel)."""
    tx.stages.install_stages(DEFAULT_STAGES, CLI)
    tx.seeding.seed_synthetic(
        SyntheticSpec(reps=4, accounts=30, deals=40, interactions=200, enrolments=40, seed=3),
        NOW,
    )
    her = tx.privacy.find_contacts(HER)[0]
    tx.interactions.log_interaction(
        person_id=2, kind="call", occurred_at=NOW, actor=CLI, now=NOW, contact_id=her["id"],
        account_id=her["account_id"], body=f"Ligação para {her['name']}", outcome="retornar",
    )  # fmt: skip
    tx.interactions.log_interaction(
        person_id=3, kind="note", occurred_at=NOW, actor=CLI, now=NOW, account_id=1,
        body=f"{her['name'].upper()} pediu proposta, fone 9000-0003",
    )  # fmt: skip
    tx.kv.put(f"note:{her['name']}", f"lembrar {her['name']}")
    tx.consents.opt_out(CLI, her["id"], "email", NOW, "pediu")


HER = "contato3@exemplo.com.br"


def _tables(location: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table both engines have, sorted (row order is no contract)."""
    side = move.open_side(move.parse_location(location), must_exist=True)
    try:
        out = {}
        with side.reading():
            for name, table in sorted(side.schema.tables.items()):
                if name in shape.ENGINE_ONLY_TABLES:
                    continue
                out[name] = sorted(side.rows(name, table.column_names), key=repr)
        return out
    finally:
        side.close()


async def _both(
    tmp_path: Path, pg_url: str, then: Callable[[Tx], Any], *, later: bool = False
) -> tuple[dict[str, list[tuple[Any, ...]]], dict[str, list[tuple[Any, ...]]]]:
    """The same book on both engines, `then` run as one write on each; both stores' rows."""
    path = str(tmp_path / "parity.db")
    async with backends.open_store(path) as store:
        await store.write(_book)
    move.move(move.parse_location(path), move.parse_location(pg_url))
    for url in (path, pg_url):
        async with backends.open_store(url) as store:
            await store.write(then)
    return _tables(path), _tables(pg_url)


def _assert_same(sqlite: dict[str, list[Any]], pg: dict[str, list[Any]]) -> None:
    assert sqlite.keys() == pg.keys()
    for name in sqlite:
        assert pg[name] == sqlite[name], name


async def test_a_second_seed_on_a_seeded_store_writes_the_same_rows(
    tmp_path: Path, pg_url: str
) -> None:
    spec = SyntheticSpec(reps=7, accounts=45, deals=60, interactions=900, enrolments=50, seed=9)
    sqlite, pg = await _both(tmp_path, pg_url, lambda tx: tx.seeding.seed_synthetic(spec, LATER))
    _assert_same(sqlite, pg)
    assert len(pg["interactions"]) == 1_102 and len(pg["people"]) == 4 + 1 + 7 + 1


async def test_a_seed_big_enough_to_rebuild_indexes_writes_the_same_rows(
    tmp_path: Path, pg_url: str
) -> None:
    spec = SyntheticSpec(reps=3, accounts=20, deals=10, interactions=50_000, enrolments=5)
    sqlite, pg = await _both(tmp_path, pg_url, lambda tx: tx.seeding.seed_synthetic(spec, LATER))
    _assert_same(sqlite, pg)


async def test_an_import_writes_the_same_rows_and_audit(tmp_path: Path, pg_url: str) -> None:
    def run(tx: Tx) -> None:
        deal = tx.transfer.snapshot("deals")["deals"][0]
        contact = tx.transfer.snapshot("contacts")["contacts"][0]
        tx.transfer.apply_import(
            actor=CLI, now=LATER, reason="import parity.csv",
            new_accounts=[
                {"ref": -1, "name": "Importada São Paulo SA", "city": "Recife", "latitude": -8},
                {"ref": -2, "name": "Outra Ltda", "segment": "agro", "longitude": 34.9},
            ],
            account_updates=[Change(1, {"city": None}, {"city": "Santos", "state": "SP"})],
            new_contacts=[
                {"ref": -3, "name": "Zoé Araújo", "account_id": -1, "email": "zoe@x.test"},
                {"ref": -4, "name": "Sem Empresa", "phone": "+5511999"},
            ],
            contact_updates=[Change(contact["id"], {"role": None}, {"role": "CFO"})],
            new_deals=[
                {"ref": -5, "account_id": -2, "owner_id": 2, "title": "Novo", "amount": 1200,
                 "currency": "BRL", "stage_key": "proposal", "status": "open"},
                {"ref": -6, "account_id": 3, "owner_id": 2, "title": "Ganho", "amount": 50.5,
                 "currency": "BRL", "stage_key": "commit", "status": "won",
                 "close_date": "2026-11-20"},
            ],
            deal_updates=[
                Change(deal["id"], dict(deal), {"stage_key": "negotiation", "status": "lost",
                                                 "lost_reason": "price"}),
            ],
        )  # fmt: skip

    sqlite, pg = await _both(tmp_path, pg_url, run)
    _assert_same(sqlite, pg)


async def test_forgetting_a_contact_rewrites_the_same_values(tmp_path: Path, pg_url: str) -> None:
    def run(tx: Tx) -> dict[str, int]:
        her = tx.privacy.find_contacts(HER)[0]
        words = her["name"].split()

        def blank(text: str) -> str:
            for word in (her["name"], her["name"].upper(), "9000-0003", *words):
                text = text.replace(word, "[x]")
            return text

        scrub = Scrub(
            "[x]", blank, blank, blank, lambda t: False,
            words=tuple(w.lower() for w in words), digits=("90000003",),
        )  # fmt: skip
        found = tx.erasure.survey(her["id"], scrub)
        return tx.erasure.forget(her["id"], scrub, found, actor=CLI, now=LATER)

    sqlite, pg = await _both(tmp_path, pg_url, run)
    _assert_same(sqlite, pg)
    assert [
        t for t, rows in pg.items() if "Olívia Ferreira" in repr(rows) or "OLÍVIA" in repr(rows)
    ] == []
    assert ("note:[x]", "lembrar [x]") in pg["kv"]


@pytest.mark.parametrize("kind", ["accounts", "contacts", "deals", "interactions"])
async def test_exports_list_the_same_rows_in_the_same_order(
    tmp_path: Path, pg_url: str, kind: str
) -> None:
    path = str(tmp_path / "parity.db")
    async with backends.open_store(path) as store:
        await store.write(_book)
    move.move(move.parse_location(path), move.parse_location(pg_url))
    exported = []
    for url in (path, pg_url):
        async with backends.open_store(url) as store:
            exported.append(await store.read(lambda tx: list(tx.transfer.export_rows(kind))))
    assert exported[1] == exported[0] and len(exported[0]) >= 30


async def test_a_big_import_counts_the_book_version_as_row_triggers_would(
    tmp_path: Path, pg_url: str
) -> None:
    def run(tx: Tx) -> None:
        tx.transfer.apply_import(
            actor=CLI, now=LATER, reason="big.csv",
            new_accounts=[{"ref": -1 - i, "name": f"Empresa {i}"} for i in range(5_000)],
            new_contacts=[{"ref": -9_000 - i, "name": f"Pessoa {i}", "account_id": -1 - i}
                          for i in range(5_000)],
        )  # fmt: skip

    sqlite, pg = await _both(tmp_path, pg_url, run)
    _assert_same(sqlite, pg)
    assert pg["book_version"][0][1] >= 10_000


async def test_a_chat_log_writes_the_same_rows_and_audit(tmp_path: Path, pg_url: str) -> None:
    def run(tx: Tx) -> None:
        for account in range(1, 31):  # reps with none, one and several open deals there
            for person in (2, 3, 4, 5):
                tx.interactions.log_at_account(
                    person_id=person, account_id=account, kind="visit", occurred_at=NOW,
                    actor=Actor.person(person), now=LATER, body="visitei, 'ótimo'",
                    attachment="telegram:photo:x", source_platform="telegram",
                    source_message_id=f'm-{account}-{person} "é"', with_next=person % 2 == 0,
                )  # fmt: skip

    sqlite, pg = await _both(tmp_path, pg_url, run)
    _assert_same(sqlite, pg)
    deals = {row[3] for row in pg["interactions"] if row[7] == "visitei, 'ótimo'"}
    assert None in deals and len(deals) > 1  # some logs landed on a deal, some on none
