"""Settings: the only module that reads os.environ (and the optional ritmo.toml).

Validated once at start; a bad value fails with one sentence naming the variable (or the file
and field), what is wrong with it and what to do, so a misconfigured deployment stops at boot
instead of failing on the first message. The sentence is in RITMO_LOCALE (the TOML's `locale`
when it sets a valid one), or pt-BR when that is the value at fault.
"""

from __future__ import annotations

import difflib
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot import channels, config_checks
from bot.ai import settings as ai_settings
from bot.errors import ConfigError
from handlers.kernel.context import Options
from handlers.kernel.i18n import DEFAULT_LOCALE, LOCALES, t
from storage.stages import DEFAULT_STAGES, Stage


@dataclass(frozen=True)
class Settings:
    db_path: Path = Path("ritmo.db")
    # RITMO_DB as a server URL (postgresql://…); None means the SQLite file `db_path`.
    db_url: str | None = None
    config_path: Path | None = None
    timezone: str = "America/Sao_Paulo"
    locale: str = "pt-BR"
    http_host: str = "127.0.0.1"
    http_port: int = 8080
    # The Telegram and Slack sections as named fields, so `Settings(telegram_token=…)` keeps
    # working; which variables fill them, which are secrets or URLs and what they must satisfy
    # is declared by each channel (bot/channels/*/spec.py). A channel added later keeps its
    # section in `channel_settings` instead, read through `channel_value`.
    telegram_token: str | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: str | None = None
    slack_bot_token: str | None = None
    slack_app_token: str | None = None
    slack_signing_secret: str | None = None
    slack_api_base_url: str = "https://slack.com/api/"
    channel_settings: Mapping[str, str] = field(default_factory=dict)
    log_format: str = "text"
    log_level: str = "INFO"
    holidays_country: str = "BR"
    holidays_subdivision: str | None = None
    holidays_categories: tuple[str, ...] | None = None
    holidays_extra: tuple[date, ...] = ()
    stalled_days: int = 14
    silent_days: int = 3
    digest_time: str = "08:00"
    link_code_ttl_days: int = 7
    # Handled inbox rows (done or quarantined) are pruned after this many days.
    inbox_keep_days: int = 30
    cadence_folder: str | None = None
    backup_folder: Path | None = None  # daily online copies of the store go here when set
    backup_keep: int = 7  # how many daily copies are kept; older ones are deleted
    metrics_token: str | None = None  # bearer token for /metrics; without it, loopback only
    # Seconds a role's lease (the jobs, a platform's delivery) lasts unrenewed on a shared store;
    # a process's presence lasts twice that (cadence_jobs/leadership.py). Shorter means a faster
    # takeover after a crash but more renewals; tests that wait for a takeover set a few seconds.
    lease_ttl: int = 15
    stages: tuple[Stage, ...] = DEFAULT_STAGES
    # The optional model reading (bot/ai/settings.py): off without a base URL.
    ai_base_url: str | None = None
    ai_api_key: str | None = None
    ai_model: str | None = None
    ai_transcribe_model: str | None = None
    ai_send_contact_data: bool = False
    ai_timeout: float = 4.0
    ai_hourly_limit: int = 30
    ai_daily_budget: int = 500
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def store_url(self) -> str:
        """What storage.backends opens: the server URL, or the SQLite file's path."""
        return self.db_url or str(self.db_path)

    @property
    def store_display(self) -> str:
        """The store as a person may read it: the file's path, or the database and host of a
        server URL without its password."""
        if self.db_url is None:
            return str(self.db_path)
        from urllib.parse import urlsplit

        parts = urlsplit(self.db_url)
        return f"{parts.scheme} {parts.path.lstrip('/') or '?'} @ {parts.hostname or 'localhost'}"

    @property
    def on_server(self) -> bool:
        """The store is a database server (PostgreSQL), not a file: no run lock, no file
        copies, several processes allowed."""
        return self.db_url is not None

    @property
    def secrets(self) -> tuple[str, ...]:
        """Every configured value that must never reach a log line (the log masks each one in
        any case and encoding); a new token setting belongs here."""
        values = [
            self.channel_value(setting.name)
            for spec in channels.registered()
            for setting in spec.config
            if setting.secret
        ]
        values.append(self.metrics_token)
        values.append(self.ai_api_key)
        values.append(_url_password(self.db_url))
        return tuple(v for v in values if v)

    def channel_value(self, name: str) -> Any:
        """A channel setting by its field name: a named field, else `channel_settings`."""
        if name in _FIELDS:
            return getattr(self, name)
        return self.channel_settings.get(name)

    def enabled_channels(self) -> tuple[str, ...]:
        """The channels `ritmo run` starts with these settings, in registry order."""
        return tuple(spec.name for spec in channels.registered() if spec.enabled(self))

    def options(self) -> Options:
        """The subset handlers and jobs see."""
        return Options(
            default_timezone=self.timezone,
            default_locale=self.locale,
            holidays_country=self.holidays_country,
            holidays_subdivision=self.holidays_subdivision,
            holidays_categories=self.holidays_categories,
            holidays_extra=self.holidays_extra,
            stalled_days=self.stalled_days,
            silent_days=self.silent_days,
            link_code_ttl_days=self.link_code_ttl_days,
            digest_time=self.digest_time,
            cadence_folder=self.cadence_folder,
            extra=dict(self.extra),
        )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Build settings from the environment, then the TOML file named by RITMO_CONFIG.

        Raises:
            ConfigError: a value is malformed; the message names the variable.
        """
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for var, name in _env_names().items():
            if env.get(var):
                values[name] = env[var].strip()
        check = _Checker(_spoken(values.get("locale")))
        config_path = values.get("config_path")
        if config_path:
            path = Path(config_path)
            from_toml = _read_toml(path, check)
            check = _Checker(
                _spoken(from_toml.get("locale"), check.locale), path, frozenset(from_toml)
            )
            values.update(from_toml)
        return _validated(values, check)


_ENV_NAMES = {
    "RITMO_DB": "db_path",
    "RITMO_CONFIG": "config_path",
    "RITMO_TIMEZONE": "timezone",
    "RITMO_LOCALE": "locale",
    "RITMO_HTTP_HOST": "http_host",
    "RITMO_HTTP_PORT": "http_port",
    "RITMO_LOG_FORMAT": "log_format",
    "RITMO_LOG_LEVEL": "log_level",
    "RITMO_BACKUP_FOLDER": "backup_folder",
    "RITMO_BACKUP_KEEP": "backup_keep",
    "RITMO_METRICS_TOKEN": "metrics_token",
    "RITMO_LEASE_TTL": "lease_ttl",
    **ai_settings.ENV,
}


def _env_names() -> dict[str, str]:
    """The core variables, then each registered channel's config section."""
    names = dict(_ENV_NAMES)
    for spec in channels.registered():
        names.update({setting.env: setting.name for setting in spec.config})
    return names


_FIELDS = frozenset(Settings.__dataclass_fields__)
_FIELD_NAMES = {
    "db_path": "[store] url",
    "holidays_country": "[holidays] country",
    "holidays_subdivision": "[holidays] subdivision",
    "holidays_categories": "[holidays] categories",
    "holidays_extra": "[holidays] extra",
    **ai_settings.FIELD_NAMES,
}
_TOML_KEYS = {
    "timezone",
    "locale",
    "http_host",
    "http_port",
    "stalled_days",
    "silent_days",
    "digest_time",
    "link_code_ttl_days",
    "inbox_keep_days",
    "cadence_folder",
    "log_format",
    "metrics_token",
}


# A shorter token is guessable, and the log masks only secrets of 6 characters or more.
METRICS_TOKEN_MIN = 16

# Examples offered when a whole number is wrong: the defaults, which are sensible values.
_NUMBER_EXAMPLES = {
    "http_port": 8080,
    "stalled_days": 14,
    "silent_days": 3,
    "link_code_ttl_days": 7,
    "backup_keep": 7,
    "inbox_keep_days": 30,
    "lease_ttl": 15,
}


def spoken_locale(environ: Mapping[str, str] | None = None) -> str:
    """The language to speak to the operator in before the settings are known to be valid
    (`ritmo check` reporting a bad setting): RITMO_LOCALE when valid, else pt-BR."""
    env = os.environ if environ is None else environ
    return _spoken(env.get("RITMO_LOCALE", "").strip())


def unknown_variables(environ: Mapping[str, str] | None = None) -> list[str]:
    """One warning sentence per `RITMO_*` variable ritmo does not read (a typo, most likely).

    Warned about, not refused as an unknown ritmo.toml key is: the file is ritmo's alone, but
    the environment is shared with the shell, the container and the supervisor, and a variable
    set for another version of ritmo (kept through a rollback) must not stop a start.
    """
    env = os.environ if environ is None else environ
    locale = spoken_locale(env)
    # Compared without the shared prefix, which would make every pair look alike.
    known = sorted(v.removeprefix("RITMO_") for v in _ENV_NAMES if v.startswith("RITMO_"))
    out = []
    for var in sorted(v for v in env if v.startswith("RITMO_") and v not in _ENV_NAMES):
        close = difflib.get_close_matches(var.removeprefix("RITMO_"), known, n=1, cutoff=0.75)
        if close:
            suggestion = "RITMO_" + close[0]
            out.append(t(locale, "config.unknown_variable", name=var, suggestion=suggestion))
        else:
            out.append(t(locale, "config.unknown_variable.list", name=var))
    return out


def _spoken(value: Any, fallback: str = DEFAULT_LOCALE) -> str:
    """The locale errors are said in: `value` when it is a valid locale, else `fallback`."""
    return value if isinstance(value, str) and value in LOCALES else fallback


@dataclass(frozen=True)
class _Checker:
    """Says what is wrong in the operator's language, naming where the bad value came from."""

    locale: str
    toml: Path | None = None
    from_toml: frozenset[str] = frozenset()

    def where(self, key: str) -> str:
        """The environment variable, or the field and file, that set `key`."""
        if self.toml is not None and key in self.from_toml:
            field = _FIELD_NAMES.get(key, key)
            return t(self.locale, "config.where.file", field=field, file=self.toml)
        return {name: var for var, name in _env_names().items()}.get(key, key)

    def error(self, text: str, **params: Any) -> ConfigError:
        return ConfigError(t(self.locale, text, **params))


def _read_toml(path: Path, check: _Checker) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise check.error("config.file.missing", path=path) from None
    except UnicodeDecodeError:
        raise check.error("config.file.not_text", path=path) from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise check.error("config.file.unreadable", path=path, reason=reason) from None
    except tomllib.TOMLDecodeError as exc:
        raise check.error("config.file.not_toml", path=path, detail=exc) from None
    config_checks.check_keys(data, path, check.error, frozenset(_TOML_KEYS))
    values: dict[str, Any] = {k: v for k, v in data.items() if k in _TOML_KEYS}
    hol = data.get("holidays", {})
    if "country" in hol:
        values["holidays_country"] = hol["country"]
    if "subdivision" in hol:
        values["holidays_subdivision"] = hol["subdivision"]
    if "categories" in hol:
        values["holidays_categories"] = hol["categories"]
    if "extra" in hol:
        values["holidays_extra"] = hol["extra"]
    if "stages" in data:
        values["stages"] = _stages(data["stages"], path, check)
    if "backup" in data:
        values.update(_backup(data["backup"], path, check))
    if "ai" in data:
        values.update(ai_settings.from_toml(data["ai"], check.error, path))
    if "store" in data:
        store = data["store"]
        if not isinstance(store, dict) or not isinstance(store.get("url"), str):
            raise check.error("config.store", path=path)
        values["db_path"] = store["url"]
    values["extra"] = {
        k: v
        for k, v in data.items()
        if k not in _TOML_KEYS | {"holidays", "stages", "backup", "ai", "store"}
    }
    return values


def _backup(section: Any, path: Path, check: _Checker) -> dict[str, Any]:
    """`[backup] folder = "…", keep = 7`: where the daily copies go and how many stay."""
    keep = section.get("keep", 7) if isinstance(section, dict) else None
    if (
        not isinstance(section, dict)
        or not isinstance(section.get("folder"), str)
        or (set(section) - config_checks.TABLE_KEYS["backup"])
        or type(keep) is not int
        or keep <= 0
    ):
        raise check.error("config.backup", path=path)
    return {
        "backup_folder": section["folder"],
        **({"backup_keep": section["keep"]} if "keep" in section else {}),
    }


def _other_labels(table: Any) -> tuple[tuple[str, str], ...]:
    """A stage's `labels = { es = "…" }`: its names in locales beyond label_pt/label_en."""
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise ValueError("labels must map locales to names")
    return tuple(sorted((str(k), v) for k, v in table.items() if k not in ("pt-BR", "en")))


def _stages(items: Any, path: Path, check: _Checker) -> tuple[Stage, ...]:
    if not isinstance(items, list) or not items:
        raise check.error("config.stages.empty", path=path)
    out = []
    for pos, item in enumerate(items, start=1):
        try:
            prob = float(item["probability"])
            if not 0 <= prob <= 1:
                raise ValueError
            out.append(
                Stage(
                    str(item["key"]),
                    pos,
                    str(item["label_pt"]),
                    str(item["label_en"]),
                    prob,
                    item.get("idle_days"),
                    _other_labels(item.get("labels", {})),
                )
            )
        except (KeyError, TypeError, ValueError):
            raise check.error("config.stages.bad", position=pos, path=path) from None
    return tuple(out)


def _url_password(url: str | None) -> str | None:
    """The password inside a database URL, masked in logs like any token."""
    if not url:
        return None
    from urllib.parse import urlsplit

    try:
        return urlsplit(url).password
    except ValueError:
        return None


def _store_location(out: dict[str, Any], check: _Checker) -> None:
    """RITMO_DB is a file path (SQLite) or a URL naming a backend storage/backends.py lists."""
    from storage import backends

    text = str(out.get("db_path", "")).strip()
    if "://" not in text:
        return
    if text.startswith("sqlite://"):  # sqlite:///relative or sqlite:////absolute
        rest = text[len("sqlite://") :]
        out["db_path"] = rest[1:] if rest.startswith("/") else rest
        return
    try:
        backend = backends.backend_of(text)
    except backends.UnknownBackend:
        known = ", ".join(f"{name}://" for name in backends.BACKENDS)
        raise check.error("config.db_scheme", where=check.where("db_path"), known=known) from None
    if backend != backends.DEFAULT:
        out["db_url"] = text
        del out["db_path"]


def _validated(values: dict[str, Any], check: _Checker) -> Settings:
    out = dict(values)
    _store_location(out, check)
    for key in ("db_path", "config_path", "backup_folder"):
        if key in out:
            out[key] = Path(out[key])
    for key in (
        "http_port",
        "stalled_days",
        "silent_days",
        "link_code_ttl_days",
        "backup_keep",
        "inbox_keep_days",
        "lease_ttl",
    ):
        if key in out:
            try:
                number = int(out[key])
                if number <= 0 or isinstance(out[key], float | bool):
                    raise ValueError
            except (TypeError, ValueError):
                raise check.error(
                    "config.positive",
                    where=check.where(key),
                    example=_NUMBER_EXAMPLES[key],
                    value=out[key],
                ) from None
            out[key] = number
    if "timezone" in out:
        try:
            ZoneInfo(out["timezone"])
        except (ZoneInfoNotFoundError, TypeError, ValueError):
            raise check.error(
                "config.timezone", where=check.where("timezone"), value=out["timezone"]
            ) from None
    if out.get("locale", DEFAULT_LOCALE) not in LOCALES:
        raise check.error(
            "config.locale",
            where=check.where("locale"),
            allowed=", ".join(LOCALES),
            value=out["locale"],
        )
    if out.get("log_format", "text") not in ("text", "json"):
        raise check.error(
            "config.log_format", where=check.where("log_format"), value=out["log_format"]
        )
    if "metrics_token" in out and (
        not isinstance(out["metrics_token"], str) or len(out["metrics_token"]) < METRICS_TOKEN_MIN
    ):
        # The value is not repeated: it is meant to be a secret.
        raise check.error(
            "config.metrics_token", where=check.where("metrics_token"), length=METRICS_TOKEN_MIN
        )
    section: dict[str, Any] = {}
    for spec in channels.registered():
        problem = spec.check(out) if spec.check is not None else None
        if problem is not None:
            raise check.error(problem)
        for setting in spec.config:
            url = out.get(setting.name)
            # The value itself is not repeated: a webhook URL may carry a secret path.
            if setting.url and url and not url.startswith(("http://", "https://")):
                raise check.error("config.url", where=check.where(setting.name))
            if setting.name not in _FIELDS:
                value = out.pop(setting.name, setting.default)
                if value is not None:
                    section[setting.name] = value
    if section:
        out["channel_settings"] = section
    if "digest_time" in out:
        try:
            hh, mm = str(out["digest_time"]).split(":")
            if not (0 <= int(hh) < 24 and 0 <= int(mm) < 60):
                raise ValueError
        except ValueError:
            raise check.error(
                "config.digest_time",
                where=check.where("digest_time"),
                value=out["digest_time"],
            ) from None
    config_checks.check_bounds(out, check.where, check.error, _NUMBER_EXAMPLES)
    ai_settings.check(out, check.where, check.error)
    out.update(config_checks.check_holidays(out, check.where, check.error))
    teams = config_checks.check_teams(out.get("extra", {}).get("teams"), check.toml, check.error)
    if teams is not None:
        out["extra"] = {**out["extra"], "teams": teams}
    config_checks.check_cadence_folder(
        out.get("cadence_folder"), check.where("cadence_folder"), check.locale, check.error
    )
    return Settings(**out)
