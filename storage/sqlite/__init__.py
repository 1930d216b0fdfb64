"""The SQLite backend: one file, WAL, one group-committing writer (the default store).

Everything SQLite-only lives here: one repository class per module (accounts.py holds
SqliteAccounts, deals.py SqliteDeals, ...; the records they return stay backend-neutral in
storage/<module>.py), the unit of work bundling them (repositories.py), the connection handling
and group commit (db.py), and the checks run on open (integrity.py, name_keys.py,
safety_copy.py). Its schema is in storage/migrations/ (kept there: packaging and the migration
numbering other work relies on name that folder).
"""

from __future__ import annotations

from storage.sqlite.store import (
    SqliteStore,
    SqliteSyncStore,
    compact,
    connect,
    connect_sync,
    path_of,
)

__all__ = ["SqliteStore", "SqliteSyncStore", "compact", "connect", "connect_sync", "path_of"]
