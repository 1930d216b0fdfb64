"""The summary an import prints: counts, each merge, each rejected line and why, notes."""

from __future__ import annotations

from collections import Counter

from handlers.kernel.i18n import t
from handlers.transfer.plan import Summary


def _grouped(summary: Summary, key: str) -> str:
    counts = Counter(str(e.params["value"]) for e in summary.errors if e.key == key)
    return ", ".join(f'"{value}" ({count})' for value, count in counts.most_common())


def render(summary: Summary, locale: str, *, applied: bool, dry_run: bool) -> str:
    """The import summary as plain lines in `locale`."""
    lines = [
        t(
            locale,
            "transfer.summary",
            kind=t(locale, f"transfer.kind.{summary.kind}"),
            created=summary.created,
            updated=summary.updated,
            unchanged=summary.unchanged,
            merged=len(summary.merges),
            rejected=summary.rejected,
        )
    ]
    if summary.accounts_created:
        lines.append(
            t(locale, "transfer.summary_accounts_created", count=summary.accounts_created)
        )
    for key, header in (
        ("transfer.unknown_stage", "transfer.unknown_stages"),
        ("transfer.unknown_owner", "transfer.unknown_owners"),
    ):
        values = _grouped(summary, key)
        if values:
            lines.append(t(locale, header, values=values))
    if summary.merges:
        lines.append(t(locale, "transfer.merges_header"))
        lines += [
            "  "
            + t(
                locale,
                "transfer.line",
                line=m.line,
                text=t(locale, "transfer.note_merged", name=m.name, existing=m.existing),
            )
            for m in summary.merges
        ]
    for header, items in (
        ("transfer.rejected_header", summary.errors),
        ("transfer.notes_header", summary.notes),
    ):
        if items:
            lines.append(t(locale, header))
            lines += [
                "  " + t(locale, "transfer.line", line=i.line, text=i.text(locale)) for i in items
            ]
    if dry_run:
        lines.append(t(locale, "transfer.dry_run"))
    elif not applied:
        lines.append(t(locale, "transfer.strict_refused"))
    return "\n".join(lines)
