"""A throwaway PostgreSQL per test worker (for tests/postgres and every suite run on both backends;
loaded by tests/conftest.py as a plugin), and a fresh database per test cloned from a template.

`store_url` is the store location of a test that runs once per backend (the contract suite, the
handler tests, the end-to-end suites): a SQLite file in the test's folder, or a database of its
own on the throwaway server. A test asking for it gets ids `[sqlite]` and `[postgresql]`.

The server starts once per xdist worker (about 3 s), the template holds the migrated schema, and
each test gets its own copy (tens of ms). With no server binaries on the machine the tests FAIL
with one sentence saying what to install: CI must never skip PostgreSQL silently.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from storage.postgres import schema
from storage.postgres.testing import ServerUnavailable, ThrowawayServer

TEMPLATE = "ritmo_template"

# backend -> a fresh, empty store's location for one test (adding a backend is one entry).
URLS: dict[str, Callable[[pytest.FixtureRequest, Path], str]] = {
    "sqlite": lambda request, folder: str(folder / "ritmo.db"),
    "postgresql": lambda request, folder: str(request.getfixturevalue("pg_url")),
}
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


@pytest.fixture(params=sorted(URLS))
def backend(request: pytest.FixtureRequest) -> str:
    """The backend this run of a both-backends test uses (a key of URLS)."""
    return str(request.param)


@pytest.fixture
def store_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where this test's fresh, empty store is: what `RITMO_DB` or `backends.connect` takes."""
    return URLS[backend](request, tmp_path)
