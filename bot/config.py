"""Settings: the only module that reads os.environ (and the optional ritmo.toml).

Validated once at start; a bad value fails with one sentence naming the variable, so a
misconfigured deployment stops at boot instead of failing on the first message.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.errors import ConfigError
from handlers.context import Options
from handlers.i18n import LOCALES
from storage.stages import DEFAULT_STAGES, Stage


@dataclass(frozen=True)
class Settings:
    db_path: Path = Path("ritmo.db")
    config_path: Path | None = None
    timezone: str = "America/Sao_Paulo"
    locale: str = "pt-BR"
    http_host: str = "127.0.0.1"
    http_port: int = 8080
    telegram_token: str | None = None
    telegram_api_base_url: str = "https://api.telegram.org/bot"
    telegram_webhook_url: str | None = None
    telegram_webhook_secret: str | None = None
    slack_bot_token: str | None = None
    slack_app_token: str | None = None
    slack_signing_secret: str | None = None
    slack_api_base_url: str = "https://slack.com/api/"
    log_format: str = "text"
    log_level: str = "INFO"
    holidays_country: str = "BR"
    holidays_subdivision: str | None = None
    stalled_days: int = 14
    digest_time: str = "08:00"
    link_code_ttl_days: int = 7
    cadence_folder: str | None = None
    stages: tuple[Stage, ...] = DEFAULT_STAGES
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def telegram_enabled(self) -> bool:
        return bool(self.telegram_token)

    @property
    def slack_enabled(self) -> bool:
        return bool(self.slack_bot_token)

    def options(self) -> Options:
        """The subset handlers and jobs see."""
        return Options(
            default_timezone=self.timezone,
            default_locale=self.locale,
            holidays_country=self.holidays_country,
            holidays_subdivision=self.holidays_subdivision,
            stalled_days=self.stalled_days,
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
        for var, name in _ENV_NAMES.items():
            if env.get(var):
                values[name] = env[var].strip()
        config_path = values.get("config_path")
        if config_path:
            values.update(_read_toml(Path(config_path)))
        return _validated(values)


_ENV_NAMES = {
    "RITMO_DB": "db_path",
    "RITMO_CONFIG": "config_path",
    "RITMO_TIMEZONE": "timezone",
    "RITMO_LOCALE": "locale",
    "RITMO_HTTP_HOST": "http_host",
    "RITMO_HTTP_PORT": "http_port",
    "RITMO_LOG_FORMAT": "log_format",
    "RITMO_LOG_LEVEL": "log_level",
    "TELEGRAM_BOT_TOKEN": "telegram_token",
    "TELEGRAM_API_BASE_URL": "telegram_api_base_url",
    "TELEGRAM_WEBHOOK_URL": "telegram_webhook_url",
    "TELEGRAM_WEBHOOK_SECRET": "telegram_webhook_secret",
    "SLACK_BOT_TOKEN": "slack_bot_token",
    "SLACK_APP_TOKEN": "slack_app_token",
    "SLACK_SIGNING_SECRET": "slack_signing_secret",
    "SLACK_API_BASE_URL": "slack_api_base_url",
}
_VAR_OF = {name: var for var, name in _ENV_NAMES.items()}
_TOML_KEYS = {
    "timezone",
    "locale",
    "http_host",
    "http_port",
    "stalled_days",
    "digest_time",
    "link_code_ttl_days",
    "cadence_folder",
    "log_format",
}


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"RITMO_CONFIG names {path}, which does not exist") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path} is not valid TOML: {exc}") from None
    values: dict[str, Any] = {k: v for k, v in data.items() if k in _TOML_KEYS}
    hol = data.get("holidays", {})
    if "country" in hol:
        values["holidays_country"] = hol["country"]
    if "subdivision" in hol:
        values["holidays_subdivision"] = hol["subdivision"]
    if "stages" in data:
        values["stages"] = _stages(data["stages"], path)
    values["extra"] = {
        k: v for k, v in data.items() if k not in _TOML_KEYS | {"holidays", "stages"}
    }
    return values


def _stages(items: Any, path: Path) -> tuple[Stage, ...]:
    if not isinstance(items, list) or not items:
        raise ConfigError(f"{path}: [[stages]] must list at least one stage")
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
                )
            )
        except (KeyError, TypeError, ValueError):
            raise ConfigError(
                f"{path}: stage {pos} needs key, label_pt, label_en and a probability between "
                "0 and 1"
            ) from None
    return tuple(out)


def _name(field_name: str) -> str:
    return _VAR_OF.get(field_name, field_name)


def _validated(values: dict[str, Any]) -> Settings:
    out = dict(values)
    for key in ("db_path", "config_path"):
        if key in out:
            out[key] = Path(out[key])
    for key in ("http_port", "stalled_days", "link_code_ttl_days"):
        if key in out:
            try:
                out[key] = int(out[key])
                if out[key] <= 0:
                    raise ValueError
            except (TypeError, ValueError):
                raise ConfigError(f"{_name(key)} must be a positive whole number") from None
    if "timezone" in out:
        try:
            ZoneInfo(out["timezone"])
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(
                f"{_name('timezone')} is not a known time zone (for example America/Sao_Paulo)"
            ) from None
    if out.get("locale", "pt-BR") not in LOCALES:
        raise ConfigError(f"{_name('locale')} must be one of {', '.join(LOCALES)}")
    if out.get("log_format", "text") not in ("text", "json"):
        raise ConfigError("RITMO_LOG_FORMAT must be text or json")
    if out.get("telegram_webhook_url") and not out.get("telegram_webhook_secret"):
        raise ConfigError(
            "TELEGRAM_WEBHOOK_URL needs TELEGRAM_WEBHOOK_SECRET too, so forged "
            "webhook calls can be refused"
        )
    if (
        out.get("slack_bot_token")
        and not out.get("slack_app_token")
        and not out.get("slack_signing_secret")
    ):
        raise ConfigError(
            "SLACK_BOT_TOKEN needs SLACK_APP_TOKEN (Socket Mode) or "
            "SLACK_SIGNING_SECRET (HTTP mode)"
        )
    for key in ("telegram_api_base_url", "slack_api_base_url", "telegram_webhook_url"):
        url = out.get(key)
        if url and not url.startswith(("http://", "https://")):
            raise ConfigError(f"{_name(key)} must be an http(s) URL")
    if "digest_time" in out:
        try:
            hh, mm = str(out["digest_time"]).split(":")
            if not (0 <= int(hh) < 24 and 0 <= int(mm) < 60):
                raise ValueError
        except ValueError:
            raise ConfigError("digest_time must look like 08:00") from None
    return Settings(**out)
