"""Cadence actions in the chat: done/skip/snooze/replied (buttons and words), enrol, and away.

Buttons on a reminder carry the enrolment and the step the rep saw; acting on a step that has
since moved on is refused with a sentence instead of advancing the cadence twice.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from rapidfuzz import fuzz

from cadence_jobs import rules, workflow
from cadence_jobs.calendar import WorkCalendar
from handlers.context import Context
from handlers.i18n import register
from handlers.markup import esc
from handlers.messages import Answer, Button, Incoming, Reply
from handlers.router import Router
from storage import accounts, deals, enrolments, people
from storage.audit import Actor
from storage.enrolments import AlreadyEnrolled, Labelled, OptedOut, Stale
from storage.errors import NotFound
from storage.text import fold

router = Router("cadence_actions")

register(
    {
        "cadence.done": {
            "pt-BR": "Feito: {action} ({who}).",
            "en": "Done: {action} ({who}).",
        },
        "cadence.skipped": {"pt-BR": "Passo pulado ({who}).", "en": "Step skipped ({who})."},
        "cadence.next": {
            "pt-BR": "Próximo passo: {channel} em {when}.",
            "en": "Next step: {channel} on {when}.",
        },
        "cadence.completed": {
            "pt-BR": "A cadência {cadence} terminou para {who}.",
            "en": "The {cadence} cadence is complete for {who}.",
        },
        "cadence.switched": {
            "pt-BR": "{who} passou para a cadência {cadence}.",
            "en": "{who} moved to the {cadence} cadence.",
        },
        "cadence.snoozed": {
            "pt-BR": "Adiado para {when}.",
            "en": "Snoozed until {when}.",
        },
        "cadence.snooze.ask": {
            "pt-BR": "Adiar para quando?",
            "en": "Snooze until when?",
        },
        "cadence.snooze.hour": {"pt-BR": "1 hora", "en": "1 hour"},
        "cadence.snooze.tomorrow": {"pt-BR": "Amanhã cedo", "en": "Tomorrow morning"},
        "cadence.snooze.next_week": {"pt-BR": "Semana que vem", "en": "Next week"},
        "cadence.outcome.ask": {
            "pt-BR": "O que aconteceu com {who}?",
            "en": "What happened with {who}?",
        },
        "cadence.outcome.replied": {"pt-BR": "Respondeu", "en": "Replied"},
        "cadence.outcome.meeting_booked": {"pt-BR": "Reunião marcada", "en": "Meeting booked"},
        "cadence.outcome.bounced": {
            "pt-BR": "E-mail voltou / número errado",
            "en": "Bounced / wrong number",
        },
        "cadence.outcome.opted_out": {"pt-BR": "Pediu para sair", "en": "Opted out"},
        "cadence.outcome.not_interested": {"pt-BR": "Sem interesse", "en": "Not interested"},
        "cadence.exited": {
            "pt-BR": "{who} saiu da cadência: {outcome}.",
            "en": "{who} left the cadence: {outcome}.",
        },
        "cadence.account_stopped": {
            "pt-BR": "Também parei {count} outro(s) contato(s) da mesma conta.",
            "en": "I also stopped {count} other contact(s) at the same account.",
        },
        "cadence.stale": {
            "pt-BR": "Esse passo já foi atualizado; nada mudou.",
            "en": "That step was already updated; nothing changed.",
        },
        "cadence.not_yours": {
            "pt-BR": "Essa cadência não é sua.",
            "en": "That cadence is not yours.",
        },
        "cadence.nothing_due": {
            "pt-BR": "Você não tem nenhum passo de cadência em aberto.",
            "en": "You have no open cadence step.",
        },
        "cadence.which": {"pt-BR": "Qual deles?", "en": "Which one?"},
        "cadence.no_match": {
            "pt-BR": "Não achei {name!r} nas suas cadências nem nas suas contas.",
            "en": "I couldn't find {name!r} in your cadences or accounts.",
        },
        "cadence.enrolled": {
            "pt-BR": "{who} entrou na cadência {cadence}. Primeiro passo: {channel} em {when}.",
            "en": "{who} is now in the {cadence} cadence. First step: {channel} on {when}.",
        },
        "cadence.already": {
            "pt-BR": "{who} já está na cadência {cadence}.",
            "en": "{who} is already in the {cadence} cadence.",
        },
        "cadence.opted_out": {
            "pt-BR": "{who} pediu para não ser contatado por {channels}; não vou inscrever.",
            "en": "{who} asked not to be contacted by {channels}; I won't enrol them.",
        },
        "cadence.unknown_cadence": {
            "pt-BR": "Não conheço a cadência {name!r}. As que existem: {known}.",
            "en": "I don't know the cadence {name!r}. The ones that exist: {known}.",
        },
        "cadence.enroll.ask": {
            "pt-BR": "Em qual cadência? Por exemplo: *colocar a Acme na cadência de nutrição*.",
            "en": "Which cadence? For example: *enroll Acme in nurture*.",
        },
        "cadence.away.done": {
            "pt-BR": "Bom descanso! Você está ausente de {start} a {end}; "
            "{count} passo(s) foram para depois da volta, espaçados.",
            "en": "Enjoy your time off! You're away from {start} to {end}; "
            "{count} step(s) moved to after you're back, spread out.",
        },
        "cadence.away.ask": {
            "pt-BR": "Até quando você fica fora? Por exemplo: *estou de férias até 10/01*.",
            "en": "Until when are you away? For example: *I'm on vacation until 01/10*.",
        },
        "cadence.away.past": {
            "pt-BR": "Essa data já passou; diga até quando você fica fora.",
            "en": "That date is in the past; tell me until when you're away.",
        },
    }
)

SNOOZE_WORDS = {"1h": "hour", "hour": "hour", "tomorrow": "tomorrow", "next_week": "next_week"}


def _name(item: Labelled | None, account: str | None = None, contact: str | None = None) -> str:
    """How a person refers to an enrolment: "Maria (Padaria Silva)", as plain text."""
    if item is not None:
        account, contact = item.account, item.contact
    return f"{contact} ({account})" if contact and account else contact or account or "?"


def _who(item: Labelled | None, account: str | None = None, contact: str | None = None) -> str:
    """`_name` escaped for markup text (button labels take the plain `_name`)."""
    return esc(_name(item, account, contact))


async def _calendar(ctx: Context, person_id: int) -> WorkCalendar:
    return await ctx.store.read(workflow.person_calendar, person_id, ctx.options)


def _when(ctx: Context, cal: WorkCalendar, moment: datetime) -> str:
    local = cal.local(moment)
    if ctx.locale == "en":
        return local.strftime("%a %b %d, %H:%M")
    return local.strftime("%d/%m %H:%M")


async def _allowed(ctx: Context, enrolment: enrolments.Enrolment) -> bool:
    assert ctx.person is not None
    owners = await ctx.store.read(people.visible_owner_ids, ctx.person)
    return owners is None or enrolment.owner_id in owners


async def _act(
    ctx: Context, enrolment_id: int, action: str, step: int | None, **kw: Any
) -> Answer:
    """Run one action and describe what happened, in the person's words."""
    assert ctx.person is not None
    found = await ctx.store.read(enrolments.get, enrolment_id)
    if found is None:
        return Answer([Reply(ctx.t("cadence.stale"), edit=True)], intent="cadence_action")
    if not await _allowed(ctx, found):
        return Answer([Reply(ctx.t("cadence.not_yours"))], intent="cadence_action")
    labelled = await ctx.store.read(_label, found)
    try:
        acted = await ctx.store.write(
            lambda conn: workflow.act(
                conn,
                actor=Actor.person(ctx.person.id),
                enrolment_id=enrolment_id,
                action=action,
                now=ctx.now(),
                options=ctx.options,
                step_index=step,
                locale=ctx.locale,
                **kw,
            )
        )
    except (Stale, rules.TransitionError, NotFound):
        return Answer([Reply(ctx.t("cadence.stale"), edit=True)], intent="cadence_action")
    cal = await _calendar(ctx, found.owner_id)
    text = _describe(ctx, acted, labelled, cal, action)
    data = {
        "enrolment": enrolment_id,
        "action": action,
        "state": acted.enrolment.state,
        "step": acted.enrolment.step_index,
        "due_at": acted.enrolment.due_at.isoformat() if acted.enrolment.due_at else None,
    }
    return Answer(
        [Reply(text, edit=True)],
        intent="cadence_action",
        entities={"action": action, "account": labelled.account},
        data=data,
    )


def _label(conn, enrolment: enrolments.Enrolment) -> Labelled:
    account = accounts.get_account(conn, enrolment.account_id)
    contact = accounts.get_contact(conn, enrolment.contact_id) if enrolment.contact_id else None
    return Labelled(enrolment, account.name if account else "?", contact.name if contact else None)


def _describe(
    ctx: Context, acted: workflow.Acted, item: Labelled, cal: WorkCalendar, action: str
) -> str:
    cadence, after = acted.cadence, acted.enrolment
    who = _who(item)
    step = cadence.steps[acted.transition.step_index]
    if action == "done":
        lines = [ctx.t("cadence.done", action=esc(step.action.get(ctx.locale)), who=who)]
    elif action == "skip":
        lines = [ctx.t("cadence.skipped", who=who)]
    elif action == "snooze":
        return ctx.t("cadence.snoozed", when=_when(ctx, cal, after.due_at))
    else:
        lines = [ctx.t("cadence.exited", who=who, outcome=ctx.t(f"cadence.outcome.{action}"))]
    if after.state == rules.ACTIVE and after.due_at and action in ("done", "skip"):
        nxt = cadence.steps[after.step_index]
        lines.append(
            ctx.t(
                "cadence.next",
                channel=ctx.t(f"cadence.channel.{nxt.channel}"),
                when=_when(ctx, cal, after.due_at),
            )
        )
    if after.state == rules.COMPLETED:
        lines.append(
            ctx.t("cadence.completed", cadence=esc(cadence.name.get(ctx.locale)), who=who)
        )
    if acted.switched_to is not None:
        lines.append(
            ctx.t("cadence.switched", who=who, cadence=esc(acted.switched_to.cadence_key))
        )
    if acted.stopped:
        lines.append(ctx.t("cadence.account_stopped", count=len(acted.stopped)))
    return "\n".join(lines)


# -- buttons ---------------------------------------------------------------------------------


@router.action("step.done")
async def step_done(msg: Incoming, ctx: Context, args: dict) -> Answer:
    return await _act(ctx, int(args["enrolment"]), "done", args.get("step"))


@router.action("step.skip")
async def step_skip(msg: Incoming, ctx: Context, args: dict) -> Answer:
    return await _act(ctx, int(args["enrolment"]), "skip", args.get("step"))


@router.action("step.snooze")
async def step_snooze(msg: Incoming, ctx: Context, args: dict) -> Answer:
    option = args.get("option")
    if option is None:
        base = {"enrolment": args["enrolment"], "step": args.get("step")}
        choices = tuple(
            Button(ctx.t(f"cadence.snooze.{name}"), "step.snooze", {**base, "option": name})
            for name in rules.SNOOZES
        )
        return Answer(
            [Reply(ctx.t("cadence.snooze.ask"), choices=choices, edit=True)],
            intent="cadence_action",
        )
    return await _act(ctx, int(args["enrolment"]), "snooze", args.get("step"), snooze=option)


@router.action("step.replied")
async def step_replied(msg: Incoming, ctx: Context, args: dict) -> Answer:
    outcome = args.get("outcome")
    if outcome is None:
        found = await ctx.store.read(enrolments.get, int(args["enrolment"]))
        who = _who(await ctx.store.read(_label, found)) if found else "?"
        base = {"enrolment": args["enrolment"], "step": args.get("step")}
        choices = tuple(
            Button(ctx.t(f"cadence.outcome.{name}"), "step.replied", {**base, "outcome": name})
            for name in rules.OUTCOMES
        )
        return Answer(
            [Reply(ctx.t("cadence.outcome.ask", who=who), choices=choices, edit=True)],
            intent="cadence_action",
        )
    return await _act(ctx, int(args["enrolment"]), outcome, args.get("step"))


@router.action("cadence.enroll")
async def enroll_button(msg: Incoming, ctx: Context, args: dict) -> Answer:
    """The owner confirmed an offer (an idle deal or account) to enrol it in a cadence."""
    account_id, deal_id = args.get("account"), args.get("deal")
    if deal_id is not None:
        deal = await ctx.store.read(deals.get_deal, int(deal_id))
        if deal is None:
            return Answer([Reply(ctx.t("cadence.stale"), edit=True)], intent="enroll")
        account_id = deal.account_id
    return await _enrol(ctx, int(account_id), str(args["cadence"]), deal_id)


# -- words -----------------------------------------------------------------------------------


def _matches(items: list[Labelled], name: str) -> list[Labelled]:
    wanted = fold(name)
    scored = []
    for item in items:
        names = [fold(item.account)] + ([fold(item.contact)] if item.contact else [])
        score = max(fuzz.WRatio(wanted, n) for n in names)
        if score >= 80:
            scored.append((score, item))
    if not scored:
        return []
    best = max(s for s, _ in scored)
    return [item for s, item in scored if s >= best - 5]


@router.intent("cadence_action")
async def cadence_action(msg: Incoming, ctx: Context, parsed: Any) -> Answer:
    """ "feito", "pular Acme", "adiar padaria para amanhã", "a Silva respondeu"."""
    assert ctx.person is not None
    action = getattr(parsed, "action", None)
    if action not in ("done", "skip", "snooze", "replied"):
        action = "done"
    name = getattr(parsed, "name", None)
    items = await ctx.store.read(enrolments.labelled_for_owners, [ctx.person.id])
    items = [i for i in items if i.enrolment.state == rules.ACTIVE]
    if name:
        items = _matches(items, name)
        if not items:
            return Answer([Reply(ctx.t("cadence.no_match", name=name))], intent="cadence_action")
    if not items:
        return Answer([Reply(ctx.t("cadence.nothing_due"))], intent="cadence_action")
    distinct = {i.enrolment.account_id for i in items}
    if len(distinct) > 1 and name:
        choices = tuple(
            Button(
                _name(i),
                f"step.{action}",
                {"enrolment": i.enrolment.id, "step": i.enrolment.step_index},
            )
            for i in items[:10]
        )
        return Answer([Reply(ctx.t("cadence.which"), choices=choices)], intent="cadence_action")
    target = items[0].enrolment
    if action == "snooze":
        option = await _snooze_option(ctx, getattr(parsed, "snooze", None), target.owner_id)
        return await _act(ctx, target.id, "snooze", None, snooze=option)
    return await _act(ctx, target.id, action, None)


async def _snooze_option(ctx: Context, said: str | None, owner_id: int) -> str | datetime:
    if said in SNOOZE_WORDS:
        return SNOOZE_WORDS[said]
    if said == "3h":
        return ctx.now() + timedelta(hours=3)
    if said:
        try:
            day = date.fromisoformat(said)
        except ValueError:
            return "tomorrow"
        cal = await _calendar(ctx, owner_id)
        return cal.opening(cal.next_working_day(day))
    return "tomorrow"


@router.intent("enroll")
async def enroll(msg: Incoming, ctx: Context, parsed: Any) -> Answer:
    """ "enroll Acme in exploratory", "colocar a Silva na cadência de nutrição"."""
    assert ctx.person is not None
    cadence = getattr(parsed, "cadence", None)
    name = getattr(parsed, "name", None)
    if not cadence or not name:
        return Answer([Reply(ctx.t("cadence.enroll.ask"))], intent="enroll")
    owners = await ctx.store.read(people.visible_owner_ids, ctx.person)
    found = await ctx.store.read(accounts.list_accounts, owners)
    wanted = fold(name)
    scored = sorted(
        ((fuzz.WRatio(wanted, fold(a.name)), a) for a in found), key=lambda pair: -pair[0]
    )
    scored = [(s, a) for s, a in scored if s >= 80]
    if not scored:
        return Answer([Reply(ctx.t("cadence.no_match", name=name))], intent="enroll")
    close = [a for s, a in scored if s >= scored[0][0] - 5]
    if len(close) > 1:
        choices = tuple(
            Button(a.name, "cadence.enroll", {"account": a.id, "cadence": cadence})
            for a in close[:10]
        )
        return Answer([Reply(ctx.t("cadence.which"), choices=choices)], intent="enroll")
    return await _enrol(ctx, close[0].id, cadence, None)


async def _enrol(ctx: Context, account_id: int, cadence_key: str, deal_id: Any) -> Answer:
    assert ctx.person is not None
    account = await ctx.store.read(accounts.get_account, account_id)
    contacts = await ctx.store.read(accounts.contacts_of, account_id)
    contact = contacts[0] if contacts else None
    owner_id = account.owner_id or ctx.person.id
    who = _who(None, account.name, contact.name if contact else None)
    entities = {"account": account.name, "cadence": cadence_key}
    try:
        enrolment = await ctx.store.write(
            lambda conn: workflow.enrol(
                conn,
                actor=Actor.person(ctx.person.id),
                cadence_key=cadence_key,
                account_id=account_id,
                owner_id=owner_id,
                now=ctx.now(),
                options=ctx.options,
                contact_id=contact.id if contact else None,
                deal_id=int(deal_id) if deal_id is not None else None,
                reason="chat",
            )
        )
    except NotFound:
        known = await ctx.store.read(lambda conn: sorted(workflow.installed_keys(conn)))
        return Answer(
            [Reply(ctx.t("cadence.unknown_cadence", name=cadence_key, known=", ".join(known)))],
            intent="enroll",
            entities=entities,
        )
    except AlreadyEnrolled:
        return Answer(
            [Reply(ctx.t("cadence.already", who=who, cadence=esc(cadence_key)))],
            intent="enroll",
            entities=entities,
        )
    except OptedOut as exc:
        return Answer(
            [Reply(ctx.t("cadence.opted_out", who=who, channels=", ".join(exc.channels)))],
            intent="enroll",
            entities=entities,
        )
    cal = await _calendar(ctx, owner_id)
    cadence = await ctx.store.read(workflow.load_cadence, cadence_key)
    first = cadence.steps[0]
    text = ctx.t(
        "cadence.enrolled",
        who=who,
        cadence=esc(cadence.name.get(ctx.locale)),
        channel=ctx.t(f"cadence.channel.{first.channel}"),
        when=_when(ctx, cal, enrolment.due_at),
    )
    return Answer(
        [Reply(text, edit=True)],
        intent="enroll",
        entities=entities,
        data={"enrolment": enrolment.id, "due_at": enrolment.due_at.isoformat()},
    )


@router.intent("away")
async def away(msg: Incoming, ctx: Context, parsed: Any) -> Answer:
    """ "estou de férias até 10/01", "out of office from 3/2 to 3/13"."""
    assert ctx.person is not None
    cal = await _calendar(ctx, ctx.person.id)
    today = cal.local_date(ctx.now())
    period = getattr(parsed, "period", None)
    start, end = (period.start, period.end) if period else (today, getattr(parsed, "date", None))
    if end is None:
        return Answer([Reply(ctx.t("cadence.away.ask"))], intent="away")
    start = max(start, today)
    if end < start:
        return Answer([Reply(ctx.t("cadence.away.past"))], intent="away")
    moved = await ctx.store.write(
        lambda conn: workflow.set_away(
            conn,
            actor=Actor.person(ctx.person.id),
            person_id=ctx.person.id,
            start=start,
            end=end,
            now=ctx.now(),
            options=ctx.options,
        )
    )
    fmt = "%Y-%m-%d" if ctx.locale == "en" else "%d/%m/%Y"
    text = ctx.t(
        "cadence.away.done", start=start.strftime(fmt), end=end.strftime(fmt), count=moved
    )
    return Answer(
        [Reply(text)],
        intent="away",
        entities={"period": {"start": start.isoformat(), "end": end.isoformat()}},
        data={"moved": moved},
    )
