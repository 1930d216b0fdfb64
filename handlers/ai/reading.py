"""When the model is asked, and what comes back: a checked reading, or the rules' answer.

The model is asked only when the rules are unsure (no intent, or a name with no request) and
only within the asker's hourly limit and the team's daily budget. Whatever goes wrong
(timeout, error, refusal, invalid JSON, a value outside the schema, a reading missing what
its intent needs) ends the same way: the rules' reading is used, and the call is logged once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from handlers.ai import prompt, schema
from handlers.ai.port import AIFailure, Model
from handlers.ai.schema import Invalid, Reading, Vocabulary
from handlers.kernel import asking, lookup
from handlers.kernel.context import Context
from handlers.understanding.parse import Parsed
from storage.ai_calls import Refused

# What the rules say when they did not read a request: the model may try.
UNSURE = ("unknown", "unclear")
# Outcomes as the metrics name them (client failures folded into these four).
_OUTCOMES = {"timeout": "timeout", "invalid": "invalid"}


@dataclass(frozen=True)
class Consulted:
    """How asking the model went: a reading, or why there is none (`refused`: person|team)."""

    outcome: str
    reading: Reading | None = None
    refused: str | None = None
    model: str = ""


def model_of(ctx: Context) -> Model | None:
    """The configured model endpoint, when messages may be read by it."""
    model = ctx.services.get("ai")
    return model if model is not None and getattr(model, "model", None) else None


def unsure(rules: Parsed) -> bool:
    """Whether the rules left this message unread (never asked for a confident reading)."""
    return (
        rules.intent in UNSURE
        and not rules.command
        and rules.problem is None
        and bool(rules.text.strip())
    )


async def vocabulary(text: str, ctx: Context) -> Vocabulary:
    """The asker's names the model may pick from: those the message seems to mention, then the
    whole book when it is small."""
    assert ctx.person is not None
    book = await lookup.book_for(ctx.store, ctx.person, ctx.services)
    names: dict[str, None] = {}
    for mention in book.mentions(text):
        for account_id in mention.account_ids:
            name = book.account_name(account_id)
            if name:
                names[name] = None
    if len(book.accounts) <= schema.MAX_CANDIDATES:
        names.update(dict.fromkeys(sorted(book.accounts.values())))
    stages = tuple(key for key, _, _ in asking.stage_words(ctx))
    cadences = tuple(key for key, _, _ in ctx.services.get("cadence_words", ()))
    return Vocabulary(tuple(names)[: schema.MAX_CANDIDATES], stages, cadences)


async def reserve(ctx: Context, model: Model, kind: str, name: str) -> int | Refused:
    """One call reserved against the asker's hour and the team's day, or why not."""
    assert ctx.person is not None
    day_start = lookup.day_start_utc(
        asking.today(ctx), lookup.zone(ctx.person, ctx.options.default_timezone)
    )
    return await ctx.store.write_light(
        lambda tx, *args: tx.ai_calls.reserve(*args),
        ctx.person.id,
        ctx.person.team_id,
        kind,
        name,
        ctx.now(),
        day_start,
        model.hourly_limit,
        model.daily_budget,
    )


async def settle(
    ctx: Context, model: Model, call_id: int, kind: str, outcome: str, report: Any
) -> None:
    """Record how a reserved call went: in the ledger, the log and the metrics."""
    latency = round(report.latency * 1000) if report else 0
    tokens = (report.prompt_tokens, report.completion_tokens) if report else (0, 0)
    await ctx.store.write_light(lambda tx: tx.ai_calls.finish(call_id, outcome, latency, *tokens))
    model.observe(kind, outcome, report)


async def consult(text: str, ctx: Context, rules: Parsed) -> Consulted | None:
    """Ask the model to read `text` when the rules are unsure; None when it is not asked."""
    model = model_of(ctx)
    if model is None or ctx.person is None or not unsure(rules):
        return None
    name = str(model.model)
    vocab = await vocabulary(text, ctx)
    call = await reserve(ctx, model, "read", name)
    if isinstance(call, Refused):
        model.observe("read", "limited", None)
        return Consulted("limited", refused=call.why, model=name)
    messages = prompt.messages(text, ctx.locale, asking.today(ctx), vocab, model.send_contact_data)
    try:
        done = await model.complete(messages, schema.build(vocab))
    except AIFailure as failed:
        outcome = _OUTCOMES.get(failed.outcome, "fallback")
        await settle(ctx, model, call, "read", outcome, failed.report)
        return Consulted(outcome, model=name)
    try:
        reading = complete_enough(schema.validate(done.content, vocab))
    except Invalid:
        await settle(ctx, model, call, "read", "invalid", done.report)
        return Consulted("invalid", model=name)
    outcome = "fallback" if reading.intent == "unknown" else "used"
    await settle(ctx, model, call, "read", outcome, done.report)
    return Consulted(outcome, reading if outcome == "used" else None, model=name)


def complete_enough(reading: Reading) -> Reading:
    """A write must say what it writes to: one of the asker's accounts (a task may stand
    alone), a cadence to enrol in, something to note.

    Raises:
        Invalid: the reading lacks what its intent needs.
    """
    if reading.intent in ("log", "stage_change", "won", "lost", "deal_update", "enroll") and (
        reading.account is None
    ):
        raise Invalid(f"{reading.intent} without an account")
    if reading.intent == "enroll" and reading.cadence is None:
        raise Invalid("enroll without a cadence")
    if reading.intent == "stage_change" and reading.stage is None:
        raise Invalid("stage_change without a stage")
    if reading.intent == "task" and not reading.body:
        raise Invalid("task without what to do")
    return reading
