"""The lookup lane's waiting senders in one statement (issue 16).

Why: every typed message starts with one lookup, its sender and the book's names version
(handlers/kernel/dispatch.py `_sender`), and the lane ran each as its own one-row SELECT: ~70 us
of the lane thread's CPU a log, ~25 of it in the kernel (benchmarks/RESULTS.md, pg24), and that
thread's Python holds the same GIL as the parser. The lane already takes every call waiting in
one turn; here their senders are read together (`PgPeople.senders`), then each call runs on a
unit that answers its sender from that read.

How, with no caller changing (as storage/postgres/log_batch.py does for logs): each call is
started on a probe unit that stops it at its first use of the store; a call whose first use is
`tx.people.person_and_names_version(platform, external_id)` or `person_for_identity(...)` is a
sender lookup, and the probe keeps the identity. A lookup changes nothing and runs in autocommit,
so after its sender is answered a call goes on on the real unit as before; a call that asks for
anything else first, or for another identity, gets the real unit's answer.
"""

from __future__ import annotations

from typing import Any, NoReturn

from storage.people import Person
from storage.postgres.people import PgPeople

_WITH_VERSION = "person_and_names_version"
_PERSON_ONLY = "person_for_identity"


class _Asked(BaseException):
    """The probe's stop at a sender lookup: which method and identity."""

    def __init__(self, method: str, identity: tuple[str, str]) -> None:
        super().__init__()
        self.method = method
        self.identity = identity


class _Other(BaseException):
    """The probe's stop at anything else."""


class _ProbePeople:
    __slots__ = ()

    def person_and_names_version(self, platform: str, external_id: str) -> NoReturn:
        raise _Asked(_WITH_VERSION, (platform, external_id))

    def person_for_identity(self, platform: str, external_id: str) -> NoReturn:
        raise _Asked(_PERSON_ONLY, (platform, external_id))

    def __getattr__(self, name: str) -> NoReturn:
        raise _Other


class _Probe:
    __slots__ = ()
    people = _ProbePeople()

    def __getattr__(self, name: str) -> NoReturn:
        raise _Other


_PROBE = _Probe()


def probe(fn: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> _Asked | None:
    """The sender lookup a call starts with, or None (it starts with anything else, or fails:
    it then runs, and fails, the plain way)."""
    try:
        fn(_PROBE, *args, **kwargs)
    except _Asked as asked:
        if all(isinstance(part, str) for part in asked.identity):
            return asked
        return None
    except (_Other, Exception):
        return None
    return None


class Answered:
    """A unit for one call whose sender was read with the others: the real unit otherwise."""

    __slots__ = ("_real", "_asked", "_found", "_used", "people")

    def __init__(self, real: Any, asked: _Asked, found: tuple[Person, int] | None) -> None:
        self._real = real
        self._asked = asked
        self._found = found
        self._used = False
        self.people = _AnsweredPeople(self)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


class _AnsweredPeople:
    __slots__ = ("_owner",)

    def __init__(self, owner: Answered) -> None:
        self._owner = owner

    def _answer(self, method: str, platform: str, external_id: str) -> Any:
        owner = self._owner
        if owner._used or owner._asked.identity != (platform, external_id):  # noqa: SLF001
            return getattr(owner._real.people, method)(platform, external_id)  # noqa: SLF001
        owner._used = True  # noqa: SLF001
        found = owner._found  # noqa: SLF001
        if method == _WITH_VERSION:
            return found
        return found[0] if found is not None else None

    def person_and_names_version(self, platform: str, external_id: str) -> Any:
        return self._answer(_WITH_VERSION, platform, external_id)

    def person_for_identity(self, platform: str, external_id: str) -> Any:
        return self._answer(_PERSON_ONLY, platform, external_id)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._owner._real.people, name)  # noqa: SLF001


def read_together(people: PgPeople, asked: list[_Asked | None]) -> list[Any]:
    """Each probed call's sender, read in one statement: per call, (found,) or None for a call
    that asked for no sender. Only worth it for two or more."""
    wanted = [a.identity for a in asked if a is not None]
    found = iter(people.senders(wanted))
    return [(next(found),) if a is not None else None for a in asked]
