"""`ritmo seed --synthetic`: a deterministic synthetic dataset for benchmarks and load tests."""

from __future__ import annotations

import argparse
import asyncio
import time

from bot.commands.common import opened_app, print_json, say
from bot.config import Settings
from bot.errors import UserError
from storage.seeding import SyntheticSpec


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("seed", help="generate a synthetic dataset into RITMO_DB")
    p.add_argument("--synthetic", action="store_true", help="generate synthetic data")
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--accounts", type=int, default=200)
    p.add_argument("--deals", type=int, default=300)
    p.add_argument("--interactions", type=int, default=5_000)
    p.add_argument("--enrolments", type=int, default=500)
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=seed)


def seed(args: argparse.Namespace, settings: Settings) -> int:
    if not args.synthetic:
        raise UserError(say(settings, "cli.seed_needs_flag"))
    if (
        args.reps < 1
        or args.accounts < 1
        or min(args.deals, args.interactions, args.enrolments) < 0
    ):
        raise UserError(say(settings, "cli.seed_positive"))
    spec = SyntheticSpec(
        reps=args.reps,
        accounts=args.accounts,
        deals=args.deals,
        interactions=args.interactions,
        enrolments=args.enrolments,
        seed=args.seed,
    )

    async def go():
        async with opened_app(settings, must_exist=False) as app:
            assert app.store is not None
            started = time.perf_counter()
            counts = await app.store.write(lambda tx: tx.seeding.seed_synthetic(spec, app.now()))
            return counts, time.perf_counter() - started

    counts, seconds = asyncio.run(go())
    rate = counts.total / seconds if seconds else 0.0
    if args.json:
        print_json(
            {**counts.__dict__, "rows": counts.total, "seconds": seconds, "rows_per_s": rate}
        )
    else:
        detail = ", ".join(f"{k} {v}" for k, v in counts.__dict__.items())
        print(
            say(
                settings,
                "cli.seed_done",
                rows=counts.total,
                seconds=seconds,
                rate=rate,
                detail=detail,
            )
        )
    return 0
