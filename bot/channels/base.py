"""What every platform adapter offers the rest of the process."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from handlers.kernel.messages import Reply
from storage.people import Identity

if TYPE_CHECKING:
    from aiohttp import web

    from bot.config import Settings
    from handlers.kernel.dispatch import Dispatcher
    from storage.db import Store


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


class Adapter(Protocol):
    """Render/parse only: an adapter decides nothing about the business."""

    platform: str

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def deliver(self, identity: Identity, replies: Sequence[Reply]) -> str:
        """Send a proactive message; returns the platform's message id.

        Raises:
            DeliveryError: the platform did not accept it.
        """
        ...


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
