"""The copies of the store that ritmo itself made, remembered so an erasure can name them.

`ritmo backup FILE` and the copy `ritmo restore --force` keeps of the store it replaces are
whole copies: whatever a later `privacy forget` erases is still in them. They are kept in `kv`
(one key per copy) rather than a table of their own: a schema migration for a list this small
would cost every store a version bump.

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/backups.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: str
