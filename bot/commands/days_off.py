"""The sentence `ritmo cadences preview` prints about which days off it skipped, and why.

Carnival and Corpus Christi are in the `holidays` package's optional category, so whether a
step lands on them depends on a setting; the preview says the rule in force and the days off
it met, so an operator sees it before a rep does.
"""

from __future__ import annotations

from datetime import date, timedelta

from cadence_jobs.calendar import DEFAULT_OPTIONAL_DAYS, WorkCalendar
from handlers.kernel.i18n import t


def sentence(cal: WorkCalendar, start: date, end: date, locale: str) -> str:
    """The rule in force, the extra dates, and the holidays between `start` and `end`."""
    place = "-".join(p for p in (cal.country, cal.subdivision) if p)
    if not cal.country:
        text = t(locale, "cli.days_off.none")
    elif cal.holiday_categories is not None:
        text = t(
            locale,
            "cli.days_off.categories",
            place=place,
            categories=", ".join(cal.holiday_categories),
        )
    elif cal.country in DEFAULT_OPTIONAL_DAYS:
        text = t(locale, "cli.days_off.default", place=place)
    else:
        text = t(locale, "cli.days_off.public", place=place)
    if cal.extra_holidays:
        text += t(
            locale,
            "cli.days_off.extra",
            days=", ".join(d.isoformat() for d in sorted(cal.extra_holidays)),
        )
    met = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    met = [d for d in met if cal.is_holiday(d)]
    if met:
        text += t(locale, "cli.days_off.met", days=", ".join(d.isoformat() for d in met))
    return text
