"""What the Telegram channel declares about its platform (see bot/channels/base.ChannelSpec).

Kept free of the SDK: the settings and `ritmo check` read these facts without importing PTB;
the adapter is imported only when the channel is built.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from bot.channels.base import ChannelSpec, ConfigField
from cadence_jobs.ratelimit import Limits

if TYPE_CHECKING:
    from bot.channels.base import Adapter, Host
    from bot.config import Settings


def _check(values: Mapping[str, Any]) -> str | None:
    """A webhook without its secret would take forged updates."""
    if values.get("telegram_webhook_url") and not values.get("telegram_webhook_secret"):
        return "config.webhook_secret"
    return None


def _build(host: Host) -> Adapter | None:
    from bot.channels.telegram.adapter import build

    return build(host)


async def _who_am_i(settings: Settings, locale: str) -> str:
    from bot.channels.telegram.adapter import who_am_i

    token = settings.channel_value("telegram_token") or ""
    return await who_am_i(token, settings.channel_value("telegram_api_base_url"), locale)


TELEGRAM = ChannelSpec(
    name="telegram",
    identity_kind="Telegram user id (a number); a private chat's id is the same number",
    link_command="/start",
    link_instruction="telegram.link_instruction",
    # About 30 messages a second overall and one a second per chat (Bot API FAQ).
    limits=Limits(per_second=30, per_chat_interval=1.0),
    config=(
        ConfigField("TELEGRAM_BOT_TOKEN", "telegram_token", secret=True),
        ConfigField(
            "TELEGRAM_API_BASE_URL",
            "telegram_api_base_url",
            url=True,
            default="https://api.telegram.org/bot",
        ),
        ConfigField("TELEGRAM_WEBHOOK_URL", "telegram_webhook_url", url=True),
        ConfigField("TELEGRAM_WEBHOOK_SECRET", "telegram_webhook_secret", secret=True),
    ),
    enabled_by="telegram_token",
    quiet_loggers=("telegram",),
    check=_check,
    build=_build,
    who_am_i=_who_am_i,
)
