"""What every platform adapter offers the rest of the process."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from cadence_jobs.ratelimit import Limits
from handlers.kernel.messages import Answer, Incoming, Reply
from storage.people import Identity

if TYPE_CHECKING:
    from aiohttp import web

    from bot.config import Settings
    from handlers.kernel.dispatch import Dispatcher
    from storage.interface import Store


class DeliveryError(Exception):
    """A platform refused or failed a send. `retry_after` (seconds) when it asked us to wait;
    `permanent` when retrying cannot help (blocked bot, unknown chat); `unreachable` when the
    person's chat is not open right now (a console identity of someone other than the person
    at the terminal): the message waits for them, uncounted, instead of reaching someone else."""

    def __init__(
        self,
        message: str,
        *,
        retry_after: float | None = None,
        permanent: bool = False,
        unreachable: bool = False,
    ) -> None:
        super().__init__(message)
        self.retry_after = retry_after
        self.permanent = permanent
        self.unreachable = unreachable


class UndeliveredReplies(Exception):
    """The platform failed (an outage, a long flood wait) to take a reply to a person's own
    chat; `replies` are those not sent, in order, so the caller can queue them durably.
    Raised only for failures worth retrying later, never for a refusal."""

    def __init__(self, replies: Sequence[Reply], cause: str) -> None:
        super().__init__(f"{len(replies)} reply(ies) not delivered: {cause}")
        self.replies = tuple(replies)


class Inbound(Protocol):
    """The incoming half: what the shared journaled path (bot/inbox.py) needs of a channel.

    The channel only translates; journaling before the acknowledgement, dedupe by event id,
    per-chat order, throttling and retries are the shared path's, written once for all.
    """

    platform: str

    def event_id(self, payload: dict[str, Any]) -> str | None:
        """The platform's own id for this event (unique, repeated on redelivery), or None when
        the payload is not worth journaling (a bot echo, an edit)."""
        ...

    def parse(self, payload: dict[str, Any]) -> Incoming | None:
        """The journaled payload as the platform-neutral message; None when it reaches no
        handler (it is still answered through `respond`, e.g. to stop a button spinning)."""
        ...

    async def respond(
        self, incoming: Incoming | None, payload: dict[str, Any], answer: Answer | None
    ) -> None:
        """Show the answer where the person asked (and acknowledge the platform's bookkeeping).

        Raises:
            UndeliveredReplies: the platform failed for a passing reason; the shared path
                queues the replies left in the outbox.
        """
        ...


class Outbound(Protocol):
    """The outgoing half: a reply in the platform's idiom, and a proactive delivery."""

    platform: str

    def render(self, reply: Reply, locale: str) -> Any:
        """The reply in the platform's idiom (Block Kit, HTML and a keyboard, terminal text);
        no decision, only translation."""
        ...

    async def deliver(self, identity: Identity, replies: Sequence[Reply]) -> str:
        """Send a proactive message; returns the platform's message id.

        Raises:
            DeliveryError: the platform did not accept it (the platform's error taxonomy is
                mapped onto retry_after / permanent / unreachable).
        """
        ...


class Adapter(Outbound, Protocol):
    """Render/parse only: an adapter decides nothing about the business."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...


class Channel(Inbound, Adapter, Protocol):
    """Both halves and the life cycle: what a journaled chat platform implements."""


@dataclass(frozen=True)
class ConfigField:
    """One setting of a channel's config section: its environment variable (the public
    contract, never renamed) and the name it has in `Settings`."""

    env: str
    name: str
    secret: bool = False  # masked in every log line and in `ritmo check`
    url: bool = False  # must be an http(s) URL
    default: str | None = None


@dataclass(frozen=True)
class ChannelSpec:
    """The facts a channel declares about its platform, so the core lists none of them.

    Core code iterates over the registry (bot/channels/__init__.py) for: the platform names a
    store identity may carry, the link command strangers are told, the send limits of the
    outbox, the config section and its secrets, the loggers kept quiet, and how to start.
    """

    name: str  # the platform id stored with identities, inbox rows and outbox payloads
    identity_kind: str  # what `external_id` is on this platform (for operators and docs)
    link_command: str  # what a stranger types before their code: "/start", "/ritmo link"
    limits: Limits
    config: tuple[ConfigField, ...] = ()
    # The catalogue key of "send … CODE on <platform>", joined into `ritmo users add`'s line;
    # None for a channel nobody links from elsewhere (the console).
    link_instruction: str | None = None
    # The setting that turns the channel on for `ritmo run`; None: never started by `run`.
    enabled_by: str | None = None
    quiet_loggers: tuple[str, ...] = ()  # SDK loggers kept at WARNING (they echo tokens)
    # Settings cross-checks: values (by field name) -> a catalogue key saying what is wrong.
    check: Callable[[Mapping[str, Any]], str | None] | None = None
    build: Callable[[Host], Adapter | None] | None = None  # None when not configured
    # `ritmo check`: ask the platform once whose credentials these are.
    who_am_i: Callable[[Settings, str], Awaitable[str]] | None = None

    def enabled(self, settings: Settings) -> bool:
        return self.enabled_by is not None and bool(settings.channel_value(self.enabled_by))


class Host(Protocol):
    """What a channel's builder may use of the running process, and nothing more.

    Channels take this narrow view instead of the whole `bot.app.App`, so no channel module
    imports the composition root (which imports every channel: an import circle).
    """

    settings: Settings
    now: Callable[[], datetime]
    store: Store | None
    dispatcher: Dispatcher | None
    web: web.Application
