"""The manager's question "how is the team doing": pipeline, overdue work and touches per rep."""

from __future__ import annotations

from datetime import date, timedelta

from handlers.kernel import asking, lookup
from handlers.kernel.answers import answer, asker_zone, money
from handlers.kernel.context import Context
from handlers.kernel.markup import esc
from handlers.kernel.messages import Answer, Incoming
from handlers.kernel.router import Router
from handlers.understanding.parse import Parsed
from storage.interface import Tx
from storage.timefmt import to_db

router = Router("ask_team")


@router.intent("team")
async def team(msg: Incoming, ctx: Context, parsed: Parsed) -> Answer:
    return await team_view(ctx, parsed)


async def team_view(ctx: Context, parsed: Parsed, only: int | None = None) -> Answer:
    """The team's lines, or one rep's ("como tá a Carla?" from her manager)."""
    assert ctx.person is not None
    scope = await asking.owner_ids(ctx)
    day = asking.today(ctx)
    start = to_db(lookup.day_start_utc(day, asker_zone(ctx)))
    week_ago = to_db(ctx.now() - timedelta(days=7))
    view = await ctx.store.read(_team_view, scope, start, day, week_ago)
    currency = view["currency"]
    lines = [ctx.t("ask.team.title")]
    data = []
    for person in view["people"]:
        if only is not None and person.id != only:
            continue
        pipe = view["pipeline"].get(person.id)
        behind = view["behind"].get(person.id)
        row = {
            "person": person.name,
            "count": pipe.count if pipe else 0,
            "weighted": round(pipe.weighted, 2) if pipe else 0.0,
            "overdue": (behind.steps + behind.follow_ups) if behind else 0,
            "touches_7d": view["touches"].get(person.id, 0),
        }
        data.append(row)
        lines.append(
            ctx.t(
                "ask.team.line",
                name=esc(person.name),
                count=ctx.tn("ask.team.deals", row["count"]),
                weighted=money(ctx, row["weighted"], currency),
                behind=ctx.tn("ask.team.behind", row["overdue"]),
                touches=ctx.tn("ask.team.touches", row["touches_7d"]),
            )
        )
    return answer(parsed, "\n".join(lines), {"people": data, "currency": currency})


def _team_view(tx: Tx, scope, start: str, day: date, week_ago: str) -> dict:
    """The sellers in scope: every rep, and a manager or admin only when they carry deals or
    due work themselves (the one asking is not a line of zeros in her own team)."""
    listed = (
        tx.people.list_people() if scope is None else [tx.people.get_person(pid) for pid in scope]
    )
    pipeline = {r.owner_id: r for r in tx.deals.pipeline_by_owner(scope)}
    behind = {b.owner_id: b for b in tx.interactions.behind_by_owner(scope, start, day)}
    sellers = [
        p for p in listed if p.active and (p.role == "rep" or p.id in pipeline or p.id in behind)
    ]
    return {
        "people": sellers,
        "pipeline": pipeline,
        "behind": behind,
        "touches": tx.interactions.touches_by_person(scope, week_ago),
        "currency": tx.deals.main_currency(scope),
    }
