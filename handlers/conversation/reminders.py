"""What a rep sees: the reminder for a due step, with its buttons and one-tap link, and the agenda.

Reminders are rendered at delivery time from the data queued in the outbox, in the rep's
language, so they stay platform-neutral: the adapter turns the markup and buttons into Block
Kit or an inline keyboard.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from handlers.kernel.i18n import t, tn
from handlers.kernel.markup import esc
from handlers.kernel.messages import Button, Reply
from storage import labels

# Calling codes for numbers saved without one, by the holidays country of the deployment.
CALLING_CODES = {"BR": "55", "PT": "351", "US": "1", "ES": "34", "AR": "54", "MX": "52"}


def phone_digits(phone: str, country: str | None = "BR") -> str | None:
    """An international number as digits only ('(92) 99999-1234' → '5592999991234').

    A number written without '+' or a country code gets the deployment country's calling code
    (a Brazilian national number has 10 or 11 digits). None if there are too few digits to dial.
    """
    digits = re.sub(r"\D", "", phone)
    if len(digits) < 8:
        return None
    if phone.strip().startswith("+") or phone.strip().startswith("00"):
        return digits.removeprefix("00")
    code = CALLING_CODES.get(country or "", "")
    if code == "55" and len(digits) in (12, 13) and digits.startswith("55"):
        return digits
    if code == "55" and len(digits) in (10, 11):
        return code + digits
    return digits if not code or digits.startswith(code) else code + digits


def fill(template: str, values: Mapping[str, str]) -> str:
    """The template with {contact}, {account} and {rep} filled in; unknown names stay as is."""
    return re.sub(r"\{(\w+)\}", lambda m: values.get(m.group(1), m.group(0)), template)


def one_tap_link(payload: Mapping[str, Any], locale: str) -> str | None:
    """The markup link that starts the step's action in one tap, if the contact has the data."""
    channel = payload.get("channel")
    template = fill(payload.get("template", {}).get(locale) or "", _names(payload))
    phone = payload.get("phone")
    email = payload.get("email")
    if channel == "whatsapp" and phone and (digits := phone_digits(phone, payload.get("country"))):
        url = f"https://wa.me/{digits}" + (f"?text={quote(template)}" if template else "")
        return f"[{t(locale, 'cadence.link.whatsapp')}]({url})"
    if channel == "call" and phone and (digits := phone_digits(phone, payload.get("country"))):
        # International digits: the form every chat app auto-links where tel: links don't open.
        return f"[{t(locale, 'cadence.link.call', phone=f'+{digits}')}](tel:+{digits})"
    if channel == "email" and email:
        query = f"?subject={quote(payload.get('account') or '')}"
        if template:
            query += f"&body={quote(template)}"
        url = f"mailto:{quote(email, safe='@')}{query}"
        return f"[{t(locale, 'cadence.link.email', email=esc(email))}]({url})"
    return None


def _names(payload: Mapping[str, Any]) -> dict[str, str]:
    contact = payload.get("contact") or ""
    return {
        "contact": contact.split()[0] if contact else "",
        "account": payload.get("account") or "",
        "rep": payload.get("rep") or "",
    }


def _who(payload: Mapping[str, Any]) -> str:
    contact, account = payload.get("contact"), payload.get("account")
    if contact and account:
        return f"{esc(contact)} ({esc(account)})"
    return esc(contact or account or "?")


def step_buttons(payload: Mapping[str, Any], locale: str) -> tuple[Button, ...]:
    """Done / skip / snooze / replied for this enrolment's step (stale taps are detected)."""
    args = {"enrolment": payload["enrolment_id"], "step": payload["step_index"]}
    return tuple(
        Button(t(locale, f"cadence.button.{name}"), f"step.{name}", args, style=style)
        for name, style in (
            ("done", "primary"),
            ("skip", None),
            ("snooze", None),
            ("replied", None),
        )
    )


def reminder_text(payload: Mapping[str, Any], locale: str) -> str:
    name = payload.get("cadence_name", {})
    lines = [
        t(
            locale,
            "cadence.reminder.title",
            channel=t(locale, f"cadence.channel.{payload['channel']}"),
            step=payload["step_index"] + 1,
            steps=payload.get("steps", "?"),
            cadence=esc(labels.cadence_name(locale, name, payload.get("cadence", ""))),
        ),
        esc(payload.get("action", {}).get(locale) or payload.get("action", {}).get("pt-BR", "")),
        t(locale, "cadence.reminder.who", who=_who(payload)),
    ]
    link = one_tap_link(payload, locale)
    if link:
        lines.append(link)
    return "\n".join(lines)


def follow_up_reminder(payload: Mapping[str, Any], locale: str) -> Reply:
    """The reminder for a follow-up or task on its day: what to do, where, and done/tomorrow."""
    lines = [
        t(
            locale,
            "cadence.follow_up.title",
            channel=t(locale, f"cadence.channel.{payload['channel']}"),
        )
    ]
    if payload.get("note"):
        lines.append(esc(payload["note"]))
    if payload.get("account"):
        lines.append(t(locale, "cadence.reminder.who", who=_who(payload)))
    if payload.get("due_time"):
        lines.append(t(locale, "cadence.follow_up.when", when=payload["due_time"]))
    args = {"follow_up": payload["follow_up_id"]}
    buttons = (
        Button(t(locale, "cadence.button.done"), "task.done", args, style="primary"),
        Button(t(locale, "cadence.button.postpone"), "task.postpone", args),
    )
    return Reply("\n".join(lines), buttons=buttons, private=True)


def reminder(payload: Mapping[str, Any], locale: str) -> Reply:
    """One reminder message for one due step (or one follow-up or task)."""
    if "follow_up_id" in payload:
        return follow_up_reminder(payload, locale)
    return Reply(
        reminder_text(payload, locale), buttons=step_buttons(payload, locale), private=True
    )


def batch(
    payloads: Sequence[Mapping[str, Any]], locale: str, lead: Sequence[str] = ()
) -> list[Reply]:
    """Everything a person who asked for batched notifications gets at one of their times, as
    ONE message (the README's promise): `lead` (the morning agenda, when it falls due in the
    same batch), a title, then each reminder numbered, its buttons carrying that number."""
    parts = list(lead)
    buttons: list[Button] = []
    if payloads:
        parts.append(tn(locale, "cadence.batch.title", len(payloads)))
    for n, payload in enumerate(payloads, start=1):
        single = reminder(payload, locale)
        parts.append(f"*{n}.* {single.text}")
        buttons.extend(
            Button(f"{n} · {b.label}", b.action, b.args, b.style, b.confirm)
            for b in single.buttons
        )
    return [Reply("\n\n".join(parts), buttons=tuple(buttons), private=True)]


def greeting(hour: int, locale: str) -> str:
    """The greeting for the reader's local hour: an agenda that arrives late in the day (the
    person started late, or batched it for the afternoon) must not say good morning."""
    part = "morning" if 5 <= hour < 12 else "afternoon" if 12 <= hour < 18 else "evening"
    return t(locale, f"cadence.greeting.{part}")
