"""The soak, short, on PostgreSQL with two `ritmo run` processes behind a balancer: the leader
of the periodic jobs (which also holds both platforms' delivery) is SIGKILLed, and the other
process takes its roles once the leases expire, while the load, the platform faults and
Telegram's webhook deliveries go on. Every promise holds at the end: nothing acknowledged lost
or stored twice, every reminder and digest sent once (outside the crash window), the store
sound, and never two holders of one role at the same moment."""

from __future__ import annotations

import asyncio

from benchmarks import soak


def test_two_processes_on_postgresql_survive_the_leader_s_sigkill(tmp_path) -> None:
    args = soak.parse_args(
        [
            "--store",
            "postgres",
            "--processes",
            "2",
            "--seconds",
            "12",
            "--reps",
            "30",
            "--per-minute",
            "6",
            "--kill-every",
            "6",
            # Leases of 3 s instead of 15: the killed leader's roles move and its messages are
            # freed (presence, 2 × ttl) within seconds rather than half a minute, same rules.
            "--lease-ttl",
            "3",
            "--workdir",
            str(tmp_path),
        ]
    )
    report = asyncio.run(soak.soak(args))
    assert report["sigkills"] >= 1 and report["acked_logs"] > 0, report
    assert any(
        entry.endswith(" leader") and "SIGKILL" in entry for entry in report["fault_log"]
    ), report["fault_log"]
    # The jobs leader was killed, and the role moved to another holder (the survivor, or
    # the restarted process under its new name); never two holders at once.
    assert report["handovers"] and all(h["taken_by"] for h in report["handovers"]), report
    # ...within the 3 s leases (plus a renewal and the watch's poll): with the default 15 s
    # leases, renewed every 5 s, a handover takes at least 10 s.
    assert all(h["after_s"] < 10 for h in report["handovers"]), report["handovers"]
    assert report["most_holders_at_once"] == 1, report
    assert report["reminders_sent"] == 30, report
    assert report["digests_sent"] == report["digests_due"] > 0, report
    failed = [name for name, ok in report["invariants"].items() if not ok]
    said = {k: report.get(k) for k in ("drained", "drain_s", "due_undelivered", "error_lines")}
    assert not failed, (failed, said, report)
