"""Is the store's file sound? SQLite's own quick check, bounded in time, before it is used.

A file with damaged pages opens and answers queries: a lookup that hits the damage finds
nothing ("that account doesn't exist"), an export stops early, and a backup copies the damage
and says it worked. `PRAGMA quick_check` reads every page and catches that (it skips only the
index-versus-table cross check of `integrity_check`, which costs several times more).
"""

from __future__ import annotations

import logging
import sqlite3
import time
from pathlib import Path

from storage.errors import StoreCorrupt

log = logging.getLogger(__name__)

# At start the check must not hold the bot back on a very large file: after this long it stops
# and the start goes on (logged). Before a backup it always runs to the end.
START_BUDGET_SECONDS = 10.0
_PROGRESS_OPS = 10_000  # SQLite VM steps between looks at the clock


def check(conn: sqlite3.Connection, path: str | Path, budget: float | None = None) -> bool:
    """Raise StoreCorrupt if SQLite finds damage; True if the whole file was checked.

    Args:
        conn: an open connection to the store (no transaction of its own open).
        path: the file, named in the error.
        budget: seconds the check may take; None runs it to the end.

    Raises:
        StoreCorrupt: the file's pages or structure are damaged.
    """
    deadline = None if budget is None else time.monotonic() + budget
    if deadline is not None:
        conn.set_progress_handler(lambda: int(time.monotonic() > deadline), _PROGRESS_OPS)
    try:
        found = [row[0] for row in conn.execute("PRAGMA quick_check(1)").fetchall()]
    except sqlite3.OperationalError as exc:
        if deadline is not None and "interrupt" in str(exc):
            log.warning(
                "store integrity check stopped after %.0f s (a large file); "
                "run `ritmo backup` to check it fully",
                budget,
            )
            return False
        raise StoreCorrupt(str(path), _one_line([exc])) from exc
    except sqlite3.DatabaseError as exc:  # "database disk image is malformed" and its kin
        raise StoreCorrupt(str(path), _one_line([exc])) from exc
    finally:
        if deadline is not None:
            conn.set_progress_handler(None, 0)
    if found != ["ok"]:
        raise StoreCorrupt(str(path), _one_line(found))
    return True


def _one_line(found: list[object]) -> str:
    """SQLite's report as one short line (it spans lines and names the schema `main`)."""
    text = " ".join(
        " ".join(str(f) for f in found).replace("*** in database main ***", "").split()
    )
    return text if len(text) <= 160 else text[:159] + "…"


def full_check(path: str | Path) -> str:
    """ "ok", or the first problem of the full `PRAGMA integrity_check` (the index-versus-table
    cross check included): for soaks and audits, where its cost is fine."""
    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=30)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    except sqlite3.DatabaseError as exc:  # too damaged to even walk ("malformed")
        return str(exc).splitlines()[0]
    finally:
        conn.close()
