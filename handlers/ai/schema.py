"""What the model is asked to return, and the check that what it returned is a reading.

The JSON schema has the shape of `ritmo ask --json`'s `intent` and `entities` (the documented
intents and entity keys, plus `body`, the note to store), with the asker's candidate names
as an enum so the model picks a name rather than inventing one. Hosted providers enforce a
strict schema; local servers may not, so `validate` checks every value again and anything
outside it makes the whole reading invalid (the rules' answer is used instead).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from handlers.understanding.amounts import Amount
from handlers.understanding.dates import Period
from handlers.understanding.parse import Parsed

# Questions are answered at once; writes only ever become a confirm card.
QUESTIONS = (
    "agenda",
    "next_step",
    "status",
    "pipeline",
    "forecast",
    "closing",
    "stalled",
    "overdue",
    "digest",
    "team",
    "help",
)
WRITES = ("log", "stage_change", "won", "lost", "deal_update", "task", "enroll")
INTENTS = (*QUESTIONS, *WRITES, "unknown")
KINDS = ("call", "email", "meeting", "visit", "whatsapp", "linkedin", "note")
REASONS = ("price", "competitor", "no_budget", "no_decision", "timing", "lost_contact", "other")
MAX_BODY = 1000
MAX_CANDIDATES = 60


class Invalid(ValueError):
    """The model's answer is not a reading of this message (the reason is for the log)."""


@dataclass(frozen=True)
class Reading:
    """What the model read, already checked: names are candidates, dates are dates."""

    intent: str
    account: str | None = None
    contact: str | None = None
    kind: str | None = None
    day: date | None = None
    period: Period | None = None
    amount: Amount | None = None
    stage: str | None = None
    cadence: str | None = None
    reason: str | None = None
    body: str = ""

    @property
    def writes(self) -> bool:
        return self.intent in WRITES

    def parsed(self, text: str) -> Parsed:
        """The same `Parsed` a rules reading gives, so the same resolution and handlers run.

        A log carries no amount: the log handler would turn a second fact into its own card,
        read again by the rules; an amount is a `deal_update` reading."""
        return Parsed(
            text=text,
            intent=self.intent,
            name=self.account,
            kind=self.kind,
            date=self.day,
            period=self.period,
            amount=None if self.intent == "log" else self.amount,
            stage=self.stage,
            cadence=self.cadence,
            reason=self.reason,
            body=self.body,
        )

    def as_json(self) -> dict[str, Any]:
        """The reading in button arguments and the audit row (JSON values only)."""
        out: dict[str, Any] = {"intent": self.intent, "body": self.body}
        for key in ("account", "contact", "kind", "stage", "cadence", "reason"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        if self.day:
            out["date"] = self.day.isoformat()
        if self.period:
            out["period"] = self.period.as_json()
        if self.amount:
            out["amount"] = {"value": self.amount.value, "currency": self.amount.currency}
        return out


def load(data: dict[str, Any]) -> Reading:
    """A reading kept in a confirm button's arguments (stored server-side), back."""
    amount = data.get("amount")
    period = data.get("period")
    return Reading(
        intent=str(data["intent"]),
        account=data.get("account"),
        contact=data.get("contact"),
        kind=data.get("kind"),
        day=date.fromisoformat(data["date"]) if data.get("date") else None,
        period=Period(date.fromisoformat(period["start"]), date.fromisoformat(period["end"]))
        if period
        else None,
        amount=Amount(float(amount["value"]), amount.get("currency")) if amount else None,
        stage=data.get("stage"),
        cadence=data.get("cadence"),
        reason=data.get("reason"),
        body=str(data.get("body") or ""),
    )


@dataclass(frozen=True)
class Vocabulary:
    """The values a reading may take for this asker: their names, stages and cadences."""

    candidates: tuple[str, ...]
    stages: tuple[str, ...]
    cadences: tuple[str, ...] = ()


def _nullable(kind: str, enum: Sequence[str] | None = None) -> dict[str, Any]:
    if enum is not None:
        return {"type": ["string", "null"], "enum": [*enum, None]}
    return {"type": [kind, "null"]}


def _object(properties: dict[str, Any]) -> dict[str, Any]:
    # Strict mode (OpenAI) wants every property required and nothing else allowed.
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }


def build(vocab: Vocabulary) -> dict[str, Any]:
    """The JSON schema for `response_format`, with this asker's names as the only choices."""
    period = _object({"start": {"type": "string"}, "end": {"type": "string"}})
    amount = _object({"value": {"type": "number"}, "currency": {"type": "string"}})
    entities = _object(
        {
            "account": _nullable("string", vocab.candidates),
            "contact": _nullable("string"),
            "kind": _nullable("string", KINDS),
            "date": _nullable("string"),
            "period": {"anyOf": [period, {"type": "null"}]},
            "amount": {"anyOf": [amount, {"type": "null"}]},
            "stage": _nullable("string", vocab.stages),
            "cadence": _nullable("string", vocab.cadences or None),
            "reason": _nullable("string", REASONS),
            "body": {"type": "string"},
        }
    )
    return _object({"intent": {"type": "string", "enum": list(INTENTS)}, "entities": entities})


def validate(content: dict[str, Any], vocab: Vocabulary) -> Reading:
    """The reading in `content`, or Invalid when any value is outside the schema.

    Raises:
        Invalid: a missing or unknown intent, a name not among the candidates, a bad date…
    """
    intent = content.get("intent")
    if intent not in INTENTS:
        raise Invalid(f"intent {intent!r} is not one of the documented intents")
    raw = content.get("entities") or {}
    if not isinstance(raw, dict) or set(raw) - _KEYS:
        raise Invalid("entities is not an object of the documented keys")
    return Reading(
        intent=intent,
        account=_choice(raw, "account", vocab.candidates),
        contact=_text(raw, "contact", 200),
        kind=_choice(raw, "kind", KINDS),
        day=_day(raw.get("date")),
        period=_period(raw.get("period")),
        amount=_amount(raw.get("amount")),
        stage=_choice(raw, "stage", vocab.stages),
        cadence=_choice(raw, "cadence", vocab.cadences)
        if vocab.cadences
        else _text(raw, "cadence", 100),
        reason=_choice(raw, "reason", REASONS),
        body=_text(raw, "body", MAX_BODY) or "",
    )


_KEYS = {
    "account",
    "contact",
    "kind",
    "date",
    "period",
    "amount",
    "stage",
    "cadence",
    "reason",
    "body",
}


def _text(raw: dict[str, Any], key: str, limit: int) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > limit:
        raise Invalid(f"{key} is not a string of at most {limit} characters")
    return value.strip() or None


def _choice(raw: dict[str, Any], key: str, allowed: Sequence[str]) -> str | None:
    value = raw.get(key)
    if value is None:
        return None
    if value not in allowed:
        raise Invalid(f"{key} is not one of the allowed values")
    return str(value)


def _day(value: Any) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise Invalid("date is not an ISO date") from None


def _period(value: Any) -> Period | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise Invalid("period is not an object")
    start, end = _day(value.get("start")), _day(value.get("end"))
    if start is None or end is None or end < start:
        raise Invalid("period needs a start before its end")
    return Period(start, end)


def _amount(value: Any) -> Amount | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise Invalid("amount is not an object")
    number, currency = value.get("value"), value.get("currency")
    if isinstance(number, bool) or not isinstance(number, int | float) or not 0 < number < 1e12:
        raise Invalid("amount.value is not a positive number")
    if not isinstance(currency, str) or len(currency) != 3 or not currency.isalpha():
        raise Invalid("amount.currency is not a three-letter code")
    return Amount(float(number), currency.upper())
