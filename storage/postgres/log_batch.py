"""A batch's plain logs in one round trip on PostgreSQL (issue 16).

Why: the writer thread runs a batch's bodies one after another, and a plain log's body is one
statement (`Interactions.log_at_account`): one round trip per log, and after each the thread
waits for the GIL behind the event loop. That wait, not the server, set PostgreSQL's logs/s
(benchmarks/RESULTS.md, pg21 and pg22). Here the writer sends all of a batch's plain logs
together (one statement: `PgInteractions.log_many`), so the round trip and the GIL wait
are per batch.

How, with no caller changing: a body is a function of `tx` that the store may run more than
once (a batch that fails is already replayed body by body). Before the batch runs, each body
is started on a probe unit that stops it at its first use of the store; a body whose first use
is `tx.interactions.log_at_account(...)` is a log, and the probe keeps its arguments. A run of
consecutive logs is stored in one statement, in their order, then each body runs for real on a
unit whose `log_at_account` answers with what that statement stored for it.

The answers are the same as one after another only if nothing a body does after its log could
change a later log's statement (the open deal it lands on, what is next at the account). So a
log that asks for no next items (`with_next=False`: the handler writes more after it) ends its
run, and a body that uses the store in any other way before its log, or after it while later
logs of its run are already stored, raises `Stale`: the writer then runs the batch again the
plain way, in a new transaction. The plain log's body uses the store for nothing else.
"""

from __future__ import annotations

from typing import Any, NoReturn

from storage.postgres.interactions import LogCall, PgInteractions
from storage.postgres.repositories import PgTx
from storage.write_queue import Job


class Stale(BaseException):
    """A body used the store where the shortcut assumed it would not: run the batch again
    without it. A BaseException, like the probe's signals, so a body's `except Exception`
    never swallows it and goes on with a wrong answer."""


class _Collected(BaseException):
    """The probe's stop at a body's log: its keyword arguments, as the body passed them."""

    def __init__(self, kwargs: dict[str, Any]) -> None:
        super().__init__()
        self.kwargs = kwargs


class _Other(BaseException):
    """The probe's stop at a body's first use of the store that is not a log."""


class _ProbeInteractions:
    __slots__ = ()

    def log_at_account(self, **kwargs: Any) -> NoReturn:
        raise _Collected(kwargs)

    def __getattr__(self, name: str) -> NoReturn:
        raise _Other


class _Probe:
    """A unit that stops a body at its first use of the store."""

    __slots__ = ()
    interactions = _ProbeInteractions()

    def __getattr__(self, name: str) -> NoReturn:
        raise _Other


_PROBE = _Probe()


def probe(job: Job) -> tuple[LogCall, dict[str, Any]] | None:
    """The log a body starts with and its keyword arguments as passed, or None (it starts
    with anything else, or fails)."""
    try:
        job.fn(_PROBE, *job.args, **job.kwargs)
    except _Collected as got:
        try:
            return LogCall(**got.kwargs), got.kwargs
        except Exception:  # noqa: BLE001 - not a log's arguments: it fails again when run
            return None
    except (_Other, Exception):
        return None
    return None  # it never used the store: nothing to share


class _Replay:
    """The writer's unit for one body whose log the run's statement already stored."""

    __slots__ = ("_real", "_kwargs", "_answer", "_last", "consumed", "interactions")

    def __init__(self, real: PgTx, kwargs: dict[str, Any], answer: Any, last: bool) -> None:
        self._real = real
        self._kwargs = kwargs
        self._answer = answer
        self._last = last
        self.consumed = False
        self.interactions = _ReplayInteractions(self)

    def other(self) -> None:
        """The body uses the store for something else: fine only after its log, and only for
        the run's last body (no later log was stored ahead of it)."""
        if not (self.consumed and self._last):
            raise Stale

    def __getattr__(self, name: str) -> Any:
        self.other()
        return getattr(self._real, name)


class _ReplayInteractions:
    __slots__ = ("_owner",)

    def __init__(self, owner: _Replay) -> None:
        self._owner = owner

    def log_at_account(self, **kwargs: Any) -> Any:
        owner = self._owner
        # The same keyword arguments the probe saw (a dict's ==, not a LogCall built again:
        # ~2 us a log on the writer's thread, min of 100,000).
        if owner.consumed or kwargs != owner._kwargs:  # noqa: SLF001
            raise Stale  # not the log the probe saw: the body is not what it seemed
        owner.consumed = True
        return owner._answer  # noqa: SLF001

    def __getattr__(self, name: str) -> Any:
        self._owner.other()
        return getattr(self._owner._real.interactions, name)  # noqa: SLF001


def run(unit: PgTx, jobs: list[Job]) -> list[tuple[bool, Any]]:
    """Every job in order in the caller's transaction, each run of two or more logs stored in
    one statement. A body's error propagates (the writer then replays the batch body by body);
    Stale when the shortcut does not hold (see the module docstring)."""
    seen = [probe(job) for job in jobs]
    calls = [got[0] if got is not None else None for got in seen]
    outcomes: list[tuple[bool, Any]] = []
    i = 0
    while i < len(jobs):
        j = i
        while j < len(jobs) and (call := calls[j]) is not None:
            j += 1
            if not call.with_next:
                break  # its body writes more after its log: the run's last
        if j - i < 2:  # not a log, or a log alone: nothing to share
            job = jobs[i]
            outcomes.append((True, job.fn(unit, *job.args, **job.kwargs)))
            i += 1
            continue
        run_calls = [c for c in calls[i:j] if c is not None]
        interactions = unit.interactions
        assert isinstance(interactions, PgInteractions)
        answers = interactions.log_many(run_calls)
        for k in range(i, j):
            job = jobs[k]
            got = seen[k]
            assert got is not None
            replay = _Replay(unit, got[1], answers[k - i], k == j - 1)
            result = job.fn(replay, *job.args, **job.kwargs)
            if not replay.consumed:
                raise Stale  # its log was stored, yet this time it did not ask for it
            outcomes.append((True, result))
        i = j
    return outcomes
