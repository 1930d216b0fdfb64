"""Leases: a named role (`jobs`, `delivery:telegram`) held by one process until a time.

Several ritmo processes on one PostgreSQL agree on who runs the periodic jobs and who delivers
to each platform through a row per role: a holder renews it well before it expires, and any
other process takes it over once it has expired. A row, not an advisory lock: those break
behind pgbouncer's transaction pooling and are missing on some PostgreSQL-compatible engines.
On SQLite there is one process (the run lock guarantees it), which simply holds every lease.

Backend-neutral: the record every backend returns. The SQL is storage/sqlite/leases.py and
storage/postgres/leases.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# Every process renews a lease named this + its holder name, so each sees the others; a row
# claimed by a holder whose presence lease has expired belongs to a dead process and is free at
# once, without waiting out the claim (a live process keeps its claims however slow a round).
PRESENCE = "process:"


@dataclass(frozen=True)
class Lease:
    """One held role: who holds it, since when, when it was last renewed and until when."""

    name: str
    holder: str
    acquired_at: datetime | None
    renewed_at: datetime | None
    expires_at: datetime
