"""Interactions: every call, visit, e-mail or note, stored once per source message.

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/interactions.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage import labels

KINDS = ("call", "email", "meeting", "visit", "whatsapp", "linkedin", "note")


@dataclass(frozen=True)
class Interaction:
    id: int
    person_id: int
    account_id: int | None
    deal_id: int | None
    contact_id: int | None
    kind: str
    outcome: str | None
    body: str
    occurred_at: str
    source_platform: str | None
    source_message_id: str | None


_COLS = (
    "id, person_id, account_id, deal_id, contact_id, kind, outcome, body, occurred_at,"
    " source_platform, source_message_id"
)


@dataclass(frozen=True)
class Logged:
    """The stored interaction, and whether this call stored it (False: a redelivery)."""

    interaction: Interaction
    created: bool


# --- follow-ups (migration 0003) and what the agenda and history read ---------------------


@dataclass(frozen=True)
class FollowUp:
    id: int
    person_id: int
    account_id: int | None
    deal_id: int | None
    kind: str
    due_date: str
    due_time: str | None
    note: str
    state: str


# --- what is due: cadence steps (enrolments) and follow-ups, for agendas and "who is behind" ---


@dataclass(frozen=True)
class DueItem:
    """One thing to do: a cadence step (`source` "step", `id` the enrolment) or a follow-up."""

    source: str
    id: int
    owner_id: int
    owner_name: str
    account_id: int | None
    account_name: str | None
    contact_name: str | None
    channel: str | None
    cadence_pt: str | None
    cadence_en: str | None
    step_index: int | None
    due: str  # UTC timestamp for a step, YYYY-MM-DD for a follow-up
    amount: float
    currency: str
    probability: float
    last_touch: str | None
    note: str | None = None  # what a follow-up or task says to do
    cadence_key: str | None = None  # a step's cadence
    # The cadence's names in locales beyond pt-BR and English, from the labels table.
    cadence_others: tuple[tuple[str, str], ...] = ()

    def cadence(self, locale: str) -> str | None:
        """A step's cadence name in `locale` (storage.labels.cadence_name); None for a
        follow-up."""
        return _cadence(
            locale, self.cadence_key, self.cadence_pt, self.cadence_en, self.cadence_others
        )


@dataclass(frozen=True)
class Behind:
    """How far behind one rep is: overdue steps and follow-ups, and the oldest due date."""

    owner_id: int
    name: str
    steps: int
    follow_ups: int
    oldest: str


@dataclass(frozen=True)
class NextItem:
    """What is planned next at an account for one rep: a cadence step or a follow-up."""

    source: str
    id: int
    channel: str | None
    cadence_pt: str | None
    cadence_en: str | None
    step_index: int | None
    due: str
    cadence_key: str | None = None  # a step's cadence
    # The cadence's names in locales beyond pt-BR and English, from the labels table.
    cadence_others: tuple[tuple[str, str], ...] = ()

    def cadence(self, locale: str) -> str | None:
        """A step's cadence name in `locale` (storage.labels.cadence_name); None for a
        follow-up."""
        return _cadence(
            locale, self.cadence_key, self.cadence_pt, self.cadence_en, self.cadence_others
        )


def _cadence(
    locale: str,
    key: str | None,
    name_pt: str | None,
    name_en: str | None,
    others: tuple[tuple[str, str], ...],
) -> str | None:
    if key is None and name_pt is None and name_en is None:
        return None
    names = {"pt-BR": name_pt, "en": name_en, **dict(others)}
    return labels.cadence_name(locale, names, key or "")
