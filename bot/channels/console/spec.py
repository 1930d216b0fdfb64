"""What the console channel declares: a terminal chat (`ritmo chat`, `demo`, `ask`), never
started by `ritmo run`, no config and no send limits."""

from __future__ import annotations

from bot.channels.base import ChannelSpec
from cadence_jobs.ratelimit import Limits

CONSOLE = ChannelSpec(
    name="console",
    identity_kind="any name the operator chooses (the person at the terminal)",
    link_command="link",
    limits=Limits(per_second=None, per_chat_interval=None),
)
