"""Leadership between processes on one store: one holder runs the jobs and each platform's
delivery, a leader that stops renewing loses its roles after the ttl and a standby takes them,
a clean stop hands them over at once, and SQLite's single process holds everything from the
start. Two Leadership instances on one store stand for two processes; the clock is the test's."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest

from bot.app import App, JobSpec
from bot.config import Settings
from cadence_jobs.leadership import JOBS, LEADERSHIP, Leadership, delivery
from storage import backends
from storage.interface import Store
from tests.conftest import Clock

TTL = timedelta(seconds=15)
ROLES = (JOBS, delivery("telegram"))


@pytest.fixture(params=["sqlite", "postgresql"])
async def shared(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store]:
    """One store two processes share (SQLite's file works too: the leases are the same rows)."""
    url = (
        str(tmp_path / "l.db") if request.param == "sqlite" else request.getfixturevalue("pg_url")
    )
    async with backends.open_store(url) as store:
        yield store


def _pair(store: Store, clock: Clock) -> tuple[Leadership, Leadership]:
    return (
        Leadership(store, ROLES, clock, holder="a", ttl=TTL),
        Leadership(store, ROLES, clock, holder="b", ttl=TTL),
    )


async def test_only_one_of_two_processes_holds_the_roles(shared: Store, clock: Clock) -> None:
    a, b = _pair(shared, clock)
    await a.tick()
    await b.tick()
    assert [a.holds(r) for r in ROLES] == [True, True]
    assert [b.holds(r) for r in ROLES] == [False, False]
    assert b.others == {"a"}
    clock.advance(seconds=5)
    await a.tick()
    await b.tick()
    assert a.holds(JOBS) and not b.holds(JOBS)
    assert (a.others, b.others) == ({"b"}, {"a"})  # each sees the other is alive
    report = a.report()
    assert report["roles"][JOBS] == {"age_s": 5.0, "renewed_s": 0.0}
    assert b.report()["roles"] == {}


async def test_a_leader_that_stops_renewing_is_replaced_after_the_ttl(
    shared: Store, clock: Clock
) -> None:
    a, b = _pair(shared, clock)
    await a.tick()
    await b.tick()
    clock.advance(seconds=14)  # a is killed: it never renews again
    await b.tick()
    assert not b.holds(JOBS) and a.holds(JOBS)
    clock.advance(seconds=2)  # past a's lease
    assert not a.holds(JOBS)  # a stalled leader stops acting on its own, before anyone asks
    await b.tick()
    assert b.holds(JOBS) and b.holds(delivery("telegram"))
    await a.tick()  # a comes back: it finds the roles taken and stays a standby
    assert not a.holds(JOBS) and a.held == {}


async def test_a_silent_process_loses_its_roles_before_its_claims(
    shared: Store, clock: Clock
) -> None:
    """Roles move after the ttl; what it claimed (chats, messages) waits for its presence,
    twice as long, so a process only held back is not answered over by another."""
    a, b = _pair(shared, clock)
    await a.tick()
    clock.advance(seconds=16)
    await b.tick()
    assert b.holds(JOBS) and b.others == {"a"}  # a's roles moved, a is still present
    clock.advance(seconds=15)  # 31 s of silence: a is gone
    await b.tick()
    assert b.others == set()


async def test_a_clean_stop_hands_the_roles_over_at_once(shared: Store, clock: Clock) -> None:
    a, b = _pair(shared, clock)
    await a.tick()
    await a.release()
    assert not a.holds(JOBS)
    await b.tick()
    assert b.holds(JOBS)
    assert b.others == set()  # a's presence went with its roles


async def test_a_leader_that_cannot_reach_the_store_steps_down(
    shared: Store, clock: Clock
) -> None:
    a, _ = _pair(shared, clock)
    await a.tick()

    async def broken(*args: object, **kwargs: object) -> None:
        raise OSError("connection reset")

    a.store = type("Broken", (), {"write": staticmethod(broken)})()
    await a.tick()
    assert not a.holds(JOBS)


def test_a_process_that_owns_its_store_holds_every_role_without_writing(clock: Clock) -> None:
    solo = Leadership(None, ROLES, clock, solo=True)
    clock.advance(days=400)
    assert all(solo.holds(r) for r in ROLES)
    assert solo.report()["mode"] == "solo"


async def test_periodic_jobs_run_only_on_the_jobs_leader(
    shared: Store, clock: Clock, tmp_path: Path
) -> None:
    a, b = _pair(shared, clock)
    await a.tick()
    await b.tick()
    ran: list[str] = []

    async def job(app: App) -> None:
        ran.append(app.services[LEADERSHIP].holder)

    for leadership in (a, b):
        app = App(Settings(db_path=tmp_path / "unused.db"), now=clock)
        app.services[LEADERSHIP] = leadership
        await app._run_job(JobSpec("cadence.due_scan", job))
        await app._run_job(JobSpec("outbox.watchdog", job, every_process=True))
    assert ran == ["a", "a", "b"]  # b only keeps its own dispatcher alive
