"""The start checks for what ritmo.toml can say beyond single values: known keys, upper bounds,
holidays, teams and the cadence folder.

Each of these once passed the start check and crashed later with a traceback (a digest on a
holiday calendar for country "XX", a timedelta of a billion days, a team target "abc" at
`init`, a cadence file saved as Latin-1). They are read here, at start, so the operator gets
one sentence naming the field and the file, and exit 2, before the bot touches the store.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from bot.errors import ConfigError
from cadence_jobs.calendar import holiday_set, subdivisions, supported_categories
from cadence_jobs.definitions import CadenceError, load_all
from handlers.kernel import cadence_problems
from handlers.understanding.amounts import read_amount

# Longer than any sales cycle; beyond it a day count is a typo, and far beyond it (1e9 days)
# Python's dates overflow in the middle of a digest.
MAX_DAYS = 3650
MAX_PORT = 65535

# The tables ritmo.toml may hold besides plain settings (bot/config.py names those).
TOP_TABLES = frozenset({"holidays", "stages", "teams", "backup", "ai", "store"})
TABLE_KEYS = {
    "holidays": frozenset({"country", "subdivision", "categories", "extra"}),
    "teams.*": frozenset({"target", "currency"}),
    "stages": frozenset({"key", "label_pt", "label_en", "labels", "probability", "idle_days"}),
    "backup": frozenset({"folder", "keep"}),
    "store": frozenset({"url"}),
    "ai": frozenset(
        {
            "base_url",
            "api_key",
            "model",
            "transcribe_model",
            "send_contact_data",
            "timeout",
            "hourly_limit",
            "daily_budget",
        }
    ),
}

Error = Callable[..., ConfigError]


def check_keys(
    data: Mapping[str, Any], file: Path, error: Error, settings: frozenset[str]
) -> None:
    """Refuse a key ritmo does not read (a typo would otherwise be silently ignored).

    `settings` are the plain top-level keys config.py reads, so a new setting is known here
    the moment it is read there."""
    _known(data, settings | TOP_TABLES, "", file, error)
    if "holidays" in data and not isinstance(data["holidays"], Mapping):
        raise error("config.not_table", name="holidays", file=file, value=data["holidays"])
    if isinstance(data.get("holidays"), Mapping):
        _known(data["holidays"], TABLE_KEYS["holidays"], "holidays.", file, error)
    if isinstance(data.get("ai"), Mapping):
        _known(data["ai"], TABLE_KEYS["ai"], "ai.", file, error)
    if isinstance(data.get("teams"), Mapping):
        for name, spec in data["teams"].items():
            if isinstance(spec, Mapping):
                _known(spec, TABLE_KEYS["teams.*"], f'teams."{name}".', file, error)
    if isinstance(data.get("backup"), Mapping):
        _known(data["backup"], TABLE_KEYS["backup"], "backup.", file, error)
    if isinstance(data.get("store"), Mapping):
        _known(data["store"], TABLE_KEYS["store"], "store.", file, error)
    if isinstance(data.get("stages"), list):
        for item in data["stages"]:
            if isinstance(item, Mapping):
                _known(item, TABLE_KEYS["stages"], "stages.", file, error)


def _known(
    table: Mapping[str, Any], allowed: frozenset[str], prefix: str, file: Path, error: Error
) -> None:
    for key in table:
        if key in allowed:
            continue
        close = difflib.get_close_matches(key, sorted(allowed), n=1, cutoff=0.6)
        if close:
            raise error(
                "config.unknown_key", name=prefix + key, file=file, suggestion=prefix + close[0]
            )
        raise error(
            "config.unknown_key.list",
            name=prefix + key,
            file=file,
            allowed=", ".join(sorted(allowed)),
        )


def check_bounds(
    out: Mapping[str, Any], where: Callable[[str], str], error: Error, examples: Mapping[str, int]
) -> None:
    """Day counts and the port, already positive whole numbers, within what makes sense."""
    limits = {
        "stalled_days": MAX_DAYS,
        "silent_days": MAX_DAYS,
        "link_code_ttl_days": MAX_DAYS,
        "http_port": MAX_PORT,
    }
    for key, limit in limits.items():
        if key in out and out[key] > limit:
            raise error(
                "config.too_large",
                where=where(key),
                limit=limit,
                example=examples[key],
                value=out[key],
            )


def check_holidays(
    out: Mapping[str, Any], where: Callable[[str], str], error: Error
) -> dict[str, Any]:
    """The country, subdivision and categories must be ones the holidays package has (else
    every digest and due date computed later would raise), and extra days must be dates.

    Returns:
        The categories and extra dates as the calendar takes them (tuples), when set.
    """
    country = out.get("holidays_country", "BR")
    subdivision = out.get("holidays_subdivision")
    if not isinstance(country, str) or _unknown(country, None):
        raise error("config.holidays.country", where=where("holidays_country"), value=country)
    if subdivision is not None and (
        not isinstance(subdivision, str) or _unknown(country, subdivision)
    ):
        allowed = ", ".join(subdivisions(country))
        raise error(
            "config.holidays.subdivision",
            where=where("holidays_subdivision"),
            country=country,
            value=subdivision,
            allowed=allowed,
        )
    found: dict[str, Any] = {}
    if "holidays_categories" in out:
        found["holidays_categories"] = _categories(
            out["holidays_categories"], country, where, error
        )
    if "holidays_extra" in out:
        found["holidays_extra"] = _extra_days(out["holidays_extra"], where, error)
    return found


def _categories(
    value: Any, country: str, where: Callable[[str], str], error: Error
) -> tuple[str, ...]:
    allowed = supported_categories(country)
    if (
        not isinstance(value, list)
        or not value
        or not all(isinstance(c, str) and c in allowed for c in value)
    ):
        raise error(
            "config.holidays.categories",
            where=where("holidays_categories"),
            value=value,
            country=country,
            allowed=", ".join(allowed),
        )
    return tuple(value)


def _extra_days(value: Any, where: Callable[[str], str], error: Error) -> tuple[date, ...]:
    days = []
    for item in value if isinstance(value, list) else [value]:
        try:
            if isinstance(item, datetime) or not isinstance(item, date | str):
                raise ValueError
            days.append(item if isinstance(item, date) else date.fromisoformat(item))
        except ValueError:
            raise error(
                "config.holidays.extra", where=where("holidays_extra"), value=item
            ) from None
    return tuple(days)


def _unknown(country: str, subdivision: str | None) -> bool:
    try:
        holiday_set(country, subdivision)
    except (ValueError, TypeError):
        return True
    return False


def check_teams(teams: Any, file: Path | None, error: Error) -> dict[str, dict[str, Any]] | None:
    """`[teams."Name"] target = 250000` (optional `currency`), checked before `init` writes.

    A target may also be written as the chat writes amounts ("250.000", "R$ 250 mil"); it is
    returned as a number, so `init` never reads "250.000" as 250.
    """
    if teams is None:
        return None
    if not isinstance(teams, Mapping) or not all(isinstance(s, Mapping) for s in teams.values()):
        raise error("config.teams.table", file=file, value=teams)
    out: dict[str, dict[str, Any]] = {}
    for name, spec in teams.items():
        out[name] = dict(spec)
        target = spec.get("target")
        if isinstance(target, str) and (read := read_amount(target)) is not None:
            out[name]["target"] = target = read.value
        if target is not None and (
            isinstance(target, bool) or not isinstance(target, int | float) or target < 0
        ):
            raise error("config.teams.target", team=name, file=file, value=target)
        currency = spec.get("currency")
        if currency is not None and not (
            isinstance(currency, str) and len(currency) == 3 and currency.isalpha()
        ):
            raise error("config.teams.currency", team=name, file=file, value=currency)
    return out


def check_cadence_folder(folder: Any, where: str, locale: str, error: Error) -> None:
    """Every custom cadence file reads (UTF-8, valid TOML, valid fields) at start, not on the
    first enrolment; problems are said the way `ritmo cadences validate` says them."""
    if not folder:
        return
    if not Path(folder).is_dir():
        raise error("config.cadence_folder.missing", where=where, path=folder)
    try:
        load_all(folder)
    except CadenceError as exc:
        raise ConfigError(cadence_problems.describe(exc, locale)) from None
