"""Name narrowing in SQLite: the few hundred accounts or contacts a typed name could mean.

A word index with 3-letter prefixes (FTS5, migration 0004) finds names containing every word
typed; when a typo leaves nothing, names whose words start like every typed word's first
three letters come back instead ("padria silva" -> pad* sil*). The caller ranks the
candidates with rapidfuzz. Visibility is part of the same query (storage.books): a rep never
gets a candidate outside their book.

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/search.py.
"""

from __future__ import annotations

from dataclasses import dataclass

LIMIT = 200


@dataclass(frozen=True)
class NameRow:
    """A candidate: an account, or a contact with the account it belongs to."""

    id: int
    name: str
    account_id: int | None = None
    account_name: str | None = None


def _words(key: str) -> list[str]:
    return [w for w in key.split() if w.isalnum()]


def _prefix_query(key: str) -> str | None:
    # Slips are rare in a word's first letters; words under three letters say too little.
    heads = [w[:3] for w in _words(key) if len(w) >= 3]
    return " ".join(f'"{h}"*' for h in heads) if heads else None
