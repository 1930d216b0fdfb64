"""A throwaway PostgreSQL per test worker (for tests/postgres and the contract suite's
postgresql backend; loaded by tests/conftest.py as a plugin), and a fresh database per test cloned from a template.

The server starts once per xdist worker (about 3 s), the template holds the migrated schema, and
each test gets its own copy (tens of ms). With no server binaries on the machine the tests FAIL
with one sentence saying what to install: CI must never skip PostgreSQL silently.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import psycopg
import pytest

from storage.postgres import schema
from storage.postgres.testing import ServerUnavailable, ThrowawayServer

TEMPLATE = "ritmo_template"
_numbers = itertools.count(1)


def _prepare_template(server: ThrowawayServer) -> None:
    with psycopg.connect(server.url("postgres"), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {TEMPLATE}")
    with psycopg.connect(server.url(TEMPLATE), autocommit=True) as conn:
        schema.migrate(conn)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[ThrowawayServer]:
    server = ThrowawayServer()
    try:
        server.start()
    except ServerUnavailable as exc:
        pytest.fail(f"PostgreSQL tests need a server: {exc}", pytrace=False)
    try:
        _prepare_template(server)
        yield server
    finally:
        server.stop()


def _database(server: ThrowawayServer, template: str) -> Iterator[str]:
    name = f"test_{next(_numbers)}"
    with psycopg.connect(server.url("postgres"), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name} TEMPLATE {template} STRATEGY FILE_COPY")
    yield server.url(name)
    with psycopg.connect(server.url("postgres"), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def pg_url(pg_server: ThrowawayServer) -> Iterator[str]:
    """The URL of a database of this test's own holding ritmo's migrated, empty schema."""
    yield from _database(pg_server, TEMPLATE)


@pytest.fixture(scope="module")
def pg_module_url(pg_server: ThrowawayServer) -> Iterator[str]:
    """As pg_url, shared by one module's tests (for data they only read)."""
    yield from _database(pg_server, TEMPLATE)


@pytest.fixture
def pg_blank_url(pg_server: ThrowawayServer) -> Iterator[str]:
    """The URL of a database of this test's own with no schema at all (a new server's)."""
    yield from _database(pg_server, "template0")
