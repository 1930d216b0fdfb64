"""Marks for alerts already raised (idle deals and accounts), one per item and quiet period.

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/alerts.py.
"""

from __future__ import annotations
