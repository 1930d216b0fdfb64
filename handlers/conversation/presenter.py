"""The words and buttons of what the engine sends unasked: reminders, agendas, idle alerts.

cadence_jobs decides what is due and queues it; this is the one implementation of its
`Presenter` protocol (cadence_jobs/presenter.py), handed to the jobs and the outbox dispatcher
by bot/app.py, so the engine never imports the message model or the catalogue.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from cadence_jobs.presenter import IdleItem, IssueTokens
from handlers.conversation import ask_agenda, reminders
from handlers.kernel import outbox_codec
from handlers.kernel.i18n import t, tn
from handlers.kernel.markup import esc
from handlers.kernel.messages import Button, Reply
from storage.cadences import StoredCadence
from storage.interface import Tx

MAX_IDLE_ITEMS = 5  # per message: enough to act on from a phone, with a pointer to the rest


class ChatPresenter:
    """Presenter for the chat channels: Replies in the neutral message model."""

    def stored(self, payload: Mapping[str, Any]) -> list[Reply]:
        return outbox_codec.decode(payload)

    def reminder(self, data: Mapping[str, Any], locale: str) -> Reply:
        return reminders.reminder(data, locale)

    def batch(
        self,
        steps: Sequence[Mapping[str, Any]],
        locale: str,
        leads: Sequence[Mapping[str, Any]] = (),
    ) -> list[Reply]:
        lead = [reply.text for payload in leads for reply in outbox_codec.decode(payload)]
        return reminders.batch(steps, locale, lead)

    def seal(self, messages: Sequence[Reply], issue: IssueTokens) -> tuple[Reply, ...]:
        """Every button gets a token, one `issue` call per message (as the chat pipeline does
        for a reply, so a tap on a reminder is looked up the same way)."""
        sealed = []
        for reply in messages:
            pending = list(reply.buttons) + list(reply.choices)
            tokens = issue([(b.action, dict(b.args)) for b in pending])
            by_button = dict(zip(map(id, pending), tokens, strict=True))

            def with_tokens(buttons: tuple[Button, ...], by=by_button) -> tuple[Button, ...]:
                return tuple(replace(b, token=by[id(b)]) for b in buttons)

            sealed.append(
                replace(
                    reply, buttons=with_tokens(reply.buttons), choices=with_tokens(reply.choices)
                )
            )
        return tuple(sealed)

    def agenda(
        self, tx: Tx, owner_id: int, locale: str, now: datetime, today: date, tz: ZoneInfo
    ) -> dict[str, Any] | None:
        """The agenda the rep gets by asking "o que tenho hoje?" (steps and follow-ups, ranked,
        each with its why), after a greeting for the local hour it is written at."""
        reader = ask_agenda.Reader(locale, now)
        first = ask_agenda.FIRST_PAGE
        lines, _, total = ask_agenda.todays_agenda(tx, owner_id, reader, today, tz, first)
        if not lines:
            return None
        if total > first.end:  # the rest is one question away: "o que tenho hoje?"
            lines.append(reader.t("ask.more", count=total - first.end))
        hello = reminders.greeting(now.astimezone(tz).hour, locale)
        return outbox_codec.payload([Reply("\n".join([hello, *lines]), private=True)])

    def idle_alert(
        self, locale: str, items: Sequence[IdleItem], cadence: StoredCadence
    ) -> dict[str, Any]:
        """One item worded in full; several as a list (a first run over an imported CRM must
        not send a burst), at most MAX_IDLE_ITEMS of them with a button each."""
        name = cadence.name(locale)
        shown = items[:MAX_IDLE_ITEMS]
        if len(items) == 1:
            text = _idle_line(locale, items[0], name)
        else:
            lines = [tn(locale, "cadence.idle.header", len(items), cadence=esc(name))]
            lines += [f"- {_idle_line(locale, item, name, short=True)}" for item in shown]
            if len(items) > len(shown):
                lines.append(t(locale, "cadence.idle.more", count=len(items) - len(shown)))
            text = "\n".join(lines)
        buttons = tuple(
            Button(
                _button_label(locale, item, len(items)),
                "cadence.enroll",
                {**item.target, "cadence": cadence.key},
                style="primary",
            )
            for item in shown
        )
        return outbox_codec.payload([Reply(text, buttons=buttons, private=True)])


def _idle_line(locale: str, item: IdleItem, cadence_name: str, *, short: bool = False) -> str:
    which = (
        "account"
        if "account" in item.target
        else ("deal" if item.idle.reason == "idle" else "deal_no_step")
    )
    key = f"cadence.idle.item.{which}" if short else f"cadence.idle.{which}"
    params = {"cadence": esc(cadence_name), **{k: esc(v) for k, v in item.names.items()}}
    if which == "deal_no_step":  # no count of days in that sentence
        return t(locale, key, days=item.idle.idle_days, **params)
    days = item.idle.idle_days or 0
    return tn(locale, key, days, days=days, **params)


def _button_label(locale: str, item: IdleItem, count: int) -> str:
    label = t(locale, "cadence.idle.enroll")
    if count == 1:
        return label
    # Slack allows 75 characters on a button; the item's name says which one it enrols.
    return f"{label}: {item.names.get('title') or item.names['account']}"[:75]
