"""Chat channels: one subpackage per platform behind the contract in base.py.

`CHANNELS` is the one place channels are listed; everything the core needs to know about a
platform (its name, link command, send limits, config section, secrets, quiet loggers, how to
build it) is read from the specs listed there. Adding a channel = one subpackage with a
`spec.py` + one entry in `CHANNELS`.
"""

from __future__ import annotations

from bot.channels.base import ChannelSpec
from bot.channels.console.spec import CONSOLE
from bot.channels.slack.spec import SLACK
from bot.channels.telegram.spec import TELEGRAM
from cadence_jobs import ratelimit
from handlers.kernel import dispatch, i18n

CHANNELS: tuple[ChannelSpec, ...] = (TELEGRAM, SLACK, CONSOLE)


class UnknownPlatform(ValueError):
    """A platform name no registered channel declares."""


def registered() -> tuple[ChannelSpec, ...]:
    """The channels listed in `CHANNELS`, read at call time (a test may extend the tuple)."""
    return CHANNELS


def names() -> tuple[str, ...]:
    """Every platform a stored identity may carry: the store itself no longer lists them."""
    return tuple(spec.name for spec in registered())


def named(name: str) -> ChannelSpec:
    """The spec of platform `name`.

    Raises:
        UnknownPlatform: no registered channel is called so.
    """
    for spec in registered():
        if spec.name == name:
            return spec
    raise UnknownPlatform(name)


def enabling_variables(locale: str) -> str:
    """ "TELEGRAM_BOT_TOKEN e/ou SLACK_BOT_TOKEN": what turns some channel on, for a sentence
    telling the operator that nothing is configured."""
    variables = [
        setting.env
        for spec in registered()
        for setting in spec.config
        if setting.name == spec.enabled_by
    ]
    return i18n.t(locale, "channels.and_or").join(variables)


def link_instructions(locale: str) -> str:
    """ "/start CÓDIGO no Telegram ou /ritmo link CÓDIGO no Slack": how a new person links,
    from each channel's own instruction, for the line `ritmo users add` prints."""
    steps = [
        i18n.t(locale, spec.link_instruction) for spec in registered() if spec.link_instruction
    ]
    return i18n.t(locale, "channels.or").join(steps)


def install() -> None:
    """Hand the lower layers the facts they use per platform (the link command a stranger is
    told, the outbox's send limits), since they may not import `bot`. Runs on import, and
    again whenever `CHANNELS` changes (tests)."""
    specs = registered()
    dispatch.LINK_COMMANDS.clear()
    dispatch.LINK_COMMANDS.update({spec.name: spec.link_command for spec in specs})
    ratelimit.PLATFORM_LIMITS.clear()
    ratelimit.PLATFORM_LIMITS.update({spec.name: spec.limits for spec in specs})


install()
