"""Erasing one contact (LGPD): her text in every table, then the store's files themselves.

Rewriting the rows is not enough for "no byte of her remains". An external-content full-text
index only adds a tombstone (with her words in it) when a row changes, and keeps the old words
until its segments merge; SQLite leaves deleted cells and freed pages as they were unless
secure_delete was on when they were freed; and the WAL keeps old page images until a
checkpoint truncates it. So `forget` rewrites with secure_delete on and rebuilds the full-text
indexes in the same transaction, and `storage.compaction.compact` then VACUUMs and empties
the WAL.

Looking for her reads every text of every table, which takes long on a large store; the bot
must not wait that long for the write lock. So `survey` looks on a read snapshot (a WAL reader
blocks nobody) and `forget`, in the write transaction, rewrites what the survey found and what
was written since.

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/erasure.py.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

Rewrite = Callable[[str], str]
Changes = dict[int, tuple[str, str]]  # rowid -> (old text, new text)

# A linked text this long, found verbatim elsewhere (the inbox's raw message, a pending card's
# arguments), is a copy of it and is rewritten the same way; a shorter one could be anything.
MIN_COPY = 16


@dataclass(frozen=True)
class Scrub:
    """How she is blanked out of a text, at three reaches (built by handlers.transfer.redact).

    Each rewrite returns the text with her replaced by `marker`, or the same text.
    `everywhere` runs on every text of the store, `about_her` on rows linked to her contact,
    `about_company` on rows linked to her company and on any text that `names_company`.
    Every text a rewrite changes holds one of `words` in some case or accent, or a JSON escape,
    or one of `digits` in order: the store offers the rewrites only such texts (sifted in SQL).
    """

    marker: str
    everywhere: Rewrite
    about_her: Rewrite
    about_company: Rewrite
    names_company: Callable[[str], bool]
    words: tuple[str, ...] = ()
    digits: tuple[str, ...] = ()


@dataclass(frozen=True)
class Survey:
    """Where the sweep of every table found her, and how far each table went at the time."""

    found: Mapping[tuple[str, str], tuple[int, ...]]  # (table, column) -> rowids
    last_rowid: Mapping[str, int]
