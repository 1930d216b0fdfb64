"""Taking an account out of its cadences from the chat: "tira a Alicerce da cadência",
"remove Acme from nurture". A card first; the button stops the enrolments the asker may see,
through the same transition as the reminder's own "stop" (cadence_jobs.workflow, audited).
"""

from __future__ import annotations

from typing import Any

from cadence_jobs import rules, workflow
from handlers.kernel import asking
from handlers.kernel.asking import Found
from handlers.kernel.context import Context
from handlers.kernel.markup import esc
from handlers.kernel.messages import Answer, Button, Incoming, Reply
from handlers.kernel.router import Router
from handlers.understanding.parse import Parsed
from storage.audit import Actor
from storage.errors import NotFound
from storage.interface import Tx

router = Router("cadence_unenrol")


def _open(
    tx: Tx, account_id: int, scope: list[int] | None, cadence: str | None, locale: str
) -> list[tuple]:
    """The account's active or paused enrolments owned inside the book, with cadence names."""
    names = {c.key: c.name(locale) for c in tx.cadences.list_all()}
    return [
        (e, names.get(e.cadence_key, e.cadence_key))
        for e in tx.enrolments.open_for_account(account_id)
        if (scope is None or e.owner_id in scope) and cadence in (None, e.cadence_key)
    ]


@asking.reruns("unenroll")
@router.intent("unenroll")
async def propose_unenrol(
    msg: Incoming, ctx: Context, parsed: Parsed, pinned: Found | None = None
) -> Answer:
    found = await asking.resolve(msg, ctx, parsed, pinned)
    if isinstance(found, Answer):
        return found
    account = found.account
    assert account is not None
    scope = await asking.owner_ids(ctx)
    rows = await ctx.store.read(_open, account.id, scope, parsed.cadence, ctx.locale)
    entities = {"account": account.name, **({"cadence": parsed.cadence} if parsed.cadence else {})}
    if not rows:
        key = "unenrol.none_in" if parsed.cadence else "unenrol.none"
        return Answer(
            [Reply(ctx.t(key, account=esc(account.name), cadence=esc(parsed.cadence or "")))],
            intent="unenroll",
            entities=entities,
        )
    labels = sorted({name for _, name in rows})
    text = ctx.t(
        "unenrol.propose", account=esc(account.name), cadences=", ".join(esc(n) for n in labels)
    )
    args = {"account": account.name, "enrolments": [e.id for e, _ in rows]}
    reply = Reply(
        text,
        private=True,
        buttons=(
            Button(ctx.t("unenrol.confirm"), "cadence.unenrol", args, style="danger"),
            Button(ctx.t("ask.cancel"), "ask.cancel"),
        ),
    )
    return Answer(
        [reply],
        intent="unenroll",
        entities=entities,
        data={"enrolments": args["enrolments"], "confirmed": False},
    )


@router.action("cadence.unenrol")
async def confirm_unenrol(msg: Incoming, ctx: Context, args: dict[str, Any]) -> Answer:
    assert ctx.person is not None
    actor, now = Actor.person(ctx.person.id), ctx.now()
    scope = await asking.owner_ids(ctx)

    def write(tx: Tx) -> list[int]:
        stopped = []
        for enrolment_id in args.get("enrolments", []):
            current = tx.enrolments.get(int(enrolment_id))
            if current is None or (scope is not None and current.owner_id not in scope):
                continue
            try:
                workflow.act(
                    tx,
                    actor=actor,
                    enrolment_id=current.id,
                    action="unenrol",
                    now=now,
                    options=ctx.options,
                )
            except (NotFound, rules.TransitionError):
                continue
            stopped.append(current.id)
        return stopped

    stopped = await ctx.store.write(write)
    if not stopped:
        return Answer([Reply(ctx.t("unenrol.gone"), edit=True)], intent="unenroll")
    return Answer(
        [Reply(ctx.t("unenrol.done", account=esc(str(args.get("account")))), edit=True)],
        intent="unenroll",
        data={"enrolments": stopped, "confirmed": True},
    )
