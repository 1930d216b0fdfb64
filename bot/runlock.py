"""Whether `ritmo run` is using a store: an advisory lock on a file beside it.

A big import holds SQLite's write lock for one long transaction (a 300k-row file: ~35 s), and a
bot running on the same file meanwhile gets "database is locked" and a 503 health; so such an
import is refused while the bot runs, with a sentence saying so, instead of stalling it
silently. The lock is the operating system's (flock): it goes when the process does, even
killed with SIGKILL, so a crashed bot never leaves a stale "running" mark behind.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import IO

try:
    import fcntl
except ImportError:  # pragma: no cover - not POSIX: no lock, nothing refused
    fcntl = None  # type: ignore[assignment]


def lock_path(db_path: Path) -> Path:
    return Path(f"{db_path}.run-lock")


class RunLock:
    """Held by `ritmo run` for its whole life; the file says which process holds it."""

    def __init__(self, db_path: Path) -> None:
        self.path = lock_path(db_path)
        self._file: IO[str] | None = None

    def acquire(self) -> bool:
        """Take the lock; False when another process holds it (the bot runs anyway)."""
        if fcntl is None:
            return True
        handle = open(self.path, "a+", encoding="utf-8")  # noqa: SIM115 - held until release
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        handle.truncate(0)
        handle.write(str(os.getpid()))
        handle.flush()
        self._file = handle
        return True

    def release(self) -> None:
        if self._file is not None:
            with contextlib.suppress(OSError):
                self._file.truncate(0)
            self._file.close()  # closing drops the flock
            self._file = None


def holder(db_path: Path) -> int | None:
    """The pid of the `ritmo run` using this store (0 if it can't be read), or None."""
    path = lock_path(db_path)
    if fcntl is None or not path.exists():
        return None
    with open(path, encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            text = handle.read().strip()
            return int(text) if text.isdigit() else 0
        fcntl.flock(handle, fcntl.LOCK_UN)
    return None
