"""Names learned from use: the phrase a rep typed, and the account they picked for it.

A rep who answers "which one?" has told ritmo what that phrase means *to them*; kept per
person, so one rep's "a padaria" never decides another's. The phrase is stored as its name
key (storage.text.name_key), the form every name lookup compares.

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/aliases.py.
"""

from __future__ import annotations

MAX_PHRASE = 200  # a phrase is a few words; longer is a sentence, not a name
