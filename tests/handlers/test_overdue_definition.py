"""One definition of overdue: the digest and "quem está atrasado?" agree, and a step due
earlier today is today's work, not late (metric_windows.overdue_before)."""

from __future__ import annotations

from bot.config import Settings
from cadence_jobs import workflow
from cadence_jobs.jobs import install_cadences
from handlers.kernel.context import Options
from storage.interface import Tx
from storage.timefmt import from_db
from tests.handlers.conftest import NOW, SYSTEM


async def test_the_digest_and_who_is_behind_count_the_same_overdue_steps(stub_chat) -> None:
    def enrol_two(tx: Tx):
        install_cadences(tx, Settings())
        for account, due in (
            ("Padaria Silva Ltda", "2026-11-18T12:00:00+00:00"),  # 09:00 today
            ("ACME Indústria S.A.", "2026-11-17T12:00:00+00:00"),
        ):  # yesterday
            enrolment = workflow.enrol(
                tx,
                actor=SYSTEM,
                cadence_key="nurture",
                account_id=stub_chat.ids[account],
                owner_id=stub_chat.ids["Ana"],
                now=NOW,
                options=Options(),
            )
            tx.enrolments.shift_due(SYSTEM, enrolment, from_db(due), NOW, "test")

    await stub_chat.store.write(enrol_two)
    behind = await stub_chat.say("Marina", "quem está atrasado?")
    digest = await stub_chat.say("Marina", "digest")
    assert behind.intent == "overdue" and digest.intent == "digest"
    [ana] = behind.data["people"]
    [late] = (
        digest.data["teams"][0]["overdue"] if "teams" in digest.data else digest.data["overdue"]
    )
    assert ana["steps"] == 1 and late["count"] == 1
