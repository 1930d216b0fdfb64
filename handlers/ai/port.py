"""What handlers need from a language-model endpoint, without knowing how it is reached.

bot/ai/ implements it over HTTP and puts it in `ctx.services["ai"]`; handlers only see these
types, so the package direction (bot -> handlers) holds and tests can pass a stand-in.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from handlers.kernel.messages import MAX_AUDIO_BYTES, MAX_AUDIO_SECONDS

__all__ = ["MAX_AUDIO_BYTES", "MAX_AUDIO_SECONDS"]


@dataclass(frozen=True)
class CallReport:
    """What one call cost: for the logs and the metrics (never the text sent or received)."""

    kind: str  # read | transcribe | check
    model: str
    latency: float
    prompt_tokens: int = 0
    completion_tokens: int = 0


@dataclass(frozen=True)
class Completion:
    content: dict[str, Any]
    report: CallReport


@dataclass(frozen=True)
class Transcript:
    text: str
    report: CallReport


class AIFailure(Exception):
    """The endpoint gave no usable answer. `outcome` is timeout | error | refused | invalid."""

    def __init__(self, outcome: str, detail: str, report: CallReport) -> None:
        super().__init__(f"{outcome}: {detail}")
        self.outcome = outcome
        self.detail = detail
        self.report = report


class Model(Protocol):
    """The endpoint as handlers use it (bot.ai.service.AIService)."""

    model: str | None
    transcribe_model: str | None
    send_contact_data: bool
    hourly_limit: int
    daily_budget: int

    async def complete(
        self, messages: list[dict[str, str]], schema: dict[str, Any]
    ) -> Completion: ...

    async def transcribe(self, data: bytes, filename: str, content_type: str) -> Transcript: ...

    def observe(self, kind: str, outcome: str, report: CallReport | None) -> None: ...


# A channel's way to fetch a file a person sent, by its platform reference.
Download = Callable[[str], Awaitable[bytes]]
