"""`ritmo` with its clock moved by a fixed offset: how the soak runs a real `ritmo run` process
at a moment it chose (a Thursday evening after the digest time, say) instead of whenever the
machine happens to run it.

    python -m benchmarks.shifted_clock OFFSET_SECONDS run

Every part of ritmo reads the time through `cadence_jobs.clock.utc_now` (the app's `now`, the
jobs, the installers). The shifted function replaces it before `bot.cli` is imported, so the
modules that bind it by name get the shifted one; the check below fails loudly if that ever
stops being true rather than letting a soak quietly run on the wall clock again.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta


def shifted(real: Callable[[], datetime], offset: timedelta) -> Callable[[], datetime]:
    def utc_now() -> datetime:
        return real() + offset

    return utc_now


def main(argv: Sequence[str]) -> int:
    from cadence_jobs import clock

    if "bot.app" in sys.modules:
        raise RuntimeError("shift the clock before ritmo's modules are imported")
    clock.utc_now = shifted(clock.utc_now, timedelta(seconds=float(argv[0])))

    from bot import app, cli
    from cadence_jobs import jobs

    if app.utc_now is not clock.utc_now or jobs.utc_now is not clock.utc_now:
        raise RuntimeError("a module reads the wall clock past cadence_jobs.clock.utc_now")
    return cli.main(list(argv[1:]))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
