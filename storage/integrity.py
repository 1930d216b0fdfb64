"""Whether a store is sound, on either backend: "ok", or one line naming the first problem.

SQLite: the full `PRAGMA integrity_check` (pages, and indexes against tables). PostgreSQL enforces keys and
checks at every commit, so what is left to verify is the storage itself: amcheck's
`bt_index_check` with `heapallindexed` on every index of ritmo's schema (the counterpart of
SQLite's index-versus-table cross check), and no constraint left NOT VALID.
"""

from __future__ import annotations

from pathlib import Path

from storage import backends


def check(url: str | Path) -> str:
    """ "ok", or the first problem found in the store at `url` (a path or a server URL)."""
    if backends.backend_of(url) == "sqlite":
        from storage.sqlite.integrity import full_check

        return full_check(url)
    from storage.postgres.integrity import check as check_server

    return check_server(str(url))
