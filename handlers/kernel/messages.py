"""The platform-neutral message model that handlers speak and adapters render.

Frozen and small on purpose: a handler never sees a platform object, and an adapter never
decides anything. Buttons and choices carry an action name plus arguments; the pipeline
seals them into a short opaque token stored server-side (Telegram allows 64 bytes of
callback data), so what comes back from a client can't be forged into another action.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Location:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class Attachment:
    """A file the person sent; `ref` is the platform's file id, never the bytes."""

    kind: str  # photo, voice, document
    ref: str
    name: str | None = None


@dataclass(frozen=True)
class Sender:
    """Who sent a message, as the platform knows them (linking maps this to a person)."""

    platform: str
    external_id: str
    display_name: str | None = None
    language_hint: str | None = None


@dataclass(frozen=True)
class Incoming:
    """One thing a person did in a chat: text, a button press, a location or a file.

    `message_id` is the platform's id for it, unique per platform; storing it with what the
    message caused is what makes a redelivered message count once.
    """

    sender: Sender
    chat_id: str
    message_id: str
    text: str = ""
    token: str | None = None  # the opaque id of a pressed button or chosen option
    location: Location | None = None
    attachments: tuple[Attachment, ...] = ()
    is_group: bool = False

    @property
    def platform(self) -> str:
        return self.sender.platform


@dataclass(frozen=True)
class Button:
    """An action the person can take. `token` is filled in by the pipeline before rendering."""

    label: str
    action: str  # dotted and stable, e.g. "step.done"
    args: Mapping[str, Any] = field(default_factory=dict)
    style: str | None = None  # "primary" | "danger" | None
    confirm: str | None = None  # a question to confirm before acting (Slack shows a dialog)
    token: str | None = None


@dataclass(frozen=True)
class Image:
    data: bytes
    filename: str = "chart.png"
    alt: str = ""


@dataclass(frozen=True)
class Reply:
    """One message to show. `text` uses handlers.kernel.markup.

    `buttons` are actions shown in a row; `choices` are alternatives to pick one of (numbered in
    the console). `private` marks personal data (pipeline, deals, agenda) that must never be
    posted where others can read it. `edit` asks the adapter to replace the message whose
    button was pressed instead of sending a new one, so it can't be pressed twice.
    """

    text: str
    buttons: tuple[Button, ...] = ()
    choices: tuple[Button, ...] = ()
    image: Image | None = None
    private: bool = False
    edit: bool = False

    def all_buttons(self) -> tuple[Button, ...]:
        return self.buttons + self.choices


@dataclass
class Answer:
    """What a handler returns: the replies, plus what `ritmo ask --json` shows of it."""

    replies: list[Reply]
    intent: str = "unknown"
    entities: dict[str, Any] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)
