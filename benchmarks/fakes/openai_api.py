"""A fake OpenAI-compatible API on loopback, for tests of the optional AI reading.

It speaks the three endpoints ritmo uses, the way Ollama, llama.cpp server, vLLM and hosted
providers do: `POST /v1/chat/completions` (with `response_format: {"type": "json_schema"}`),
`POST /v1/audio/transcriptions` (multipart: `file` and `model`) and `GET /v1/models`. It is
stricter than a mock on purpose: a chat request without a JSON-schema `response_format`, or a
transcription without a file or model, is answered 400, so a client bug fails a test.

Tests queue what the model says next (`say`, `say_raw`, `refuse`, `fail`, `stall`) and wait
for a call with `await fake.wait_for(path)`, which wakes on an asyncio.Condition instead of
sleeping. Every request is recorded with its headers, so a test can check the bearer token
went where it should and nowhere else.
"""

from __future__ import annotations

import asyncio
import json
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

API_KEY = "sk-test-ai-key-0123456789"


@dataclass
class Call:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]
    file: bytes | None = None


@dataclass
class _Plan:
    """What the next answer is: content (JSON text), a refusal, an HTTP status, or a delay."""

    content: str | None = None
    refusal: str | None = None
    status: int = 200
    delay: float = 0.0
    text: str | None = None  # a transcription


@dataclass
class FakeOpenAI:
    """The fake server. `latency` is added to every answer (the benchmark's fixed 300 ms)."""

    api_key: str | None = API_KEY
    latency: float = 0.0
    calls: list[Call] = field(default_factory=list)
    _chat: deque[_Plan] = field(default_factory=deque)
    _audio: deque[_Plan] = field(default_factory=deque)
    _runner: web.AppRunner | None = None
    _changed: asyncio.Condition | None = None
    port: int = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def say(self, reading: dict[str, Any], **plan: Any) -> None:
        """The next chat completion answers with this JSON object as its content."""
        self._chat.append(_Plan(content=json.dumps(reading), **plan))

    def say_raw(self, content: str) -> None:
        """The next chat completion's content is this text, verbatim (e.g. not JSON)."""
        self._chat.append(_Plan(content=content))

    def refuse(self, why: str = "I can't help with that.") -> None:
        self._chat.append(_Plan(refusal=why))

    def fail(self, status: int = 500) -> None:
        self._chat.append(_Plan(status=status))

    def stall(self, seconds: float, reading: dict[str, Any] | None = None) -> None:
        """The next chat completion waits this long before answering."""
        self._chat.append(_Plan(content=json.dumps(reading or {}), delay=seconds))

    def hear(self, text: str, status: int = 200) -> None:
        """The next transcription returns this text."""
        self._audio.append(_Plan(text=text, status=status))

    def chat_calls(self) -> list[Call]:
        return [c for c in self.calls if c.path.endswith("/chat/completions")]

    async def wait_for(self, path: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Wait until `count` calls ending in `path` were received; return them."""
        assert self._changed is not None

        def seen() -> list[Call]:
            return [c for c in self.calls if c.path.endswith(path)]

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: len(seen()) >= count), timeout)
        return seen()

    async def __aenter__(self) -> FakeOpenAI:
        self._changed = asyncio.Condition()
        app = web.Application(client_max_size=30 * 1024 * 1024)
        app.router.add_post("/v1/chat/completions", self._completions)
        app.router.add_post("/v1/audio/transcriptions", self._transcriptions)
        app.router.add_get("/v1/models", self._models)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _record(self, call: Call) -> None:
        assert self._changed is not None
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    def _authorised(self, request: web.Request) -> bool:
        return self.api_key is None or request.headers.get("Authorization") == (
            f"Bearer {self.api_key}"
        )

    async def _completions(self, request: web.Request) -> web.Response:
        body = await request.json()
        await self._record(Call(request.path, dict(request.headers), body))
        if not self._authorised(request):
            return _error(401, "invalid api key")
        fmt = body.get("response_format") or {}
        schema = (fmt.get("json_schema") or {}).get("schema")
        if fmt.get("type") != "json_schema" or not isinstance(schema, dict):
            return _error(400, "response_format json_schema is required")
        if not body.get("model") or not isinstance(body.get("messages"), list):
            return _error(400, "model and messages are required")
        plan = self._chat.popleft() if self._chat else _Plan(content='{"intent": "unknown"}')
        await asyncio.sleep(self.latency + plan.delay)
        if plan.status != 200:
            return _error(plan.status, "upstream failure")
        message: dict[str, Any] = {"role": "assistant", "content": plan.content}
        if plan.refusal is not None:
            message = {"role": "assistant", "content": None, "refusal": plan.refusal}
        usage = {"prompt_tokens": 120, "completion_tokens": 18, "total_tokens": 138}
        return web.json_response(
            {
                "id": "chatcmpl-fake",
                "object": "chat.completion",
                "model": body["model"],
                "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
                "usage": usage,
            }
        )

    async def _transcriptions(self, request: web.Request) -> web.Response:
        form = await request.post()
        upload = form.get("file")
        data = upload.file.read() if isinstance(upload, web.FileField) else None
        fields = {k: str(v) for k, v in form.items() if k != "file"}
        await self._record(Call(request.path, dict(request.headers), fields, data))
        if not self._authorised(request):
            return _error(401, "invalid api key")
        if not data or not fields.get("model"):
            return _error(400, "file and model are required")
        plan = self._audio.popleft() if self._audio else _Plan(text="")
        await asyncio.sleep(self.latency + plan.delay)
        if plan.status != 200:
            return _error(plan.status, "upstream failure")
        return web.json_response({"text": plan.text})

    async def _models(self, request: web.Request) -> web.Response:
        await self._record(Call(request.path, dict(request.headers), {}))
        if not self._authorised(request):
            return _error(401, "invalid api key")
        return web.json_response({"object": "list", "data": [{"id": "fake-model"}]})


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"error": {"message": message}}, status=status)
