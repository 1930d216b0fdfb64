"""Contacts' opt-outs: channels a contact must never be reached on, for good.

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/consents.py.
"""

from __future__ import annotations
