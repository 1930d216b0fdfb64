"""The standard reasons a deal is lost, labelled in both languages (one catalogue for the
confirmation buttons, the digest and anything else that names a reason)."""

from __future__ import annotations

from handlers.kernel.i18n import register, t
from storage.deals import LOST_REASONS

LABELS = {
    "price": {"pt-BR": "preço", "en": "price"},
    "competitor": {"pt-BR": "concorrente", "en": "competitor"},
    "no_budget": {"pt-BR": "sem orçamento", "en": "no budget"},
    "no_decision": {"pt-BR": "sem decisão", "en": "no decision"},
    "timing": {"pt-BR": "momento", "en": "timing"},
    "lost_contact": {"pt-BR": "perdemos contato", "en": "lost contact"},
    "other": {"pt-BR": "outro", "en": "other"},
}
assert set(LABELS) == set(LOST_REASONS), "every standard lost reason needs a label"
register({f"lost_reason.{key}": versions for key, versions in LABELS.items()})


def label(locale: str, reason: str | None) -> str:
    """A reason's label; an unknown or missing reason reads as "other"."""
    return t(locale, f"lost_reason.{reason if reason in LABELS else 'other'}")
