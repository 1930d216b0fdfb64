"""What the Slack channel declares about its platform (see bot/channels/base.ChannelSpec).

Kept free of the SDK: the settings and `ritmo check` read these facts without importing bolt;
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
    """A bot token alone can neither connect (Socket Mode) nor verify requests (HTTP mode)."""
    if (
        values.get("slack_bot_token")
        and not values.get("slack_app_token")
        and not values.get("slack_signing_secret")
    ):
        return "config.slack_mode"
    return None


def _build(host: Host) -> Adapter | None:
    from bot.channels.slack.adapter import slack_adapter

    return slack_adapter(host)


async def _who_am_i(settings: Settings, locale: str) -> str:
    from bot.channels.slack.adapter import who_am_i

    token = settings.channel_value("slack_bot_token") or ""
    return await who_am_i(token, settings.channel_value("slack_api_base_url"), locale)


SLACK = ChannelSpec(
    name="slack",
    identity_kind="Slack member id (U…); chat ids are channel or DM ids (C…, D…)",
    link_command="/ritmo link",
    link_instruction="slack.link_instruction",
    # About one message a second per channel (chat.postMessage's special tier); no global cap.
    limits=Limits(per_second=None, per_chat_interval=1.0),
    config=(
        ConfigField("SLACK_BOT_TOKEN", "slack_bot_token", secret=True),
        ConfigField("SLACK_APP_TOKEN", "slack_app_token", secret=True),
        ConfigField("SLACK_SIGNING_SECRET", "slack_signing_secret", secret=True),
        ConfigField(
            "SLACK_API_BASE_URL", "slack_api_base_url", url=True, default="https://slack.com/api/"
        ),
    ),
    enabled_by="slack_bot_token",
    quiet_loggers=("slack_bolt", "slack_sdk"),
    check=_check,
    build=_build,
    who_am_i=_who_am_i,
)
