"""The model endpoint as handlers see it: the client, its settings, and what each call cost.

Assembled by bot/app.py when RITMO_AI_BASE_URL is set and put in `services["ai"]`. Every call
ends in one log line (event `ai.call`: kind, model, outcome, latency, token counts; never the
text or the key) and in the Prometheus metrics, so an operator sees how often the model is
used, how often it failed and what it cost.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from bot.ai.client import AIClient
from handlers.ai.port import CallReport, Completion, Transcript

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.metrics import Metrics

log = logging.getLogger("ritmo.ai")


class AIService:
    """Implements handlers.ai.port.Model over HTTP."""

    def __init__(
        self,
        client: AIClient,
        *,
        send_contact_data: bool = False,
        hourly_limit: int = 30,
        daily_budget: int = 500,
        metrics: Metrics | None = None,
    ) -> None:
        self.client = client
        self.model = client.model
        self.transcribe_model = client.transcribe_model
        self.send_contact_data = send_contact_data
        self.hourly_limit = hourly_limit
        self.daily_budget = daily_budget
        self.metrics = metrics
        # The last call settled by this process, for /healthz (the 24 h counts are the store's).
        self.last_call: dict[str, Any] | None = None

    @classmethod
    def from_settings(cls, settings: Settings, metrics: Metrics | None = None) -> AIService | None:
        """The service the settings describe, or None when no endpoint is configured."""
        if not settings.ai_base_url:
            return None
        client = AIClient(
            settings.ai_base_url,
            settings.ai_model,
            api_key=settings.ai_api_key,
            transcribe_model=settings.ai_transcribe_model,
            timeout=settings.ai_timeout,
        )
        return cls(
            client,
            send_contact_data=settings.ai_send_contact_data,
            hourly_limit=settings.ai_hourly_limit,
            daily_budget=settings.ai_daily_budget,
            metrics=metrics,
        )

    async def complete(self, messages: list[dict[str, str]], schema: dict[str, Any]) -> Completion:
        return await self.client.complete(messages, schema)

    async def transcribe(self, data: bytes, filename: str, content_type: str) -> Transcript:
        return await self.client.transcribe(data, filename, content_type)

    def observe(self, kind: str, outcome: str, report: CallReport | None) -> None:
        """One call settled: used | fallback | invalid | timeout | limited (and ok for
        transcriptions). A failure is logged once, here, at WARNING."""
        latency = report.latency if report else 0.0
        prompt = report.prompt_tokens if report else 0
        completion = report.completion_tokens if report else 0
        self.last_call = {"kind": kind, "outcome": outcome, "latency_ms": round(latency * 1000)}
        if self.metrics is not None:
            self.metrics.ai_call(kind, outcome, latency, prompt, completion)
        level = logging.INFO if outcome in ("used", "ok", "limited") else logging.WARNING
        log.log(
            level,
            "model %s call %s in %d ms",
            kind,
            outcome,
            round(latency * 1000),
            extra={
                "event": "ai.call",
                "kind": kind,
                "outcome": outcome,
                "latency_ms": round(latency * 1000),
                "model": report.model if report else self.model,
                "prompt_tokens": prompt,
                "completion_tokens": completion,
            },
        )

    async def close(self) -> None:
        await self.client.close()
