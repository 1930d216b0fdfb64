"""The soak, short: ~20 s of a 40-rep team on both fake platforms with every fault, SIGKILLs
included; every promise checked at the end holds.

The bot runs on the soak's clock (a Thursday evening, after the digest time), never on the
machine's: its own digest job queues that day's digests while the soak queues Friday's, and
every one of them goes out once, at whatever hour CI runs this.

SQLite only: the soak harness keeps its store as a file in its workdir, and its SIGKILL restarts
expect a restarted process to take a killed one's messages at once, which on PostgreSQL waits
for the killed process's presence lease to expire (30 s; see test_telegram.py)."""

from __future__ import annotations

import asyncio

from benchmarks import soak


def test_short_soak_keeps_every_promise(tmp_path) -> None:
    args = soak.parse_args(
        [
            "--seconds",
            "20",
            "--reps",
            "40",
            "--per-minute",
            "6",
            "--kill-every",
            "8",
            "--workdir",
            str(tmp_path),
        ]
    )
    report = asyncio.run(soak.soak(args))
    assert report["sigkills"] >= 1 and report["faults"] >= 2
    assert report["acked_logs"] > 0 and report["button_presses"] > 0
    assert report["reminders_sent"] == 40
    # The bot's own job added Thursday's digests to the soak's Friday ones; all were sent.
    assert report["digests_sent"] == report["digests_due"] > report["digests_queued"] > 0
    failed = [name for name, ok in report["invariants"].items() if not ok]
    assert not failed, report
