"""Errors the store raises, each carrying a sentence a person can act on."""

from __future__ import annotations


class StoreError(Exception):
    """Something about the store itself is wrong (version, file, constraint).

    Subclasses that a person meets at the command line carry their facts as attributes, so
    the CLI can say them in the person's language (the store itself speaks no language).
    """


class StoreTooNew(StoreError):
    """The file was written by a newer ritmo; opening it with this code could corrupt it."""

    def __init__(self, version: int, latest: int) -> None:
        super().__init__(
            f"the store is at schema version {version} but this ritmo only knows "
            f"up to {latest}; upgrade ritmo or open a different RITMO_DB"
        )
        self.version, self.latest = version, latest


class FolderMissing(StoreError):
    """RITMO_DB names a file in a folder that does not exist (never created silently)."""

    def __init__(self, folder: str) -> None:
        super().__init__(f"the folder {folder} does not exist; create it or fix RITMO_DB")
        self.folder = folder


class NotAStore(StoreError):
    """The file exists but is not an SQLite database ritmo can use."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path} is not a ritmo store ({reason})")
        self.path, self.reason = path, reason


class ConstraintError(StoreError):
    """A write broke a rule of the schema (a duplicate, a missing reference, a bad value)."""


class NotFound(StoreError):
    """A record asked for by id or name does not exist (or is not visible to the asker)."""


class StoreUnavailable(StoreError):
    """The store can't take writes for a reason outside any one request: the disk is full, or
    the file can't be written (an I/O error), or a database server is away (restarting, failing
    over). The same write may well succeed later, so callers retry it instead of blaming what
    they were asked to do.

    `kind` is "full", "io", "reconnecting" (the server can't be reached; nothing was written) or
    "commit_unknown" (the connection broke while COMMIT was on its way: the write may or may
    not be stored, and only a retry that its dedupe key makes harmless can tell; see DESIGN.md
    "PostgreSQL: when the server goes away"); `sentence` says it for an operator.
    """

    SENTENCES = {
        "full": "disk full",
        "io": "disk I/O error",
        "reconnecting": "reconnecting",
        "commit_unknown": "connection lost during commit",
    }

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"the store can't write ({self.SENTENCES[kind]}): {detail}")
        self.kind = kind
        self.sentence = self.SENTENCES[kind]


class StoreCorrupt(StoreError):
    """SQLite's integrity check found damaged pages: using the file would hide or spread it."""

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(f"{path} is damaged ({detail}); restore the latest good backup")
        self.path, self.detail = path, detail
