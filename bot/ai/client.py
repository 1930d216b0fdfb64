"""The HTTP client for an OpenAI-compatible endpoint: chat completions and transcriptions.

Only translates: a request out, a `Completion` or `Transcript` in, or an `AIFailure` saying
which way it failed (timeout, error, refused, invalid). It decides nothing about what a reading
means. The whole call, connect included, is bounded by one timeout so a slow model can never
hang a chat; the bearer key goes in the Authorization header only and is never put in an
exception's text or a log line.
"""

from __future__ import annotations

import json
import time
from typing import Any

import aiohttp

from handlers.ai.port import AIFailure, CallReport, Completion, Transcript


class AIClient:
    """One endpoint, one session, one timeout (seconds) for every call."""

    def __init__(
        self,
        base_url: str,
        model: str | None,
        *,
        api_key: str | None = None,
        transcribe_model: str | None = None,
        timeout: float = 4.0,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.transcribe_model = transcribe_model
        self.timeout = timeout
        self._api_key = api_key
        self._session: aiohttp.ClientSession | None = None

    def __repr__(self) -> str:  # the key stays out of any repr that reaches a log
        return f"AIClient({self.base_url!r}, model={self.model!r})"

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._api_key}"} if self._api_key else {}

    def _open(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(headers=self._headers())
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()

    async def complete(
        self, messages: list[dict[str, str]], schema: dict[str, Any], name: str = "reading"
    ) -> Completion:
        """One chat completion whose answer must be a JSON object matching `schema`.

        Raises:
            AIFailure: timeout, HTTP error, a refusal, or content that is not a JSON object.
        """
        body = {
            "model": self.model,
            "messages": messages,
            "temperature": 0,
            "response_format": {
                "type": "json_schema",
                "json_schema": {"name": name, "strict": True, "schema": schema},
            },
        }
        started = time.perf_counter()
        answer = await self._call("read", str(self.model), started, "/chat/completions", json=body)
        report = _report("read", str(self.model), started, answer.get("usage"))
        message = _first_message(answer)
        if message is None:
            raise AIFailure("invalid", "no choices in the answer", report)
        if message.get("refusal"):
            raise AIFailure("refused", "the model refused", report)
        try:
            content = json.loads(message.get("content") or "")
        except (TypeError, ValueError):
            raise AIFailure("invalid", "the content is not JSON", report) from None
        if not isinstance(content, dict):
            raise AIFailure("invalid", "the content is not a JSON object", report)
        return Completion(content, report)

    async def transcribe(self, data: bytes, filename: str, content_type: str) -> Transcript:
        """The text of one audio file, through `/audio/transcriptions`.

        Raises:
            AIFailure: timeout, HTTP error, or an answer without text.
        """
        form = aiohttp.FormData()
        form.add_field("model", str(self.transcribe_model))
        form.add_field("response_format", "json")
        form.add_field("file", data, filename=filename, content_type=content_type)
        started = time.perf_counter()
        model = str(self.transcribe_model)
        answer = await self._call("transcribe", model, started, "/audio/transcriptions", data=form)
        report = _report("transcribe", model, started, answer.get("usage"))
        text = answer.get("text")
        if not isinstance(text, str):
            raise AIFailure("invalid", "no text in the answer", report)
        return Transcript(text.strip(), report)

    async def check(self) -> CallReport:
        """One small call that proves the endpoint answers: a completion when a chat model is
        set (it proves the model exists too), else the model list."""
        if self.model:
            schema = {
                "type": "object",
                "properties": {"ok": {"type": "boolean"}},
                "required": ["ok"],
                "additionalProperties": False,
            }
            prompt = [{"role": "user", "content": 'Answer {"ok": true}.'}]
            return (await self.complete(prompt, schema, name="check")).report
        started = time.perf_counter()
        await self._call("check", "", started, "/models", method="GET")
        return _report("check", "", started, None)

    async def _call(
        self,
        kind: str,
        model: str,
        started: float,
        path: str,
        method: str = "POST",
        **request: Any,
    ) -> dict[str, Any]:
        session = self._open()
        timeout = aiohttp.ClientTimeout(total=self.timeout)
        try:
            async with session.request(
                method, self.base_url + path, timeout=timeout, **request
            ) as resp:
                if resp.status >= 400:
                    raise AIFailure(
                        "error", f"HTTP {resp.status}", _report(kind, model, started, None)
                    )
                answer = await resp.json(content_type=None)
        except TimeoutError:
            raise AIFailure(
                "timeout", f"no answer in {self.timeout:g} s", _report(kind, model, started, None)
            ) from None
        except (aiohttp.ClientError, ValueError) as exc:
            # The exception's class only: its text can quote the URL, never the key, but stay
            # on the safe side of what reaches a log.
            raise AIFailure(
                "error", type(exc).__name__, _report(kind, model, started, None)
            ) from None
        if not isinstance(answer, dict):
            raise AIFailure(
                "invalid", "the answer is not a JSON object", _report(kind, model, started, None)
            )
        return answer


def _first_message(answer: dict[str, Any]) -> dict[str, Any] | None:
    choices = answer.get("choices")
    if not isinstance(choices, list) or not choices or not isinstance(choices[0], dict):
        return None
    message = choices[0].get("message")
    return message if isinstance(message, dict) else None


def _report(kind: str, model: str, started: float, usage: Any) -> CallReport:
    usage = usage if isinstance(usage, dict) else {}

    def tokens(key: str) -> int:
        value = usage.get(key)
        return value if isinstance(value, int) and value >= 0 else 0

    return CallReport(
        kind,
        model,
        time.perf_counter() - started,
        tokens("prompt_tokens"),
        tokens("completion_tokens"),
    )
