"""The same work, run on SQLite and on PostgreSQL, writes the same bytes: the reminders the due
scan queues (dedupe key, payload text, when) and the rows around them. A store moved between the
two backends, or read by an operator, then holds one format whichever engine wrote it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg

from storage import stages
from storage.audit import Actor
from storage.postgres.repositories import PgTx
from storage.repositories import Tx
from storage.sqlite import db
from storage.sqlite.repositories import SqliteTx
from storage.timefmt import to_db

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
SYSTEM = Actor(None, "test")
CADENCE = {
    "key": "exploratory",
    "name": {"pt-BR": "Exploratória", "en": "Exploratory"},
    "kind": "exploratory",
    "steps": [{"wait": 0, "channel": "call"}, {"wait": 2, "channel": "email"}],
}


def _work(tx: Tx) -> None:
    """A day's scan over three reps: one batched, one reminded each time, one unreachable."""
    tx.stages.install_stages(stages.DEFAULT_STAGES, SYSTEM)
    tx.cadences.install([CADENCE], "builtin", SYSTEM, NOW)
    reps = [
        tx.people.add_person(
            name=name, role="rep", timezone="America/Sao_Paulo", locale="pt-BR", actor=SYSTEM,
            now=NOW,
        ).id
        for name in ("Ana", "Bruno", "Caio")
    ]  # fmt: skip
    for n, owner in enumerate(reps * 2):
        account = tx.accounts.create_account(
            name=f"Conta {n}", owner_id=owner, actor=SYSTEM, now=NOW
        )
        tx.enrolments.create(
            actor=SYSTEM, cadence_key="exploratory", account_id=account.id, owner_id=owner,
            due_at=NOW - timedelta(minutes=10 * (6 - n)), now=NOW,
        )  # fmt: skip
    owners = tx.due_scan.stage_due(NOW, 100)
    times = {reps[0]: (to_db(NOW), True), reps[1]: (to_db(NOW + timedelta(hours=1)), False)}
    tx.due_scan.queue_staged([(o, *times[o]) for o in owners if o in times], NOW)


_OUTBOX = (
    "SELECT id, person_id, kind, dedupe_key, payload, state, next_attempt_at, created_at"
    " FROM outbox ORDER BY id"
)
_MARKS = "SELECT id, step_index, notified_step, due_at FROM enrolments ORDER BY id"


def test_the_due_scan_queues_the_same_rows_on_both_backends(tmp_path: Path, pg_url: str) -> None:
    lite = db.connect_sync(tmp_path / "ritmo.db")
    try:
        with db.transaction(lite):
            _work(SqliteTx(lite))
        expected: list[Any] = [
            [tuple(r) for r in lite.execute(_OUTBOX).fetchall()],
            [tuple(r) for r in lite.execute(_MARKS).fetchall()],
        ]
    finally:
        lite.close()
    with psycopg.connect(pg_url, autocommit=True) as pg:
        with pg.transaction():
            _work(PgTx(pg))
        found = [
            [tuple(r) for r in pg.execute(_OUTBOX).fetchall()],
            [tuple(r) for r in pg.execute(_MARKS).fetchall()],
        ]
    assert len(expected[0]) == 4  # Ana's two and Bruno's two; Caio's are marked, not queued
    assert found == expected
