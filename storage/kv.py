"""Small named values the process keeps across restarts (e.g. the Telegram polling offset).

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/kv.py.
"""

from __future__ import annotations

# What the health probe tries to make room for: enough new pages that a store which can only
# rewrite the pages it has (a full disk, a page limit) fails the probe as it fails a new row.
SPACE_PROBE_BYTES = 64 * 1024
