"""The standard reasons a deal is lost, by label (one place for the confirmation buttons, the
digest and anything else that names a reason); the labels are `lost_reason.<key>` msgids."""

from __future__ import annotations

from handlers.kernel.i18n import t
from storage.deals import LOST_REASONS

LABELS = frozenset(LOST_REASONS)


def label(locale: str, reason: str | None) -> str:
    """A reason's label; an unknown or missing reason reads as "other"."""
    return t(locale, f"lost_reason.{reason if reason in LABELS else 'other'}")
