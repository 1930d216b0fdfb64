"""The console adapter: the neutral model in a terminal, buttons as numbered options.

Used by `ritmo chat`, `ritmo demo` and `ritmo ask`. Reading stdin happens in a thread so the
event loop keeps running, which is what lets proactive messages (reminders) appear while the
person is at the prompt.
"""

from __future__ import annotations

import asyncio
import sys
import uuid
from collections.abc import Sequence
from typing import TextIO

from bot.channels.base import DeliveryError
from handlers.kernel import i18n
from handlers.kernel.dispatch import Dispatcher
from handlers.kernel.markup import spans
from handlers.kernel.messages import Incoming, Reply, Sender
from storage.errors import StoreUnavailable
from storage.people import Identity

EXIT_WORDS = {"sair", "exit", "quit", "/sair", "/exit", "/quit"}
_BOLD, _ITALIC, _RESET = "\033[1m", "\033[3m", "\033[0m"


def render_text(text: str, *, color: bool) -> str:
    """Markup to terminal text: ANSI bold/italic on a terminal, plain otherwise."""
    out = []
    for span in spans(text):
        if span.style == "bold" and color:
            out.append(f"{_BOLD}{span.text}{_RESET}")
        elif span.style == "italic" and color:
            out.append(f"{_ITALIC}{span.text}{_RESET}")
        elif span.style == "link":
            out.append(f"{span.text} <{span.url}>")
        else:
            out.append(span.text)
    return "".join(out)


def render_reply(
    reply: Reply, first_number: int, *, color: bool, locale: str
) -> tuple[str, list[str]]:
    """A reply as terminal text, and the tokens its numbered options stand for."""
    lines = [render_text(reply.text, color=color)]
    tokens: list[str] = []
    options = reply.all_buttons()
    for n, button in enumerate(options, start=first_number):
        lines.append(f"  [{n}] {button.label}")
        tokens.append(button.token or "")
    if reply.image is not None:
        lines.append(f"  ({reply.image.filename}: {reply.image.alt or len(reply.image.data)})")
    if options:
        lines.append(f"  ({i18n.t(locale, 'console.option')})")
    return "\n".join(lines), tokens


class ConsoleAdapter:
    platform = "console"

    def __init__(
        self,
        dispatcher: Dispatcher,
        external_id: str,
        *,
        stdin: TextIO | None = None,
        stdout: TextIO | None = None,
        locale: str = "pt-BR",
        display_name: str | None = None,
    ) -> None:
        self.dispatcher = dispatcher
        self.external_id = external_id
        self.stdin = stdin or sys.stdin
        self.stdout = stdout or sys.stdout
        self.locale = locale
        self.display_name = display_name
        self.color = hasattr(self.stdout, "isatty") and self.stdout.isatty()
        self._options: list[str] = []
        self._sent = 0

    def _sender(self) -> Sender:
        return Sender("console", self.external_id, self.display_name, self.locale)

    def incoming_for(self, line: str) -> Incoming:
        """A typed line as an Incoming: a bare number picks the matching option, whichever
        message on the screen showed it (several reminders can arrive at once)."""
        text = line.strip()
        message_id = f"console-{uuid.uuid4().hex}"
        if text.isdigit() and 1 <= int(text) <= len(self._options):
            return Incoming(
                self._sender(), self.external_id, message_id, token=self._options[int(text) - 1]
            )
        # Something new was asked: the options on screen belong to the last conversation,
        # so the answer's options number from 1 again.
        self._options = []
        return Incoming(self._sender(), self.external_id, message_id, text=text)

    def show(self, replies: Sequence[Reply], *, header: str | None = None) -> None:
        """Print replies; their options continue the numbering of those already on screen,
        so every number shown stays unique and keeps acting on its own message."""
        chunks = []
        if header:
            chunks.append(f"— {header} —")
        for reply in replies:
            text, reply_tokens = render_reply(
                reply, len(self._options) + 1, color=self.color, locale=self.locale
            )
            chunks.append(text)
            self._options.extend(reply_tokens)
        self.stdout.write("\n".join(chunks) + "\n")
        self.stdout.flush()

    async def say(self, line: str) -> None:
        """Send one line as the person and print the answer. With the store away (a
        PostgreSQL server restarting) the console has no inbox to keep the line for later, and
        whether it was saved may be unknown (a commit cut off): it says so and the prompt stays."""
        try:
            answer = await self.dispatcher.handle(self.incoming_for(line))
        except StoreUnavailable:
            self.stdout.write(i18n.t(self.locale, "console.store_unavailable") + "\n")
            self.stdout.flush()
            return
        self.show(answer.replies)

    async def run(self) -> None:
        """The read-answer loop, until 'sair'/'exit' or end of input."""
        self.stdout.write(i18n.t(self.locale, "console.banner") + "\n")
        self.stdout.flush()
        while True:
            self.stdout.write("> ")
            self.stdout.flush()
            line = await asyncio.to_thread(self.stdin.readline)
            if not line or line.strip().lower() in EXIT_WORDS:
                return
            if line.strip():
                await self.say(line)

    def render(self, reply: Reply, locale: str) -> str:
        """A reply as terminal text, its options numbered from 1."""
        return render_reply(reply, 1, color=self.color, locale=locale)[0]

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def deliver(self, identity: Identity, replies: Sequence[Reply]) -> str:
        """Proactive messages appear between prompts while the chat is open.

        Raises:
            DeliveryError: `unreachable` when the message is for another console identity
                (`ritmo ask --as` linked one for someone else): only the person at this
                terminal may read what is printed here.
        """
        if identity.platform != self.platform or identity.external_id != self.external_id:
            raise DeliveryError("that person's console chat is not open", unreachable=True)
        self.stdout.write("\n")
        self.show(replies, header=i18n.t(self.locale, "console.proactive"))
        self._sent += 1
        return f"console-out-{self._sent}"
