"""The throwaway server: private, unprivileged, disposable, and loud when it cannot exist."""

from __future__ import annotations

import os
from pathlib import Path

import psycopg
import pytest

from storage.postgres import testing
from storage.postgres.testing import ServerUnavailable, ThrowawayServer


def test_each_test_gets_its_own_empty_database(pg_url: str) -> None:
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE scratch (id int)")
        conn.execute("INSERT INTO scratch VALUES (1)")


def test_a_second_test_does_not_see_the_first_ones_rows(pg_url: str) -> None:
    with psycopg.connect(pg_url) as conn:
        found = conn.execute("SELECT to_regclass('scratch')").fetchone()
    assert found == (None,)


def test_the_server_has_the_extensions_name_search_needs(pg_blank_url: str) -> None:
    with psycopg.connect(pg_blank_url, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        conn.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        assert conn.execute("SELECT unaccent('São Paulo')").fetchone() == ("Sao Paulo",)
        assert conn.execute("SELECT similarity('padaria', 'padria') > 0.3").fetchone() == (True,)


def test_the_server_listens_on_a_socket_only_and_never_as_root(
    pg_server: ThrowawayServer,
) -> None:
    with psycopg.connect(pg_server.url("postgres")) as conn:
        listen = conn.execute("SHOW listen_addresses").fetchone()
        data_dir = conn.execute("SHOW data_directory").fetchone()
    assert listen == ("",)
    assert data_dir is not None and Path(data_dir[0]).stat().st_uid != 0
    assert pg_server.socket_dir.is_relative_to(pg_server.root or Path("/"))


def test_stop_removes_the_servers_folder() -> None:
    server = ThrowawayServer().start()
    root = server.root
    assert root is not None and root.exists()
    server.stop()
    assert not root.exists()


def test_no_binaries_is_one_sentence_naming_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(testing.shutil, "which", lambda name: None)
    monkeypatch.setattr(testing.glob, "glob", lambda pattern: [])
    with pytest.raises(ServerUnavailable) as caught:
        testing.find_bin_dir()
    assert "apt-get install postgresql postgresql-contrib" in str(caught.value)
    assert os.linesep not in str(caught.value)
