"""`ritmo store move`: SQLite → PostgreSQL → SQLite loses nothing, and a move that can't be
whole refuses with one sentence and writes nothing."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
import pytest

from bot.cli import main
from bot.runlock import RunLock
from storage import move, shape
from storage.sqlite import db
from storage.sqlite.repositories import SqliteTx
from storage.text import name_key

NOW = datetime(2026, 3, 4, 15, 0, tzinfo=UTC)
STAMP = "2026-03-04T15:00:00+00:00"
SEED = ["--reps", "12", "--accounts", "600", "--deals", "900", "--interactions", "4000",
        "--enrolments", "300"]  # fmt: skip


def _ritmo(workdir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command in its own process (the round trip's first leg only: ~3 s to start)."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("RITMO_", "SLACK_", "TELEGRAM_"))
    }
    env.update(RITMO_DB=str(workdir / "ritmo.db"), RITMO_LOCALE="en")
    return subprocess.run([sys.executable, "-m", "bot.cli", *args], capture_output=True,
                          text=True, env=env, cwd=workdir, timeout=120)  # fmt: skip


@dataclass
class Ran:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Any:
    """`ritmo ARGS` in this process, on the store at `db_path`, in `locale`."""

    def run(db_path: Path, *args: str, locale: str = "en") -> Ran:
        monkeypatch.setenv("RITMO_DB", str(db_path))
        monkeypatch.setenv("RITMO_LOCALE", locale)
        capsys.readouterr()
        code = main(list(args))
        out, err = capsys.readouterr()
        return Ran(code, out, err)

    return run


def _tables(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, sorted: what 'identical' means."""
    conn = db.connect_sync(path)
    try:
        names = shape.read_sqlite(conn).tables
        return {
            name: sorted(map(tuple, conn.execute(f'SELECT * FROM "{name}"')), key=repr)
            for name in names
        }
    finally:
        conn.close()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic store with a team whose manager refers back to it (teams ⇄ people), built
    once per module with the real commands."""
    path = tmp_path_factory.mktemp("seeded") / "ritmo.db"
    env = {"RITMO_DB": str(path), "RITMO_LOCALE": "en"}
    with pytest.MonkeyPatch.context() as patch:
        for key, value in env.items():
            patch.setenv(key, value)
        assert main(["seed", "--synthetic", *SEED]) == 0
        for args in (("Marta Gerente", "--role", "manager", "--team", "Sul"),
                     ("Rui Vendas", "--role", "rep", "--team", "Sul")):  # fmt: skip
            assert main(["users", "add", *args]) == 0
    return path


@pytest.fixture
def source(seeded: Path, tmp_path: Path) -> Path:
    """This test's own copy of the seeded store."""
    path = tmp_path / "ritmo.db"
    with sqlite3.connect(seeded) as origin, sqlite3.connect(path) as copy:
        origin.backup(copy)
    return path


def test_a_round_trip_through_postgresql_keeps_every_row_and_every_export(
    source: Path, pg_url: str, tmp_path: Path, cli: Any
) -> None:
    there = _ritmo(tmp_path, "store", "move", "--to", pg_url)
    assert there.returncode == 0, there.stderr
    assert "row counts and checksums verified" in there.stdout
    assert "The bot still runs on SQLite only" in there.stdout
    assert "interactions: 4,000 of 4,000 rows" in there.stderr  # progress, per table
    back_path = tmp_path / "back" / "ritmo.db"
    back_path.parent.mkdir()
    back = cli(source, "store", "move", "--from", pg_url, "--to", f"sqlite:///{back_path}")
    assert back.code == 0, back.err
    assert back.out.splitlines()[-1] == "To use it, point RITMO_DB at that file."

    assert _tables(back_path) == _tables(source)
    for kind in ("interactions", "deals"):
        exports = []
        for path in (source, back_path):
            out = tmp_path / f"{kind}-{path.parent.name}.csv"
            done = cli(path, "export", kind, "--out", str(out))
            assert done.code == 0, done.err
            exports.append(out.read_bytes())
        assert exports[0] == exports[1] and exports[0].count(b"\n") > 100
    # The word index of the file that came back was rebuilt as its rows arrived.
    conn = db.connect_sync(back_path)
    name = conn.execute("SELECT name FROM accounts ORDER BY id LIMIT 1").fetchone()[0]
    assert name in [r.name for r in SqliteTx(conn).search.account_candidates(name_key(name), None)]
    conn.close()


def test_postgresql_hands_out_ids_past_the_ones_moved_in(source: Path, pg_url: str) -> None:
    move.move(move.parse_location(str(source)), move.parse_location(pg_url))
    with psycopg.connect(pg_url) as conn:
        top = conn.execute("SELECT max(id) FROM audit_log").fetchone()
        new = conn.execute(
            "INSERT INTO audit_log (at, actor, entity, action) VALUES ('t', 'test', 'x', 'y')"
            " RETURNING id"
        ).fetchone()
        version = conn.execute("SELECT version FROM book_version").fetchone()
    assert top is not None and new == (top[0] + 1,)
    lite = db.connect_sync(source)
    assert version == tuple(lite.execute("SELECT version FROM book_version").fetchone())
    lite.close()


def test_a_target_that_holds_data_is_refused_in_one_sentence(
    source: Path, pg_url: str, cli: Any
) -> None:
    assert cli(source, "store", "move", "--to", pg_url).code == 0
    again = cli(source, "store", "move", "--to", pg_url)
    assert again.code == 2
    assert again.err.startswith("ritmo: the target already holds data (table ")
    assert again.err.count("\n") == 1
    pt = cli(source, "store", "move", "--to", str(source), locale="pt-BR")
    assert pt.code == 2 and "são o mesmo banco" in pt.err


def test_a_running_bot_stops_the_move(source: Path, pg_url: str, cli: Any) -> None:
    lock = RunLock(source)
    assert lock.acquire()
    try:
        refused = cli(source, "store", "move", "--to", pg_url)
    finally:
        lock.release()
    assert refused.code == 2
    assert "stop the bot before moving the store" in refused.err
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT count(*) FROM people").fetchone() == (0,)


def test_a_table_that_arrives_changed_leaves_the_target_untouched(
    source: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = move.checksum

    def tampered(rows: Any) -> tuple[int, int]:
        count, total = real(rows)
        return count, total + 1

    monkeypatch.setattr(move, "checksum", tampered)
    with pytest.raises(move.MoveRefused) as refused:
        move.move(move.parse_location(str(source)), move.parse_location(pg_url))
    assert refused.value.reason == "verify_failed"
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT count(*) FROM accounts").fetchone() == (0,)


def test_bad_targets_are_one_sentence_each(source: Path, tmp_path: Path, cli: Any) -> None:
    for target, sentence in (
        ("mysql://x/y", "could not read mysql://x/y"),
        ("postgresql://nobody@/nowhere?host=/nonexistent", "could not connect to PostgreSQL"),
        (str(tmp_path / "no" / "such" / "x.db"), "does not exist; create it first"),
    ):
        done = cli(source, "store", "move", "--to", target)
        assert done.code == 2, done.err
        assert sentence in done.err and done.err.count("\n") == 1


def test_a_source_with_a_dangling_reference_is_refused_by_name(
    source: Path, pg_url: str, cli: Any
) -> None:
    raw = sqlite3.connect(source)  # as an old file written with foreign keys off could be
    raw.execute("UPDATE deals SET account_id = 999999 WHERE id = (SELECT min(id) FROM deals)")
    raw.commit()
    raw.close()
    refused = cli(source, "store", "move", "--to", pg_url)
    assert refused.code == 2
    assert "rows in deals that point to records that do not exist" in refused.err
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT count(*) FROM deals").fetchone() == (0,)


def test_queued_messages_move_in_and_their_people_are_still_checked(
    source: Path, pg_url: str
) -> None:
    """outbox.person_id is kept by triggers on PostgreSQL (migration 0028), and outbox sorts
    before people: the move loads them with the triggers off, as it does with the keys, and the
    triggers hold again once it is done."""
    conn = db.connect_sync(source)
    people = [r[0] for r in conn.execute("SELECT id FROM people ORDER BY id LIMIT 5")]
    with db.transaction(conn):
        for n, person in enumerate(people):
            SqliteTx(conn).outbox.enqueue(
                person, "notice", f"move:{n}", {"replies": [{"text": f"oi {n}"}]}, NOW
            )
    conn.close()
    move.move(move.parse_location(str(source)), move.parse_location(pg_url))
    with psycopg.connect(pg_url) as pg:
        moved = pg.execute(
            "SELECT person_id FROM outbox WHERE dedupe_key LIKE 'move:%' ORDER BY person_id"
        ).fetchall()
        assert [r[0] for r in moved] == sorted(people)
        with pytest.raises(psycopg.errors.ForeignKeyViolation):
            pg.execute(
                "INSERT INTO outbox (person_id, kind, dedupe_key, payload, next_attempt_at,"
                " created_at) VALUES (%s, 'notice', 'nobody', '{}', %s, %s)",
                (max(people) + 10_000, STAMP, STAMP),
            )
