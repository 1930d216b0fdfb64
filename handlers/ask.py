"""Questions about the asker's book: agenda, next step, status, pipeline, forecast, closing,
stalled deals, who is behind, and the team.

Each answer is built from one or two scoped queries (visibility is in the SQL), rendered in
the asker's locale, and returned with the `data` it was built from so scripts never parse
text.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from handlers import formatting as fmt
from handlers import i18n
from handlers.context import Context
from handlers.markup import esc
from handlers.messages import Answer, Incoming, Reply
from handlers.priority import Factors, Priority, score
from handlers.router import Router
from handlers.understand import asking, lookup
from handlers.understand.asking import Found
from handlers.understand.dates import Period, month_period
from handlers.understand.parse import Parsed
from handlers.understand.text import normalize
from storage import accounts, deals, interactions, people
from storage.timefmt import from_db, to_db

router = Router("ask")

i18n.register({
    "ask.agenda.title": {"pt-BR": "*Sua agenda de hoje* ({count})",
                         "en": "*Your agenda for today* ({count})"},
    "ask.agenda.empty": {"pt-BR": "Nada para hoje nem atrasado. Bom trabalho!",
                         "en": "Nothing due today or overdue. Nice work!"},
    "ask.why": {"pt-BR": "por quê", "en": "why"},
    "ask.why.value": {"pt-BR": "{amount} × {probability}", "en": "{amount} × {probability}"},
    "ask.why.stage": {"pt-BR": "chance de {probability}", "en": "{probability} to win"},
    "ask.why.overdue": {"pt-BR": "atrasado {days} dia(s)", "en": "{days} day(s) late"},
    "ask.why.due_today": {"pt-BR": "vence hoje", "en": "due today"},
    "ask.why.idle": {"pt-BR": "sem contato há {days} dias", "en": "no touch in {days} days"},
    "ask.why.never": {"pt-BR": "nunca contatado", "en": "never touched"},
    "ask.item.step": {"pt-BR": "passo {step} de {cadence}", "en": "step {step} of {cadence}"},
    "ask.item.follow_up": {"pt-BR": "retorno combinado", "en": "follow-up"},
    "ask.next.step": {
        "pt-BR": "Próximo passo com *{account}*: {channel} — {what} ({when})",
        "en": "Next step for *{account}*: {channel} — {what} ({when})",
    },
    "ask.next.idle": {
        "pt-BR": "*{account}* está sem contato há {days} dias. Sugestão: uma ligação hoje.",
        "en": "*{account}* has had no touch in {days} days. Suggestion: call today.",
    },
    "ask.next.never": {
        "pt-BR": "Ninguém falou com *{account}* ainda. Sugestão: um primeiro contato hoje.",
        "en": "Nobody has talked to *{account}* yet. Suggestion: a first touch today.",
    },
    "ask.next.close_passed": {
        "pt-BR": "A data de fechamento de *{deal}* já passou ({date}). Sugestão: confirmar "
                 "com o cliente e atualizar a data.",
        "en": "The close date of *{deal}* has passed ({date}). Suggestion: check with the "
              "customer and update it.",
    },
    "ask.next.meeting": {
        "pt-BR": "*{account}* está em dia e sem nada marcado. Sugestão: agendar a próxima "
                 "reunião.",
        "en": "*{account}* is up to date with nothing booked. Suggestion: book the next "
              "meeting.",
    },
    "ask.status.title": {"pt-BR": "*{account}* — responsável: {owner}",
                         "en": "*{account}* — owner: {owner}"},
    "ask.status.deal": {"pt-BR": "- {title}: {stage}, {amount}, fecha {close}",
                        "en": "- {title}: {stage}, {amount}, closes {close}"},
    "ask.status.deal_closed": {"pt-BR": "- {title}: {status}, {amount}",
                               "en": "- {title}: {status}, {amount}"},
    "ask.status.no_deals": {"pt-BR": "Nenhum negócio seu nesta conta.",
                            "en": "No deal of yours on this account."},
    "ask.status.history": {"pt-BR": "*Últimos contatos*", "en": "*Latest touches*"},
    "ask.status.no_history": {"pt-BR": "Nenhum contato registrado.",
                              "en": "No touches logged yet."},
    "ask.status.cadence": {"pt-BR": "Cadência ativa: {cadence}, passo {step} ({when})",
                           "en": "Active cadence: {cadence}, step {step} ({when})"},
    "ask.no_date": {"pt-BR": "sem data", "en": "no date"},
    "ask.status.won": {"pt-BR": "ganho", "en": "won"},
    "ask.status.lost": {"pt-BR": "perdido", "en": "lost"},
    "ask.pipeline.title": {"pt-BR": "*Pipeline — {who}*", "en": "*Pipeline — {who}*"},
    "ask.pipeline.line": {"pt-BR": "- {stage}: {count} · {amount} (ponderado {weighted})",
                          "en": "- {stage}: {count} · {amount} (weighted {weighted})"},
    "ask.pipeline.total": {"pt-BR": "*Total*: {count} · {amount} (ponderado {weighted})",
                           "en": "*Total*: {count} · {amount} (weighted {weighted})"},
    "ask.pipeline.by_rep": {"pt-BR": "*Por vendedor*", "en": "*By rep*"},
    "ask.rep_line": {"pt-BR": "- {name}: {count} · {amount} (ponderado {weighted})",
                     "en": "- {name}: {count} · {amount} (weighted {weighted})"},
    "ask.who.me": {"pt-BR": "você", "en": "you"},
    "ask.who.team": {"pt-BR": "seu time", "en": "your team"},
    "ask.who.all": {"pt-BR": "todos", "en": "everyone"},
    "ask.forecast.title": {"pt-BR": "*Previsão {start} – {end}* ({who})",
                           "en": "*Forecast {start} – {end}* ({who})"},
    "ask.forecast.body": {
        "pt-BR": "- Ponderado: {weighted}\n- Comprometido: {committed}\n- Melhor caso: "
                 "{best}\n- Já ganho: {won} · {count} negócio(s) abertos no período",
        "en": "- Weighted: {weighted}\n- Committed: {committed}\n- Best case: {best}\n"
              "- Already won: {won} · {count} open deal(s) in the period",
    },
    "ask.forecast.rep": {"pt-BR": "- {name}: ponderado {weighted}, comprometido {committed}",
                         "en": "- {name}: weighted {weighted}, committed {committed}"},
    "ask.closing.title": {"pt-BR": "*Fechando {start} – {end}*: {count} · {amount}",
                          "en": "*Closing {start} – {end}*: {count} · {amount}"},
    "ask.closing.none": {"pt-BR": "Nenhum negócio aberto fecha entre {start} e {end}.",
                         "en": "No open deal closes between {start} and {end}."},
    "ask.deal_line": {"pt-BR": "- *{account}* — {title}: {amount}, {stage}, {when}",
                      "en": "- *{account}* — {title}: {amount}, {stage}, {when}"},
    "ask.more": {"pt-BR": "… e mais {count}.", "en": "… and {count} more."},
    "ask.stalled.title": {"pt-BR": "*Parados há {days}+ dias*: {count} · {amount}",
                          "en": "*Stalled {days}+ days*: {count} · {amount}"},
    "ask.stalled.none": {"pt-BR": "Nenhum negócio parado há {days} dias ou mais.",
                         "en": "No deal stalled for {days} days or more."},
    "ask.last_touch": {"pt-BR": "último contato {ago}", "en": "last touch {ago}"},
    "ask.overdue.title": {"pt-BR": "*Atrasados* ({count})", "en": "*Overdue* ({count})"},
    "ask.overdue.none": {"pt-BR": "Nada atrasado.", "en": "Nothing overdue."},
    "ask.behind.title": {"pt-BR": "*Quem está atrasado*", "en": "*Who is behind*"},
    "ask.behind.line": {
        "pt-BR": "- {name}: {steps} passo(s) e {follow_ups} retorno(s), o mais antigo de {oldest}",
        "en": "- {name}: {steps} step(s) and {follow_ups} follow-up(s), oldest from {oldest}",
    },
    "ask.team.title": {"pt-BR": "*Como está o time*", "en": "*How the team is doing*"},
    "ask.team.line": {
        "pt-BR": "- {name}: {count} negócio(s), ponderado {weighted}, {behind} atrasado(s), "
                 "{touches} contato(s) em 7 dias",
        "en": "- {name}: {count} deal(s), weighted {weighted}, {behind} overdue, "
              "{touches} touch(es) in 7 days",
    },
    "ask.person_not_found": {"pt-BR": "Não encontrei *{name}* no seu time.",
                             "en": "I couldn't find *{name}* on your team."},
})

CHANNELS = {
    "call": ("ligação", "call"), "email": ("e-mail", "email"), "meeting": ("reunião", "meeting"),
    "visit": ("visita", "visit"), "whatsapp": ("WhatsApp", "WhatsApp"),
    "linkedin": ("LinkedIn", "LinkedIn"), "note": ("nota", "note"),
}
LIST_LIMIT = 10
_BY_REP = re.compile(r"\b(?:por (?:vendedor|rep|pessoa)|by rep|per rep|breakdown|detalhado)\b")


def channel(kind: str | None, locale: str) -> str:
    """The channel's name for a reader; a step whose definition names none is just a step."""
    pt, en = CHANNELS.get(kind or "", (kind or "passo", kind or "step"))
    return en if locale == "en" else pt


def _money(ctx: Context, value: float, currency: str = "BRL") -> str:
    return fmt.money(value, currency, ctx.locale)


def _private(text: str) -> Reply:
    return Reply(text, private=True)


def _tz(ctx: Context):
    return lookup.zone(ctx.person, ctx.options.default_timezone)


def _days_since(ctx: Context, stamp: str | None) -> int | None:
    moment = from_db(stamp)
    return None if moment is None else max(0, (ctx.now() - moment).days)


def _who(ctx: Context, scope: list[int] | None) -> str:
    if scope is None:
        return ctx.t("ask.who.all")
    return ctx.t("ask.who.team") if len(scope) > 1 else ctx.t("ask.who.me")


async def _scope_for(ctx: Context, parsed: Parsed
                     ) -> tuple[list[int] | None, Answer | None, Parsed]:
    """The asker's book, narrowed to one rep when a manager names them ("pipeline da Ana");
    the parsed message comes back with the rep's full name."""
    scope = await asking.owner_ids(ctx)
    if not parsed.name or (scope is not None and len(scope) <= 1):
        return scope, None, replace(parsed, name=None)
    person = await ctx.store.read(lookup.find_person, parsed.name, scope)
    if person is None:
        return scope, Answer([Reply(ctx.t("ask.person_not_found", name=esc(parsed.name)))],
                             intent=parsed.intent, entities=parsed.entities()), parsed
    return [person.id], None, replace(parsed, name=person.name)


_PERSON_INTENTS = frozenset({"pipeline", "forecast", "closing", "stalled"})


def _answer(parsed: Parsed, text: str, data: dict, **entities: object) -> Answer:
    found = {**parsed.entities(), **entities}
    if parsed.name and parsed.intent in _PERSON_INTENTS and "person" not in found:
        found["person"] = found.pop("name")
    return Answer([_private(text)], intent=parsed.intent, entities=found, data=data)


# --- agenda ------------------------------------------------------------------------------


def _factors(ctx: Context, item: interactions.DueItem, today: date) -> Factors:
    due = (from_db(item.due).astimezone(_tz(ctx)).date() if item.source == "step"
           else date.fromisoformat(item.due))
    return Factors(item.amount, item.probability, (today - due).days,
                   _days_since(ctx, item.last_touch))


def why(ctx: Context, priority: Priority, factors: Factors, currency: str) -> str:
    """The short reason beside an agenda item, from the heaviest parts of its score."""
    words = []
    for part in priority.why():
        if part.key == "value":
            words.append(ctx.t("ask.why.value", amount=_money(ctx, factors.amount, currency),
                               probability=fmt.percent(factors.probability, ctx.locale)))
        elif part.key == "stage":
            words.append(ctx.t("ask.why.stage",
                               probability=fmt.percent(factors.probability, ctx.locale)))
        elif part.key == "overdue":
            words.append(ctx.t("ask.why.due_today") if factors.days_overdue == 0
                         else ctx.t("ask.why.overdue", days=factors.days_overdue))
        elif factors.days_since_touch is None:
            words.append(ctx.t("ask.why.never"))
        else:
            words.append(ctx.t("ask.why.idle", days=factors.days_since_touch))
    return " · ".join(words)


def _item_label(ctx: Context, item: interactions.DueItem) -> str:
    if item.source == "step":
        return ctx.t("ask.item.step", step=(item.step_index or 0) + 1,
                     cadence=esc(item.cadence(ctx.locale) or "?"))
    return ctx.t("ask.item.follow_up")


@router.intent("agenda")
async def agenda(msg: Incoming, ctx: Context, parsed: Parsed) -> Answer:
    assert ctx.person is not None
    day = asking.today(ctx)
    until = to_db(lookup.next_day_start_utc(day, _tz(ctx)))
    me = [ctx.person.id]
    steps = await ctx.store.read(interactions.due_steps, me, until)
    follow_ups = await ctx.store.read(interactions.due_follow_ups, me, day)
    ranked = []
    for item in [*steps, *follow_ups]:
        factors = _factors(ctx, item, day)
        ranked.append((score(factors), factors, item))
    ranked.sort(key=lambda r: -r[0].score)
    if not ranked:
        return _answer(parsed, ctx.t("ask.agenda.empty"), {"items": []})
    lines = [ctx.t("ask.agenda.title", count=len(ranked))]
    data = []
    for n, (priority, factors, item) in enumerate(ranked[:LIST_LIMIT * 2], start=1):
        who = f" ({esc(item.contact_name)})" if item.contact_name else ""
        lines.append(f"{n}. {channel(item.channel, ctx.locale)} — *{esc(item.account_name)}*"
                     f"{who} · {_item_label(ctx, item)} · {priority.score:g}")
        lines.append(f"   _{ctx.t('ask.why')}: {why(ctx, priority, factors, item.currency)}_")
        data.append({"source": item.source, "id": item.id, "account": item.account_name,
                     "channel": item.channel, "due": item.due, "score": priority.score,
                     "parts": {p.key: round(p.points, 1) for p in priority.parts}})
    return _answer(parsed, "\n".join(lines), {"items": data})


# --- next step and status -----------------------------------------------------------------


@asking.reruns("next_step")
@router.intent("next_step")
async def next_step(msg: Incoming, ctx: Context, parsed: Parsed,
                    pinned: Found | None = None) -> Answer:
    found = await asking.resolve(msg, ctx, parsed, pinned, offer_create=True)
    if isinstance(found, Answer):
        return found
    account = found.account
    assert account is not None and ctx.person is not None
    scope = await asking.owner_ids(ctx)
    day = asking.today(ctx)
    far = to_db(lookup.next_day_start_utc(day + timedelta(days=3650), _tz(ctx)))
    steps = await ctx.store.read(lambda c: interactions.due_steps(c, scope, far,
                                                                  account_id=account.id, limit=1))
    follow_ups = await ctx.store.read(lambda c: interactions.due_follow_ups(
        c, scope, day + timedelta(days=3650), account_id=account.id, limit=1))
    name = esc(account.name)
    items = sorted([*steps, *follow_ups], key=lambda i: i.due[:10])
    if items:
        item = items[0]
        due = (from_db(item.due).astimezone(_tz(ctx)).date() if item.source == "step"
               else date.fromisoformat(item.due))
        text = ctx.t("ask.next.step", account=name, channel=channel(item.channel, ctx.locale),
                     what=_item_label(ctx, item), when=_when(ctx, due, day))
        data = {"source": item.source, "id": item.id, "due": due.isoformat(),
                "channel": item.channel}
        return _answer(parsed, text, data, account=account.name)
    text, data = await _suggest(ctx, account, scope, day)
    return _answer(parsed, text, data, account=account.name)


async def _suggest(ctx: Context, account, scope, day: date) -> tuple[str, dict]:
    """No step is due: say what the account's state suggests."""
    touched = await ctx.store.read(interactions.last_touch, account.id)
    rows = await ctx.store.read(lambda c: deals.deal_rows(c, scope, account_id=account.id))
    late = [d for d in rows if d.close_date and date.fromisoformat(d.close_date) < day]
    idle = _days_since(ctx, touched)
    name = esc(account.name)
    if touched is None:
        return ctx.t("ask.next.never", account=name), {"suggestion": "first_touch"}
    if late:
        deal = late[0]
        return (ctx.t("ask.next.close_passed", deal=esc(deal.title),
                      date=fmt.day(date.fromisoformat(deal.close_date), ctx.locale)),
                {"suggestion": "update_close_date", "deal_id": deal.id})
    if idle is not None and idle >= 7:
        return ctx.t("ask.next.idle", account=name, days=idle), {"suggestion": "call",
                                                                 "idle_days": idle}
    return ctx.t("ask.next.meeting", account=name), {"suggestion": "book_meeting"}


def _when(ctx: Context, due: date, today: date) -> str:
    if due < today:
        return ctx.t("ask.why.overdue", days=(today - due).days)
    if due == today:
        return ctx.t("ask.why.due_today")
    return fmt.day(due, ctx.locale, weekday=True)


@asking.reruns("status")
@router.intent("status")
async def status(msg: Incoming, ctx: Context, parsed: Parsed,
                 pinned: Found | None = None) -> Answer:
    found = await asking.resolve(msg, ctx, parsed, pinned)
    if isinstance(found, Answer):
        return found
    account = found.account
    assert account is not None
    scope = await asking.owner_ids(ctx)
    day = asking.today(ctx)
    view = await ctx.store.read(_status_view, account.id, scope, day, _tz(ctx))
    lines = [ctx.t("ask.status.title", account=esc(account.name), owner=esc(view["owner"]))]
    for d in view["deals"]:
        amount = _money(ctx, d.amount, d.currency)
        if d.status == "open":
            close = (fmt.day(date.fromisoformat(d.close_date), ctx.locale, year=True)
                     if d.close_date else ctx.t("ask.no_date"))
            lines.append(ctx.t("ask.status.deal", title=esc(d.title),
                               stage=d.stage_label(ctx.locale), amount=amount, close=close))
        else:
            lines.append(ctx.t("ask.status.deal_closed", title=esc(d.title), amount=amount,
                               status=ctx.t(f"ask.status.{d.status}")))
    if not view["deals"]:
        lines.append(ctx.t("ask.status.no_deals"))
    for step in view["steps"][:1]:
        due = from_db(step.due).astimezone(_tz(ctx)).date()
        lines.append(ctx.t("ask.status.cadence", cadence=esc(step.cadence(ctx.locale) or "?"),
                           step=(step.step_index or 0) + 1, when=_when(ctx, due, day)))
    lines.append(ctx.t("ask.status.history") if view["history"]
                 else ctx.t("ask.status.no_history"))
    for i in view["history"]:
        when = fmt.day(from_db(i.occurred_at).astimezone(_tz(ctx)).date(), ctx.locale)
        body = esc(i.body[:80] + ("…" if len(i.body) > 80 else ""))
        lines.append(f"- {when} · {channel(i.kind, ctx.locale)}" + (f": {body}" if body else ""))
    data = {"account": account.name, "owner": view["owner"],
            "deals": [{"id": d.id, "title": d.title, "stage": d.stage_key, "amount": d.amount,
                       "currency": d.currency, "close_date": d.close_date, "status": d.status}
                      for d in view["deals"]],
            "interactions": [{"id": i.id, "kind": i.kind, "occurred_at": i.occurred_at}
                             for i in view["history"]],
            "cadences": [{"enrolment_id": s.id, "step": s.step_index, "due": s.due}
                         for s in view["steps"]]}
    return _answer(parsed, "\n".join(lines), data, account=account.name)


def _status_view(conn, account_id: int, scope, day: date, tz) -> dict:
    owner = accounts.owner_name(conn, account_id) or "—"
    far = to_db(lookup.next_day_start_utc(day + timedelta(days=3650), tz))
    return {
        "owner": owner,
        "deals": deals.deal_rows(conn, scope, account_id=account_id, status=None, limit=10),
        "history": interactions.recent_for_account(conn, account_id, 5),
        "steps": interactions.due_steps(conn, None, far, account_id=account_id, limit=3),
    }


# --- pipeline, forecast, closing, stalled --------------------------------------------------


@router.intent("pipeline")
async def pipeline(msg: Incoming, ctx: Context, parsed: Parsed) -> Answer:
    scope, refusal, parsed = await _scope_for(ctx, parsed)
    if refusal:
        return refusal
    stages = await ctx.store.read(deals.pipeline_by_stage, scope, parsed.stage)
    currency = await ctx.store.read(deals.main_currency, scope)
    who = _who(ctx, scope) if not parsed.name or scope is None or len(scope) != 1 else \
        esc(parsed.name)
    lines = [ctx.t("ask.pipeline.title", who=who)]
    for s in stages:
        lines.append(ctx.t("ask.pipeline.line", stage=s.label(ctx.locale), count=s.count,
                           amount=_money(ctx, s.amount, currency),
                           weighted=_money(ctx, s.weighted, currency)))
    count, amount, weighted = (sum(s.count for s in stages), sum(s.amount for s in stages),
                               sum(s.weighted for s in stages))
    lines.append(ctx.t("ask.pipeline.total", count=count, amount=_money(ctx, amount, currency),
                       weighted=_money(ctx, weighted, currency)))
    data: dict = {
        "stages": [{"stage": s.key, "label": s.label(ctx.locale), "count": s.count,
                    "amount": round(s.amount, 2), "weighted": round(s.weighted, 2)}
                   for s in stages],
        "total": {"count": count, "amount": round(amount, 2), "weighted": round(weighted, 2)},
        "currency": currency,
    }
    if (scope is None or len(scope) > 1) and _BY_REP.search(normalize(parsed.text)):
        reps = await ctx.store.read(deals.pipeline_by_owner, scope)
        lines.append(ctx.t("ask.pipeline.by_rep"))
        lines += [ctx.t("ask.rep_line", name=esc(r.name), count=r.count,
                        amount=_money(ctx, r.amount, currency),
                        weighted=_money(ctx, r.weighted, currency)) for r in reps]
        data["by_rep"] = [{"person": r.name, "count": r.count, "amount": round(r.amount, 2),
                           "weighted": round(r.weighted, 2)} for r in reps]
    return _answer(parsed, "\n".join(lines), data)


def _period(parsed: Parsed, today: date) -> Period:
    if parsed.period is not None:
        return parsed.period
    if parsed.date is not None:
        return Period(parsed.date, parsed.date)
    return month_period(today.year, today.month)


@router.intent("forecast")
async def forecast(msg: Incoming, ctx: Context, parsed: Parsed) -> Answer:
    if (bad := asking.problem(ctx, parsed)) is not None:
        return bad
    scope, refusal, parsed = await _scope_for(ctx, parsed)
    if refusal:
        return refusal
    period = _period(parsed, asking.today(ctx))
    reps = await ctx.store.read(deals.forecast_by_owner, scope, period.start, period.end)
    currency = await ctx.store.read(deals.main_currency, scope)
    total = deals.total_forecast(reps)
    m = lambda v: _money(ctx, v, currency)  # noqa: E731
    lines = [ctx.t("ask.forecast.title", start=fmt.day(period.start, ctx.locale),
                   end=fmt.day(period.end, ctx.locale), who=_who(ctx, scope)),
             ctx.t("ask.forecast.body", weighted=m(total.weighted), committed=m(total.committed),
                   best=m(total.best_case), won=m(total.won), count=total.open_count)]
    data: dict = {"period": period.as_json(), "currency": currency,
                  **{k: round(getattr(total, k), 2) for k in ("weighted", "committed",
                                                              "best_case", "won")},
                  "open_count": total.open_count}
    if scope is None or len(scope) > 1:
        lines += [ctx.t("ask.forecast.rep", name=esc(r.name), weighted=m(r.forecast.weighted),
                        committed=m(r.forecast.committed)) for r in reps]
        data["by_rep"] = [{"person": r.name, "weighted": round(r.forecast.weighted, 2),
                           "committed": round(r.forecast.committed, 2),
                           "best_case": round(r.forecast.best_case, 2)} for r in reps]
    return _answer(parsed, "\n".join(lines), data, period=period.as_json())


def _deal_lines(ctx: Context, rows: list[deals.DealRow], when) -> list[str]:
    return [ctx.t("ask.deal_line", account=esc(d.account_name), title=esc(d.title),
                  amount=_money(ctx, d.amount, d.currency), stage=d.stage_label(ctx.locale),
                  when=when(d)) for d in rows]


def _deal_data(rows: list[deals.DealRow]) -> list[dict]:
    return [{"id": d.id, "account": d.account_name, "title": d.title, "owner": d.owner_name,
             "stage": d.stage_key, "amount": d.amount, "currency": d.currency,
             "close_date": d.close_date, "last_touch": d.last_touch} for d in rows]


@router.intent("closing")
async def closing(msg: Incoming, ctx: Context, parsed: Parsed) -> Answer:
    if (bad := asking.problem(ctx, parsed)) is not None:
        return bad
    scope, refusal, parsed = await _scope_for(ctx, parsed)
    if refusal:
        return refusal
    period = _period(parsed, asking.today(ctx))
    rows = await ctx.store.read(lambda c: deals.deal_rows(
        c, scope, close_from=period.start, close_to=period.end, limit=LIST_LIMIT))
    count, amount = await ctx.store.read(lambda c: deals.count_deals(
        c, scope, close_from=period.start, close_to=period.end))
    start, end = fmt.day(period.start, ctx.locale), fmt.day(period.end, ctx.locale)
    currency = rows[0].currency if rows else "BRL"
    if not rows:
        text = ctx.t("ask.closing.none", start=start, end=end)
    else:
        lines = [ctx.t("ask.closing.title", start=start, end=end, count=count,
                       amount=_money(ctx, amount, currency))]
        lines += _deal_lines(ctx, rows, lambda d: fmt.day(date.fromisoformat(d.close_date),
                                                          ctx.locale))
        if count > len(rows):
            lines.append(ctx.t("ask.more", count=count - len(rows)))
        text = "\n".join(lines)
    data = {"period": period.as_json(), "count": count, "amount": round(amount, 2),
            "deals": _deal_data(rows)}
    return _answer(parsed, text, data, period=period.as_json())


@router.intent("stalled")
async def stalled(msg: Incoming, ctx: Context, parsed: Parsed) -> Answer:
    scope, refusal, parsed = await _scope_for(ctx, parsed)
    if refusal:
        return refusal
    day = asking.today(ctx)
    days = ctx.options.stalled_days
    if parsed.date is not None and parsed.date < day:
        days = (day - parsed.date).days  # "parados há 30 dias"
    since = to_db(ctx.now() - timedelta(days=days))
    rows = await ctx.store.read(lambda c: deals.deal_rows(c, scope, idle_since=since,
                                                          limit=LIST_LIMIT))
    count, amount = await ctx.store.read(lambda c: deals.count_deals(c, scope, idle_since=since))
    if not rows:
        text = ctx.t("ask.stalled.none", days=days)
    else:
        def touched(d: deals.DealRow) -> str:
            idle = _days_since(ctx, d.last_touch)
            return (ctx.t("ask.why.never") if idle is None
                    else ctx.t("ask.last_touch", ago=fmt.days_ago(idle, ctx.locale)))
        lines = [ctx.t("ask.stalled.title", days=days, count=count,
                       amount=_money(ctx, amount, rows[0].currency))]
        lines += _deal_lines(ctx, rows, touched)
        if count > len(rows):
            lines.append(ctx.t("ask.more", count=count - len(rows)))
        text = "\n".join(lines)
    data = {"days": days, "count": count, "amount": round(amount, 2), "deals": _deal_data(rows)}
    return _answer(parsed, text, data)


# --- overdue and team ------------------------------------------------------------------------


@router.intent("overdue")
async def overdue(msg: Incoming, ctx: Context, parsed: Parsed) -> Answer:
    assert ctx.person is not None
    scope = await asking.owner_ids(ctx)
    day = asking.today(ctx)
    start = to_db(lookup.day_start_utc(day, _tz(ctx)))
    if scope is not None and len(scope) == 1:
        steps = await ctx.store.read(interactions.due_steps, scope, start)
        follow_ups = await ctx.store.read(interactions.due_follow_ups, scope,
                                          day - timedelta(days=1))
        items = [*steps, *follow_ups]
        if not items:
            return _answer(parsed, ctx.t("ask.overdue.none"), {"items": []})
        lines = [ctx.t("ask.overdue.title", count=len(items))]
        for item in items[:LIST_LIMIT * 2]:
            lines.append(f"- {channel(item.channel, ctx.locale)} — *{esc(item.account_name)}*"
                         f" · {_item_label(ctx, item)} · {item.due[:10]}")
        data = {"items": [{"source": i.source, "id": i.id, "account": i.account_name,
                           "due": i.due} for i in items]}
        return _answer(parsed, "\n".join(lines), data)
    behind = await ctx.store.read(interactions.behind_by_owner, scope, start, day)
    if not behind:
        return _answer(parsed, ctx.t("ask.overdue.none"), {"people": []})
    lines = [ctx.t("ask.behind.title")]
    lines += [ctx.t("ask.behind.line", name=esc(b.name), steps=b.steps,
                    follow_ups=b.follow_ups,
                    oldest=fmt.day(date.fromisoformat(b.oldest[:10]), ctx.locale))
              for b in behind]
    data = {"people": [{"person": b.name, "steps": b.steps, "follow_ups": b.follow_ups,
                        "oldest": b.oldest} for b in behind]}
    return _answer(parsed, "\n".join(lines), data)


@router.intent("team")
async def team(msg: Incoming, ctx: Context, parsed: Parsed) -> Answer:
    assert ctx.person is not None
    scope = await asking.owner_ids(ctx)
    day = asking.today(ctx)
    start = to_db(lookup.day_start_utc(day, _tz(ctx)))
    week_ago = to_db(ctx.now() - timedelta(days=7))
    view = await ctx.store.read(_team_view, scope, start, day, week_ago)
    currency = view["currency"]
    lines = [ctx.t("ask.team.title")]
    data = []
    for person in view["people"]:
        pipe = view["pipeline"].get(person.id)
        behind = view["behind"].get(person.id)
        row = {"person": person.name, "count": pipe.count if pipe else 0,
               "weighted": round(pipe.weighted, 2) if pipe else 0.0,
               "overdue": (behind.steps + behind.follow_ups) if behind else 0,
               "touches_7d": view["touches"].get(person.id, 0)}
        data.append(row)
        lines.append(ctx.t("ask.team.line", name=esc(person.name), count=row["count"],
                           weighted=_money(ctx, row["weighted"], currency),
                           behind=row["overdue"], touches=row["touches_7d"]))
    return _answer(parsed, "\n".join(lines), {"people": data, "currency": currency})


def _team_view(conn, scope, start: str, day: date, week_ago: str) -> dict:
    listed = (people.list_people(conn) if scope is None
              else [people.get_person(conn, pid) for pid in scope])
    everyone = [p for p in listed if p.active]
    return {
        "people": everyone,
        "pipeline": {r.owner_id: r for r in deals.pipeline_by_owner(conn, scope)},
        "behind": {b.owner_id: b for b in interactions.behind_by_owner(conn, scope, start, day)},
        "touches": interactions.touches_by_person(conn, scope, week_ago),
        "currency": deals.main_currency(conn, scope),
    }


__all__ = ["router", "agenda", "next_step", "status", "pipeline", "forecast", "closing",
           "stalled", "overdue", "team", "why", "channel"]
