"""Calls to the optional language model: the per-person limit, the team budget, the tally.

A call is reserved (a 'pending' row) in the same transaction that checks the limits, so two
messages arriving together cannot both slip under the last unit of an allowance; it is
finished with its outcome once the endpoint answered or failed.

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/ai_calls.py.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Refused:
    """Why no call may be made now: `person` (hourly limit) or `team` (daily budget)."""

    why: str


@dataclass(frozen=True)
class Tally:
    """Calls made since a moment, by outcome, with the tokens they cost."""

    by_outcome: dict[str, int]
    prompt_tokens: int
    completion_tokens: int
