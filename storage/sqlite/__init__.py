"""The SQLite backend: one file, WAL, one group-committing writer (the default store).

Its SQL lives in the repository modules of storage/ (accounts.py, deals.py, ...), its schema
in storage/migrations/, its connection handling in storage/sqlite/db.py; this package puts them
behind the storage interface.
"""

from __future__ import annotations

from storage.sqlite.store import SqliteStore, SqliteSyncStore, connect, connect_sync, path_of

__all__ = ["SqliteStore", "SqliteSyncStore", "connect", "connect_sync", "path_of"]
