"""A throwaway PostgreSQL per test worker (for tests/postgres and every suite run on both backends;
loaded by tests/conftest.py as a plugin), and a fresh database per test cloned from a template.

`store_url` is the store location of a test that runs once per backend (the contract suite, the
handler tests, the end-to-end suites): a SQLite file in the test's folder (a copy of a migrated
template file), or the worker's reused database on the throwaway server, emptied back to the
migrated template's state (pg_emptied_url). A test asking for it gets ids `[sqlite]` and `[postgresql]`.

The server starts once per xdist worker (about 3 s), the template holds the migrated schema, and
each test gets its own copy (tens of ms). With no server binaries on the machine the tests FAIL
with one sentence saying what to install: CI must never skip PostgreSQL silently.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from storage import backends
from storage.postgres import schema
from storage.postgres.testing import ServerUnavailable, ThrowawayServer

TEMPLATE = "ritmo_template"


def _sqlite_copy(request: pytest.FixtureRequest, folder: Path) -> str:
    """A copy of the worker's migrated SQLite template in the test's folder."""
    where = folder / "ritmo.db"
    shutil.copyfile(request.getfixturevalue("sqlite_template"), where)
    return str(where)


# backend -> a fresh, empty store's location for one test (adding a backend is one entry).
URLS: dict[str, Callable[[pytest.FixtureRequest, Path], str]] = {
    "sqlite": _sqlite_copy,
    "postgresql": lambda request, folder: str(request.getfixturevalue("pg_emptied_url")),
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


class _Emptied:
    """One database per worker, put back to the template's state before each test that uses
    it: ~10 ms, where cloning the template and dropping the clone takes 0.3–0.6 s (file copies
    and checkpoints) — the most the both-backends suites spend per PostgreSQL test otherwise.

    Back to the template's state means: every other connection to it ended (a killed `ritmo run`
    leaves its own behind), every table holding exactly the template's rows (the schema version,
    the book version) and every sequence where the template's is, so ids start at 1 again. The
    schema itself is never changed by a test (they reach the store only through its interface).
    Its data files still hold earlier tests' deleted rows until a vacuum: a test that reads the
    server's files (erasure) takes pg_url, a database of its own.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        with psycopg.connect(url, autocommit=True) as conn:
            tables = conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            ).fetchall()
            self.rows = {
                t: conn.execute(sql.SQL("SELECT * FROM {}").format(sql.Identifier(t))).fetchall()
                for (t,) in tables
            }
            self.sequences = conn.execute(
                "SELECT format('%I.%I', schemaname, sequencename), last_value, start_value"
                " FROM pg_sequences WHERE schemaname = 'public'"
            ).fetchall()

    def empty(self) -> str:
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            with conn.transaction(), conn.cursor() as cur:
                # Foreign keys and triggers (NOTIFY, the book version) stay quiet meanwhile.
                cur.execute("SET LOCAL session_replication_role = replica")
                for table, rows in self.rows.items():
                    cur.execute(sql.SQL("DELETE FROM {}").format(sql.Identifier(table)))
                    if rows:
                        marks = sql.SQL(", ").join(sql.Placeholder() * len(rows[0]))
                        insert = sql.SQL("INSERT INTO {} VALUES ({})")
                        cur.executemany(insert.format(sql.Identifier(table), marks), rows)
                for name, last, start in self.sequences:
                    if last is None:
                        cur.execute("SELECT setval(%s::regclass, %s, false)", (name, start))
                    else:
                        cur.execute("SELECT setval(%s::regclass, %s, true)", (name, last))
        return self.url


@pytest.fixture(scope="session")
def pg_emptied(pg_server: ThrowawayServer) -> Iterator[_Emptied]:
    for url in _database(pg_server, TEMPLATE):
        yield _Emptied(url)


@pytest.fixture
def pg_emptied_url(pg_emptied: _Emptied) -> str:
    """The URL of a database holding ritmo's migrated, empty schema and nothing a test before
    this one wrote (the worker's one reused database: see _Emptied)."""
    return pg_emptied.empty()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, empty SQLite store made once per worker. A test's store is a copy of it, as
    a PostgreSQL test's is a clone of the template database: copying the file takes ~25 ms where
    migrating a new one takes ~200 ms (its migrations' commits wait on the disk)."""
    path = tmp_path_factory.mktemp("sqlite_template") / "ritmo.db"
    backends.connect_sync(path).close()
    leftovers = [p.name for p in path.parent.iterdir() if p != path]
    assert not leftovers, f"the template must be one closed file, not {leftovers}"
    return path


@pytest.fixture(params=sorted(URLS))
def backend(request: pytest.FixtureRequest) -> str:
    """The backend this run of a both-backends test uses (a key of URLS)."""
    return str(request.param)


@pytest.fixture
def store_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where this test's fresh, empty store is: what `RITMO_DB` or `backends.connect` takes."""
    return URLS[backend](request, tmp_path)
