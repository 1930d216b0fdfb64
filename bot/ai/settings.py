"""The `RITMO_AI_*` settings and the `[ai]` table of ritmo.toml, checked at start.

All optional: without a base URL nothing about the chat changes. Read by bot.config (the only
reader of the environment); this module only names the keys and says, in one sentence per bad
value, what is wrong and what to do.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from bot.errors import ConfigError

ENV = {
    "RITMO_AI_BASE_URL": "ai_base_url",
    "RITMO_AI_API_KEY": "ai_api_key",
    "RITMO_AI_MODEL": "ai_model",
    "RITMO_AI_TRANSCRIBE_MODEL": "ai_transcribe_model",
    "RITMO_AI_SEND_CONTACT_DATA": "ai_send_contact_data",
    "RITMO_AI_TIMEOUT": "ai_timeout",
    "RITMO_AI_HOURLY_LIMIT": "ai_hourly_limit",
    "RITMO_AI_DAILY_BUDGET": "ai_daily_budget",
}
FIELD_NAMES = {name: f"[ai] {name.removeprefix('ai_')}" for name in ENV.values()}
EXAMPLES = {"ai_hourly_limit": 30, "ai_daily_budget": 500}
MAX_TIMEOUT = 60.0
_TRUE, _FALSE = ("true", "1", "yes", "sim"), ("false", "0", "no", "nao", "não")

Error = Callable[..., ConfigError]


def from_toml(section: Any, error: Error, file: object) -> dict[str, Any]:
    """The `[ai]` table as settings fields (unknown keys were refused by config_checks)."""
    if not isinstance(section, Mapping):
        raise error("config.not_table", name="ai", file=file, value=section)
    return {f"ai_{key}": value for key, value in section.items()}


def check(out: dict[str, Any], where: Callable[[str], str], error: Error) -> None:
    """Normalise the AI fields of `out` in place, or raise one sentence for a bad one."""
    if "ai_send_contact_data" in out:
        out["ai_send_contact_data"] = _flag(out["ai_send_contact_data"], where, error)
    if "ai_timeout" in out:
        out["ai_timeout"] = _seconds(out["ai_timeout"], where, error)
    for key, example in EXAMPLES.items():
        if key in out:
            value = out[key]
            try:
                number = int(value)
                if number <= 0 or isinstance(value, float | bool):
                    raise ValueError
            except (TypeError, ValueError):
                raise error(
                    "config.positive", where=where(key), example=example, value=value
                ) from None
            out[key] = number
    url = out.get("ai_base_url")
    if url is not None and (
        not isinstance(url, str) or not url.startswith(("http://", "https://"))
    ):
        raise error("config.url", where=where("ai_base_url"))
    for key in ("ai_model", "ai_transcribe_model", "ai_api_key"):
        if out.get(key) and not url:
            raise error("config.ai.needs_url", where=where(key))
    if url and not (out.get("ai_model") or out.get("ai_transcribe_model")):
        raise error("config.ai.needs_model")


def _flag(value: Any, where: Callable[[str], str], error: Error) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in _TRUE or text in _FALSE:
        return text in _TRUE
    raise error("config.ai.bool", where=where("ai_send_contact_data"), value=value)


def _seconds(value: Any, where: Callable[[str], str], error: Error) -> float:
    try:
        if isinstance(value, bool):
            raise ValueError
        seconds = float(value)
        if not 0.1 <= seconds <= MAX_TIMEOUT:
            raise ValueError
    except (TypeError, ValueError):
        raise error(
            "config.ai.timeout", where=where("ai_timeout"), limit=MAX_TIMEOUT, value=value
        ) from None
    return seconds
