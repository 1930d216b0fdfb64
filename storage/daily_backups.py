"""Daily online copies of the store in a folder, the newest `keep` of them kept.

Backups nobody has to remember: `ritmo run` with `[backup] folder = …` (or RITMO_BACKUP_FOLDER)
copies the store once a day with SQLite's online backup API, which is safe while the bot
writes. The time of each copy is in its file name (`ritmo-20261123T120000Z.db`), so the folder
itself is the record: after a restart, `/healthz` and the next "is one due?" read it from
there, and an operator sees at a glance which day each file holds. Every copy is also
remembered in `kv` (storage/backups.py), so `ritmo privacy forget` can name the copies that
still hold what it erases.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from storage import interface
from storage.sqlite.db import Store

EVERY = timedelta(days=1)
_STAMP = "%Y%m%dT%H%M%SZ"


def name_for(store: Path, at: datetime) -> str:
    """The file name of the copy of `store` taken at `at` (UTC)."""
    return f"{store.stem}-{at.astimezone(UTC).strftime(_STAMP)}{store.suffix}"


def taken(folder: Path, store: Path) -> list[tuple[datetime, Path]]:
    """The copies of `store` in `folder`, oldest first; other files there are left alone."""
    pattern = re.compile(rf"{re.escape(store.stem)}-(\d{{8}}T\d{{6}}Z){re.escape(store.suffix)}")
    found = []
    for path in folder.glob(f"{store.stem}-*{store.suffix}") if folder.is_dir() else ():
        match = pattern.fullmatch(path.name)
        if match:
            found.append((datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC), path))
    return sorted(found)


def last(folder: Path, store: Path) -> datetime | None:
    """When the newest copy was taken, or None if there is none."""
    copies = taken(folder, store)
    return copies[-1][0] if copies else None


def due(folder: Path, store: Path, now: datetime) -> bool:
    """True when no copy was taken in the last day."""
    newest = last(folder, store)
    return newest is None or now - newest >= EVERY


async def take(store: Store, folder: Path, now: datetime) -> Path:
    """Write an online copy of `store` into `folder` (created if missing) and remember it.

    Written under a temporary name and renamed, so a copy cut off half-way never counts as
    the newest one.
    """
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name_for(store.path, now)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    await store.backup(partial)
    partial.replace(target)
    await store.write(lambda tx: tx.backups.remember(target, now))
    return target


def rotate(folder: Path, store: Path, keep: int) -> list[Path]:
    """Delete all but the newest `keep` copies; returns the deleted ones."""
    copies = taken(folder, store)
    gone = [path for _, path in copies[: max(0, len(copies) - keep)]]
    for path in gone:
        path.unlink(missing_ok=True)
    return gone


async def run_daily(store: interface.Store, folder: Path, keep: int, now: datetime) -> Path | None:
    """The scheduler's tick: take a copy if one is due, then rotate. Returns the new copy.

    The copies are of the SQLite file; a store of another backend has none to take here.
    """
    if not isinstance(store, Store):
        return None
    if not due(folder, store.path, now):
        return None
    copy = await take(store, folder, now)
    rotate(folder, store.path, keep)
    return copy
