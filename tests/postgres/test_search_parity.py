"""On the same data, PostgreSQL's name narrowing finds the same candidates as SQLite's: accents,
case, prefixes, a typo, a rep's own book, contacts at one account."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import psycopg
import pytest

from storage import move, search, stages
from storage.audit import Actor
from storage.postgres import search as pg_search
from storage.sqlite import db
from storage.sqlite.repositories import SqliteTx
from storage.text import name_key

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
SYSTEM = Actor(None, "test")
ACCOUNTS = [
    ("Padaria Silva Ltda.", "ana"),
    ("Padaria São Jorge", "ana"),
    ("PADARIA SÍLVA & FILHOS", "bruno"),
    ("Pão de Açúcar Comércio", "bruno"),
    ("Acme Indústria S.A.", "ana"),
    ("ACME Tools Inc", None),
    ("Comercial Paulista", "bruno"),
    ("Distribuidora Paulistana ME", "ana"),
    ("D'Ávila Construções", "ana"),
    ("Farmácia Bem-Estar", "bruno"),
    ("Mercado 24h", "ana"),
    ("Jorge & Filhos", None),
]
CONTACTS = [
    ("Padaria Silva Ltda.", "João da Silva"),
    ("Padaria Silva Ltda.", "Maria Joana"),
    ("Pão de Açúcar Comércio", "José Antônio"),
    ("Acme Indústria S.A.", "Joana Prado"),
    ("Comercial Paulista", "João Paulo"),
]
QUERIES = [
    "padaria silva",  # two words, two accounts with both
    "PADARIA SÍLVA",  # case and accents
    "padria silva",  # a typo in the first word: the known word narrows
    "padaria silvaa",  # a typo at the end: the first three letters
    "pao de acucar",  # accents typed without them
    "acme",
    "acm",  # a prefix
    "paulist",  # a word's beginning only
    "davila",  # an apostrophe joins
    "bem estar",  # a hyphen splits
    "mercado 24h",
    "jorge",
    "xyz nada",  # nothing
    "pdaria silva",  # a typo in the first letters: only the word some name has
    "pdaria slva",  # every word wrong at the start: nothing, on both
    "joao",
    "joana",
    "jose antonio",
]


@pytest.fixture(scope="module")
def stores(
    tmp_path_factory: pytest.TempPathFactory, pg_module_url: str
) -> Iterator[tuple[Any, Any, dict[str, int]]]:
    """The same book in a SQLite file and, moved there, in PostgreSQL (built once: the tests
    only read it)."""
    path = tmp_path_factory.mktemp("parity") / "ritmo.db"
    conn = db.connect_sync(path)
    with db.transaction(conn):
        SqliteTx(conn).stages.install_stages(stages.DEFAULT_STAGES, SYSTEM)
        ids = {
            name: SqliteTx(conn).people.add_person(name=name, role="rep", timezone="America/Sao_Paulo", locale="pt-BR",
                actor=SYSTEM, now=NOW,
            ).id
            for name in ("ana", "bruno")
        }  # fmt: skip
        by_name = {}
        for name, owner in ACCOUNTS:
            account = SqliteTx(conn).accounts.create_account(
                name=name, owner_id=ids.get(owner or ""), actor=SYSTEM, now=NOW
            )
            by_name[name] = account.id
        for account_name, name in CONTACTS:
            SqliteTx(conn).accounts.create_contact(
                account_id=by_name[account_name], name=name, actor=SYSTEM, now=NOW
            )
    conn.close()
    move.move(move.parse_location(str(path)), move.parse_location(pg_module_url))
    lite = db.connect_sync(path)
    pg = psycopg.connect(pg_module_url, autocommit=True)
    yield lite, pg, {**ids, "padaria": by_name["Padaria Silva Ltda."]}
    lite.close()
    pg.close()


class _SqliteSearch:
    """SQLite's search repository called the way storage.postgres.search is: connection first."""

    def __getattr__(self, name: str) -> Any:
        return lambda conn, *args, **kwargs: getattr(SqliteTx(conn).search, name)(*args, **kwargs)


def _names(rows: list[search.NameRow]) -> list[tuple[str, str | None]]:
    return sorted((r.name, r.account_name) for r in rows)


@pytest.mark.parametrize("typed", QUERIES)
def test_both_stores_narrow_a_name_to_the_same_candidates(stores: Any, typed: str) -> None:
    lite, pg, ids = stores
    key = name_key(typed)
    for book in (None, [ids["ana"]], [ids["bruno"]]):
        assert _names(pg_search.account_candidates(pg, key, book)) == _names(
            SqliteTx(lite).search.account_candidates(key, book)
        ), (typed, book)
        assert _names(pg_search.contact_candidates(pg, key, book)) == _names(
            SqliteTx(lite).search.contact_candidates(key, book)
        ), (typed, book)
        assert _names(pg_search.exact_accounts(pg, key, book)) == _names(
            SqliteTx(lite).search.exact_accounts(key, book)
        )


def test_the_answers_are_the_ones_a_person_expects(stores: Any) -> None:
    lite, pg, ids = stores
    for conn, finder in ((lite, _SqliteSearch()), (pg, pg_search)):
        found = _names(finder.account_candidates(conn, name_key("padria silva"), None))
        assert found == [("PADARIA SÍLVA & FILHOS", None), ("Padaria Silva Ltda.", None)]
        mine = _names(finder.account_candidates(conn, name_key("padaria silva"), [ids["ana"]]))
        assert mine == [("Padaria Silva Ltda.", None)]
        at_one = finder.contact_candidates(conn, "joao", None, account_id=ids["padaria"])
        assert _names(at_one) == [("João da Silva", "Padaria Silva Ltda.")]
        assert finder.name_taken(conn, name_key("Acme Indústria")) is True
