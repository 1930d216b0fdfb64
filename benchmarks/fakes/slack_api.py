"""A fake Slack Web API on 127.0.0.1 that records calls, for end-to-end tests.

Point slack_sdk's `AsyncWebClient(base_url=fake.base_url)` (or ritmo's SLACK_API_BASE_URL) at
it. Tests wait for a call with `await fake.wait_for("chat.postMessage", predicate)`, which
blocks on an asyncio.Condition instead of sleeping, and can ask for 429s, API errors or slow
answers. users.info tells a user's locale only when asked with include_locale, as Slack does.
File uploads follow Slack's external-upload flow: files.getUploadURLExternal hands out an
upload URL on this same server, the bytes POSTed there are recorded as an `upload` call, and
files.completeUploadExternal shares them; `shared_files(channel)` lists what was shared.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web


@dataclass(frozen=True)
class Call:
    """One request the fake received; `status` is the HTTP status it answered with."""

    method: str
    params: dict[str, Any]
    token: str | None
    status: int = 200
    at: float = 0.0  # loop time, so tests can check a Retry-After pause was honoured

    @property
    def blocks(self) -> list[dict[str, Any]]:
        raw = self.params.get("blocks") or []
        return json.loads(raw) if isinstance(raw, str) else list(raw)

    @property
    def view(self) -> dict[str, Any]:
        raw = self.params.get("view") or {}
        return json.loads(raw) if isinstance(raw, str) else dict(raw)


@dataclass(frozen=True)
class SharedFile:
    """A file completed into a channel: the bytes that reached the upload URL, and its names."""

    file_id: str
    channel: str
    filename: str
    title: str
    alt_txt: str
    data: bytes
    thread_ts: str | None = None
    initial_comment: str | None = None


@dataclass
class _Limit:
    remaining: int
    retry_after: int


@dataclass
class _Outage:
    remaining: int
    status: int


@dataclass
class FakeSlackApi:
    """The subset of the Web API ritmo uses: auth.test, chat.*, views.publish, conversations.open,
    users.info, files.getUploadURLExternal and files.completeUploadExternal (with the upload
    URL itself, `rate_limit("upload")` and `fail`-able like a method), plus response_url
    webhooks under `hooks_url` and a Socket Mode endpoint (apps.connections.open hands out
    `socket_url`)."""

    bot_user_id: str = "UBOT"
    team_id: str = "T0001"
    # When set, a call with any other bot token is answered `invalid_auth`, as Slack does.
    token: str | None = None
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    calls: list[Call] = field(default_factory=list)
    base_url: str = ""
    hooks_url: str = ""
    socket_url: str = ""
    upload_url: str = ""

    def __post_init__(self) -> None:
        self._limits: dict[str, _Limit] = {}
        self._errors: dict[str, deque[str]] = defaultdict(deque)
        self._outages: dict[str, _Outage] = {}
        self._delays: dict[str, float] = {}
        self._ts = itertools.count(1)
        self._changed: asyncio.Condition | None = None
        self._runner: web.AppRunner | None = None
        self._sockets: list[web.WebSocketResponse] = []
        self._envelopes = itertools.count(1)
        self._file_ids = itertools.count(1)
        self._pending: dict[str, dict[str, Any]] = {}  # file id -> what getUploadURL was told
        self._uploaded: dict[str, bytes] = {}
        self._shared: list[SharedFile] = []

    async def __aenter__(self) -> FakeSlackApi:
        self._changed = asyncio.Condition()
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/hooks/{path:.*}", self._hook)
        app.router.add_get("/socket", self._socket)
        app.router.add_post("/upload/{file_id}", self._upload)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.base_url = f"http://127.0.0.1:{port}/api/"
        self.hooks_url = f"http://127.0.0.1:{port}/hooks/"
        self.socket_url = f"ws://127.0.0.1:{port}/socket"
        self.upload_url = f"http://127.0.0.1:{port}/upload/"
        return self

    async def __aexit__(self, *exc: object) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # -- what tests ask for -------------------------------------------------------------------

    def add_user(
        self, user_id: str, name: str = "", locale: str = "en-US", tz: str = "America/Sao_Paulo"
    ) -> None:
        """Make users.info know a user (unknown ids answer `user_not_found`)."""
        self.users[user_id] = {
            "id": user_id,
            "name": name or user_id.lower(),
            "real_name": name or user_id,
            "tz": tz,
            "locale": locale,
            "profile": {"real_name": name or user_id},
        }

    def rate_limit(self, method: str, times: int = 1, retry_after: int = 1) -> None:
        """Answer the next `times` calls of `method` with 429 and a Retry-After header."""
        self._limits[method] = _Limit(times, retry_after)

    def fail(self, method: str, error: str) -> None:
        """Answer the next call of `method` with `{"ok": false, "error": error}`."""
        self._errors[method].append(error)

    def fail_http(self, method: str, status: int = 502, times: int = 1) -> None:
        """Answer the next `times` calls of `method` (or "response_url") with HTTP `status`
        and an HTML body, as Slack's edge does during an outage."""
        self._outages[method] = _Outage(times, status)

    async def _outage(
        self, method: str, params: dict[str, Any], token: str | None, now: float
    ) -> web.Response | None:
        outage = self._outages.get(method)
        if outage is None or outage.remaining <= 0:
            return None
        outage.remaining -= 1
        await self._record(Call(method, params, token, outage.status, now))
        return web.Response(
            text="<html>Bad Gateway</html>", status=outage.status, content_type="text/html"
        )

    def delay(self, method: str, seconds: float) -> None:
        """Answer every later call of `method` only after `seconds` (a slow or stuck Slack)."""
        self._delays[method] = seconds

    def shared_files(self, channel: str | None = None) -> list[SharedFile]:
        """Files completed into `channel` (any channel when None), in order."""
        return [f for f in self._shared if channel is None or f.channel == channel]

    def calls_to(self, method: str) -> list[Call]:
        """Successful calls of `method`, in order."""
        return [c for c in self.calls if c.method == method and c.status == 200]

    async def wait_for(
        self, method: str, predicate: Callable[[Call], bool] | None = None, timeout: float = 5.0
    ) -> Call:
        """The first successful call of `method` matching `predicate`, waiting until it comes.

        Raises:
            TimeoutError: no such call arrived within `timeout` seconds.
        """
        assert self._changed is not None, "use the fake as an async context manager"

        def found() -> Call | None:
            for call in self.calls_to(method):
                if predicate is None or predicate(call):
                    return call
            return None

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(found), timeout)
        result = found()
        assert result is not None
        return result

    async def wait_connected(self, timeout: float = 5.0) -> None:
        """Wait until a Socket Mode client holds a connection."""
        assert self._changed is not None
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: bool(self._sockets)), timeout)

    async def socket_send(self, kind: str, payload: dict[str, Any], retry_attempt: int = 0) -> str:
        """Push a Socket Mode envelope (`events_api`, `slash_commands` or `interactive`) to the
        connected client; returns its envelope_id, which the client's ack must echo
        (recorded as a `socket.ack` call)."""
        envelope_id = f"env-{next(self._envelopes)}"
        envelope = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": kind != "events_api",
            "retry_attempt": retry_attempt,
            "retry_reason": "timeout" if retry_attempt else "",
        }
        for ws in self._sockets:
            await ws.send_json(envelope)
        return envelope_id

    # -- the server ---------------------------------------------------------------------------

    async def _record(self, call: Call) -> None:
        assert self._changed is not None
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params = await _params(request)
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") or params.get("token")
        now = asyncio.get_running_loop().time()
        if (down := await self._outage(method, params, token, now)) is not None:
            return down
        limit = self._limits.get(method)
        if limit is not None and limit.remaining > 0:
            limit.remaining -= 1
            await self._record(Call(method, params, token, 429, now))
            return web.json_response(
                {"ok": False, "error": "ratelimited"},
                status=429,
                headers={"Retry-After": str(limit.retry_after)},
            )
        if self.token is not None and token != self.token:
            await self._record(Call(method, params, token, 200, now))
            return web.json_response({"ok": False, "error": "invalid_auth"})
        await self._record(Call(method, params, token, 200, now))
        if method in self._delays:
            await asyncio.sleep(self._delays[method])
        if self._errors[method]:
            return web.json_response({"ok": False, "error": self._errors[method].popleft()})
        return web.json_response(self._answer(method, params))

    async def _upload(self, request: web.Request) -> web.Response:
        """The upload URL: Slack answers it in plain text ("OK - <bytes>"), not JSON."""
        file_id = request.match_info["file_id"]
        data = await request.read()
        now = asyncio.get_running_loop().time()
        params = {"file_id": file_id, "data": data}
        limit = self._limits.get("upload")
        if limit is not None and limit.remaining > 0:
            limit.remaining -= 1
            await self._record(Call("upload", params, None, 429, now))
            return web.Response(
                text="ratelimited", status=429, headers={"Retry-After": str(limit.retry_after)}
            )
        if file_id not in self._pending:
            await self._record(Call("upload", params, None, 404, now))
            return web.Response(text="unknown upload", status=404)
        await self._record(Call("upload", params, None, 200, now))
        self._uploaded[file_id] = data
        return web.Response(text=f"OK - {len(data)}")

    async def _hook(self, request: web.Request) -> web.Response:
        params = await request.json()
        now = asyncio.get_running_loop().time()
        params["response_url"] = str(request.url)
        if (down := await self._outage("response_url", params, None, now)) is not None:
            return down
        await self._record(Call("response_url", params, None, 200, now))
        return web.Response(text="ok")

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json({"type": "hello", "num_connections": 1})
        assert self._changed is not None
        async with self._changed:
            self._sockets.append(ws)
            self._changed.notify_all()
        try:
            async for message in ws:
                if message.type == WSMsgType.TEXT:
                    ack = json.loads(message.data)
                    now = asyncio.get_running_loop().time()
                    await self._record(Call("socket.ack", ack, None, 200, now))
        finally:
            self._sockets.remove(ws)
        return ws

    def _answer(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        ts = f"1700000000.{next(self._ts):06d}"
        channel = params.get("channel", "")
        match method:
            case "auth.test":
                return {
                    "ok": True,
                    "url": "https://ritmo-test.slack.com/",
                    "team": "Test",
                    "user": "ritmo",
                    "team_id": self.team_id,
                    "user_id": self.bot_user_id,
                    "bot_id": "B0001",
                    "is_enterprise_install": False,
                }
            case "chat.postMessage":
                return {
                    "ok": True,
                    "channel": channel,
                    "ts": ts,
                    "message": {"text": params.get("text", ""), "ts": ts},
                }
            case "chat.update":
                return {
                    "ok": True,
                    "channel": channel,
                    "ts": params.get("ts"),
                    "text": params.get("text", ""),
                }
            case "chat.postEphemeral":
                return {"ok": True, "message_ts": ts}
            case "views.publish":
                return {"ok": True, "view": {"id": "V0001", **(params.get("view") or {})}}
            case "conversations.open":
                return {"ok": True, "channel": {"id": "D" + str(params.get("users", "X"))}}
            case "apps.connections.open":
                return {"ok": True, "url": self.socket_url}
            case "files.getUploadURLExternal":
                file_id = f"F{next(self._file_ids):04d}"
                self._pending[file_id] = params
                return {"ok": True, "upload_url": self.upload_url + file_id, "file_id": file_id}
            case "files.completeUploadExternal":
                return self._complete_upload(params)
            case "users.info":
                user = self.users.get(str(params.get("user")))
                if user is None:
                    return {"ok": False, "error": "user_not_found"}
                if str(params.get("include_locale")).lower() not in ("1", "true"):
                    user = {k: v for k, v in user.items() if k != "locale"}
                return {"ok": True, "user": user}
        return {"ok": False, "error": "unknown_method"}

    def _complete_upload(self, params: dict[str, Any]) -> dict[str, Any]:
        """Share the uploaded files, refusing (as Slack does) one whose bytes never arrived or
        whose length differs from what files.getUploadURLExternal was told."""
        files = params.get("files") or "[]"
        files = json.loads(files) if isinstance(files, str) else files
        shared = []
        for f in files:
            asked, data = self._pending.get(f["id"]), self._uploaded.get(f["id"])
            if asked is None or data is None or int(asked.get("length", -1)) != len(data):
                return {"ok": False, "error": "file_not_found"}
            shared.append(
                SharedFile(
                    file_id=f["id"],
                    channel=str(params.get("channel_id") or ""),
                    filename=str(asked.get("filename", "")),
                    title=str(f.get("title") or ""),
                    alt_txt=str(asked.get("alt_txt") or ""),
                    data=data,
                    thread_ts=params.get("thread_ts") or None,
                    initial_comment=params.get("initial_comment") or None,
                )
            )
        self._shared += shared
        return {
            "ok": True,
            "files": [
                {"id": f.file_id, "name": f.filename, "title": f.title, "size": len(f.data)}
                for f in shared
            ],
        }


async def _params(request: web.Request) -> dict[str, Any]:
    params: dict[str, Any] = dict(request.query)
    if request.content_type == "application/json":
        body = await request.json()
        params.update(body or {})
    elif request.can_read_body:
        params.update(await request.post())
    for key in ("view", "blocks"):
        value = params.get(key)
        if isinstance(value, str) and value.startswith(("{", "[")):
            params[key] = json.loads(value)
    return params
