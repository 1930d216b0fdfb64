"""A fake Telegram Bot API server on loopback, for end-to-end tests of the real adapter.

It speaks the Bot API wire format (`POST {base_url}{token}/{method}`, form, multipart or JSON
bodies, `{"ok": ..., "result": ...}` answers) closely enough that python-telegram-bot cannot
tell it from Telegram for the methods ritmo uses. It is stricter than a mock on purpose: HTML
that Telegram would refuse (an unescaped `&` or `<`, an unknown or unclosed tag), text over
4096 characters, callback data over 64 bytes and edits that change nothing are answered with
the same 400 errors Telegram gives, so a rendering bug fails a test instead of a user.

Tests push updates (see the builders below), inject 429/5xx answers or a stall, and wait for a
call with `await fake.wait_for(method, predicate)`, which wakes on an asyncio.Condition
instead of sleeping.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from html import unescape
from typing import Any

from aiohttp import ClientSession, web

TOKEN = "123456:TEST-token"
BOT_ID = 123456
BOT_USERNAME = "ritmo_test_bot"

# Parameters that Telegram treats as plain strings; everything else in a form body is JSON.
_STRING_PARAMS = {
    "text",
    "caption",
    "parse_mode",
    "callback_query_id",
    "url",
    "secret_token",
    "language_code",
    "action",
    "inline_message_id",
}
_ALLOWED_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "tg-spoiler",
    "span",
    "blockquote",
    "tg-emoji",
}
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z-]*)((?:\s+[a-zA-Z-]+\s*=\s*\"[^\"<>]*\")*)\s*>")
_REFUSED = "Bad Request: can't parse entities: "
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")
_MESSAGE_LIMIT = 4096
_CALLBACK_DATA_LIMIT = 64

_ids = itertools.count(1000)


class BadRequest(Exception):
    """A 400 answer, with Telegram's own description."""


def visible_text(html_text: str) -> str:
    """What a Telegram client shows for `parse_mode=HTML` text, or BadRequest if it's refused.

    Telegram rejects the whole message when a `<`, `>` or `&` is not part of a tag or entity,
    when a tag is unknown, or when tags don't nest: the check that makes escaping bugs visible.
    """
    out: list[str] = []
    stack: list[str] = []
    pos = 0
    while pos < len(html_text):
        char = html_text[pos]
        if char == "<":
            tag = _TAG.match(html_text, pos)
            if not tag or tag.group(2).lower() not in _ALLOWED_TAGS:
                raise BadRequest(_REFUSED + f"unsupported start tag at {pos}")
            name = tag.group(2).lower()
            if tag.group(1):
                if not stack or stack.pop() != name:
                    raise BadRequest(_REFUSED + f"unmatched end tag {name}")
            else:
                stack.append(name)
            pos = tag.end()
        elif char == "&":
            entity = _ENTITY.match(html_text, pos)
            if not entity:
                raise BadRequest(_REFUSED + f"bare & at byte {pos}")
            out.append(unescape(entity.group(0)))
            pos = entity.end()
        elif char == ">":
            raise BadRequest(_REFUSED + f"bare > at {pos}")
        else:
            out.append(char)
            pos += 1
    if stack:
        raise BadRequest(_REFUSED + f"can't find end tag {stack[-1]}")
    return "".join(out)


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class Call:
    """One request the bot made: its method, decoded parameters and what the fake answered."""

    method: str
    params: dict[str, Any]
    at: float
    status: int = 200
    result: Any = None
    files: dict[str, tuple[str, bytes]] = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The text a user would see (HTML removed), for sendMessage/editMessageText."""
        raw = self.params.get("text", self.params.get("caption", ""))
        if self.params.get("parse_mode") == "HTML":
            return visible_text(raw)
        return raw

    @property
    def buttons(self) -> list[dict[str, Any]]:
        markup = self.params.get("reply_markup") or {}
        return [button for row in markup.get("inline_keyboard", []) for button in row]


@dataclass
class _Failure:
    status: int
    retry_after: int | None
    times: int


class FakeTelegram:
    """The fake server: `async with FakeTelegram() as fake:`, then give PTB `fake.base_url`."""

    def __init__(self, token: str = TOKEN, username: str = BOT_USERNAME) -> None:
        self.token = token
        self.username = username
        self.calls: list[Call] = []
        self.webhook: dict[str, Any] = {}
        self.confirmed_offset = 0  # every update_id below it was confirmed by a getUpdates
        self.messages: dict[tuple[int, int], dict[str, Any]] = {}
        self.answered_callbacks: set[str] = set()
        self.blocked: set[int] = set()  # chats the bot may not write to (never started)
        self.held: list[Call] = []  # calls that arrived while their method was stalled
        self._queue: list[dict[str, Any]] = []
        self._next_update_id = 1
        self._failures: dict[str, list[_Failure]] = {}
        self._stalls: dict[str, asyncio.Event] = {}
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- life cycle ---------------------------------------------------------------------------

    async def __aenter__(self) -> FakeTelegram:
        app = web.Application()
        app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, shutdown_timeout=0.1, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def __aexit__(self, *exc: object) -> None:
        for event in self._stalls.values():
            event.set()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        """What to give PTB as `base_url` (it appends the token and `/{method}`)."""
        return f"http://127.0.0.1:{self.port}/bot"

    # -- what tests do ------------------------------------------------------------------------

    async def push(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue an update for getUpdates, giving it the next update_id unless it has one."""
        if "update_id" not in update:
            update = {"update_id": self._next_update_id, **update}
        self._next_update_id = max(self._next_update_id, update["update_id"] + 1)
        async with self._changed:
            self._queue.append(update)
            self._changed.notify_all()
        return update

    def fail(
        self, method: str, status: int = 429, retry_after: int | None = 1, times: int = 1
    ) -> None:
        """Answer the next `times` calls of `method` with `status` (429 carries retry_after)."""
        self._failures.setdefault(method, []).append(_Failure(status, retry_after, times))

    def stall(self, method: str) -> None:
        """Hold every call of `method` open until `release(method)` (or the server stops)."""
        self._stalls[method] = asyncio.Event()

    def release(self, method: str) -> None:
        event = self._stalls.pop(method, None)
        if event is not None:
            event.set()

    def calls_of(self, method: str) -> list[Call]:
        return [call for call in self.calls if call.method == method and call.status == 200]

    def sent_to(self, chat_id: int | str) -> list[Call]:
        """Successful sendMessage/sendPhoto calls to one chat, in order."""
        return [
            call
            for call in self.calls
            if call.method in ("sendMessage", "sendPhoto")
            and call.status == 200
            and str(call.params.get("chat_id")) == str(chat_id)
        ]

    async def wait_for(
        self,
        method: str,
        predicate: Callable[[Call], bool] | None = None,
        timeout: float = 5.0,
        since: int = 0,
    ) -> Call:
        """The first successful call of `method` (from index `since`) matching `predicate`.

        Raises:
            TimeoutError: no such call arrived in `timeout` seconds.
        """

        def found() -> Call | None:
            for call in self.calls[since:]:
                if call.method == method and call.status == 200:
                    if predicate is None or predicate(call):
                        return call
            return None

        async with self._changed:
            async with asyncio.timeout(timeout):
                await self._changed.wait_for(lambda: found() is not None)
        result = found()
        assert result is not None
        return result

    async def wait_confirmed(self, update_id: int, timeout: float = 5.0) -> None:
        """Wait until the bot confirmed `update_id` (asked getUpdates for a higher offset)."""
        async with self._changed:
            async with asyncio.timeout(timeout):
                await self._changed.wait_for(lambda: self.confirmed_offset > update_id)

    async def wait_held(self, method: str, timeout: float = 5.0) -> Call:
        """The first call of `method` that arrived while it was stalled."""
        async with self._changed:
            async with asyncio.timeout(timeout):
                await self._changed.wait_for(lambda: any(c.method == method for c in self.held))
        return next(c for c in self.held if c.method == method)

    async def post_webhook(self, update: dict[str, Any], secret: str | None = "registered") -> int:
        """POST an update to the registered webhook like Telegram does; returns the status."""
        if "update_id" not in update:
            update = {"update_id": self._next_update_id, **update}
            self._next_update_id += 1
        headers = {}
        if secret == "registered":
            secret = self.webhook.get("secret_token")
        if secret is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret
        async with ClientSession() as session:
            async with session.post(self.webhook["url"], json=update, headers=headers) as resp:
                return resp.status

    # -- the server ---------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        params, files = await _decode(request)
        call = Call(method, params, time.monotonic(), files=files)
        if request.match_info["token"] != self.token:
            return await self._answer(call, 401, {"description": "Unauthorized"})
        stall = self._stalls.get(method)
        if stall is not None:
            async with self._changed:
                self.held.append(call)
                self._changed.notify_all()
            await stall.wait()
            if request.transport is None or request.transport.is_closing():
                # The bot died while the call was held: Telegram never saw it.
                return web.Response(status=499)
        failure = self._take_failure(method)
        if failure is not None:
            body: dict[str, Any] = {"description": f"Error {failure.status}"}
            if failure.status == 429:
                body["description"] = f"Too Many Requests: retry after {failure.retry_after}"
                body["parameters"] = {"retry_after": failure.retry_after}
            return await self._answer(call, failure.status, body)
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            return await self._answer(call, 404, {"description": "Not Found: method not found"})
        try:
            result = await handler(params, files) if method == "getUpdates" else handler(params)
        except BadRequest as exc:
            return await self._answer(call, 400, {"description": str(exc)})
        except _Conflict as exc:
            return await self._answer(call, 409, {"description": str(exc)})
        except _Forbidden as exc:
            return await self._answer(call, 403, {"description": str(exc)})
        call.result = result
        return await self._answer(call, 200, {"result": result})

    async def _answer(self, call: Call, status: int, body: dict[str, Any]) -> web.Response:
        call.status = status
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()
        payload = {"ok": status == 200, **body}
        if status != 200:
            payload["error_code"] = status
        return web.json_response(payload, status=status)

    def _take_failure(self, method: str) -> _Failure | None:
        pending = self._failures.get(method)
        if not pending:
            return None
        failure = pending[0]
        failure.times -= 1
        if failure.times <= 0:
            pending.pop(0)
        return failure

    # -- the methods --------------------------------------------------------------------------

    def _api_getMe(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "ritmo",
            "username": self.username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def _api_getUpdates(self, params: dict[str, Any], files: object) -> list[dict]:
        if self.webhook.get("url"):
            raise _Conflict("Conflict: can't use getUpdates method while webhook is active")
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        async with self._changed:
            if offset:
                # Telegram forgets what the bot confirmed by asking for a higher offset.
                self.confirmed_offset = max(self.confirmed_offset, offset)
                self._queue = [u for u in self._queue if u["update_id"] >= offset]
                self._changed.notify_all()
            try:
                async with asyncio.timeout(timeout):
                    await self._changed.wait_for(lambda: bool(self._pending(offset)))
            except TimeoutError:
                pass
            return self._pending(offset)[:limit]

    def _pending(self, offset: int) -> list[dict[str, Any]]:
        return [u for u in self._queue if u["update_id"] >= offset]

    def _api_setMyCommands(self, params: dict[str, Any]) -> bool:
        for command in params.get("commands", []):
            if not re.fullmatch(r"[a-z0-9_]{1,32}", command["command"]):
                raise BadRequest("Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(command["description"]) <= 256:
                raise BadRequest("Bad Request: command description is invalid")
        return True

    def _api_sendMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        if int(params["chat_id"]) in self.blocked:
            raise _Forbidden("Forbidden: bot can't initiate conversation with a user")
        _check_text(params.get("text", ""), params.get("parse_mode"))
        _check_markup(params.get("reply_markup"))
        message = self._message(params, text=params["text"])
        return message

    def _api_sendPhoto(self, params: dict[str, Any]) -> dict[str, Any]:
        caption = params.get("caption")
        if caption is not None:
            _check_text(caption, params.get("parse_mode"), limit=1024)
        _check_markup(params.get("reply_markup"))
        photo = [
            {"file_id": f"photo-{next(_ids)}", "file_unique_id": "u", "width": 1, "height": 1}
        ]
        return self._message(params, caption=caption, photo=photo)

    def _message(self, params: dict[str, Any], **content: Any) -> dict[str, Any]:
        chat_id = int(params["chat_id"])
        message = {
            "message_id": next(_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            "from": {
                "id": BOT_ID,
                "is_bot": True,
                "first_name": "ritmo",
                "username": self.username,
            },
            **{key: value for key, value in content.items() if value is not None},
        }
        if params.get("reply_markup"):
            message["reply_markup"] = params["reply_markup"]
        self.messages[(chat_id, message["message_id"])] = message
        return message

    def _edited(self, params: dict[str, Any]) -> dict[str, Any]:
        key = (int(params["chat_id"]), int(params["message_id"]))
        if key not in self.messages:
            raise BadRequest("Bad Request: message to edit not found")
        return self.messages[key]

    def _api_editMessageText(self, params: dict[str, Any]) -> dict[str, Any]:
        _check_text(params.get("text", ""), params.get("parse_mode"))
        _check_markup(params.get("reply_markup"))
        message = self._edited(params)
        new = {**message, "text": params["text"]}
        new.pop("reply_markup", None)
        if params.get("reply_markup"):
            new["reply_markup"] = params["reply_markup"]
        if new == message:
            raise BadRequest("Bad Request: message is not modified")
        self.messages[(message["chat"]["id"], message["message_id"])] = new
        return new

    def _api_editMessageReplyMarkup(self, params: dict[str, Any]) -> dict[str, Any]:
        _check_markup(params.get("reply_markup"))
        message = self._edited(params)
        new = {key: value for key, value in message.items() if key != "reply_markup"}
        if params.get("reply_markup"):
            new["reply_markup"] = params["reply_markup"]
        if new == message:
            raise BadRequest("Bad Request: message is not modified")
        self.messages[(message["chat"]["id"], message["message_id"])] = new
        return new

    def _api_answerCallbackQuery(self, params: dict[str, Any]) -> bool:
        self.answered_callbacks.add(str(params["callback_query_id"]))
        return True

    def _api_sendChatAction(self, params: dict[str, Any]) -> bool:
        return True

    def _api_setWebhook(self, params: dict[str, Any]) -> bool:
        secret = params.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            raise BadRequest("Bad Request: secret token contains unallowed characters")
        self.webhook = {"url": params["url"], "secret_token": secret}
        return True

    def _api_deleteWebhook(self, params: dict[str, Any]) -> bool:
        self.webhook = {}
        if params.get("drop_pending_updates"):
            self._queue.clear()
        return True

    def _api_getWebhookInfo(self, params: dict[str, Any]) -> dict[str, Any]:
        return {
            "url": self.webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self._queue),
        }


class _Conflict(Exception):
    pass


class _Forbidden(Exception):
    pass


def _check_text(text: str, parse_mode: str | None, limit: int = _MESSAGE_LIMIT) -> None:
    shown = visible_text(text) if parse_mode == "HTML" else text
    if not shown.strip():
        raise BadRequest("Bad Request: message text is empty")
    if _utf16_len(shown) > limit:
        raise BadRequest("Bad Request: message is too long")


def _check_markup(markup: dict[str, Any] | None) -> None:
    for row in (markup or {}).get("inline_keyboard", []):
        for button in row:
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= _CALLBACK_DATA_LIMIT:
                raise BadRequest("Bad Request: BUTTON_DATA_INVALID")


async def _decode(request: web.Request) -> tuple[dict[str, Any], dict[str, tuple[str, bytes]]]:
    """Parameters as Telegram reads them: query string, then JSON, form or multipart body."""
    params: dict[str, Any] = dict(request.query)
    files: dict[str, tuple[str, bytes]] = {}
    if request.content_type == "application/json":
        params.update(await request.json())
        return params, files
    if request.can_read_body:
        form = await request.post()
        for key, value in form.items():
            if isinstance(value, web.FileField):
                files[key] = (value.filename, value.file.read())
            else:
                params[key] = value
    for key, value in list(params.items()):
        if isinstance(value, str) and key not in _STRING_PARAMS:
            try:
                params[key] = json.loads(value)
            except ValueError:
                pass  # a plain string such as "@channel" or an attach:// reference
    return params, files


# -- update builders -------------------------------------------------------------------------


def user(
    user_id: int,
    first_name: str = "Ana",
    language_code: str | None = "pt-br",
    username: str | None = None,
) -> dict[str, Any]:
    """A Telegram User object for a person."""
    data: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if language_code:
        data["language_code"] = language_code
    if username:
        data["username"] = username
    return data


def private_chat(user_id: int, first_name: str = "Ana") -> dict[str, Any]:
    return {"id": user_id, "type": "private", "first_name": first_name}


def group_chat(chat_id: int = -100200300, title: str = "Vendas SP") -> dict[str, Any]:
    return {"id": chat_id, "type": "supergroup", "title": title}


def _entities(text: str) -> list[dict[str, Any]]:
    """The entities Telegram would attach: a leading /command and any @mentions."""
    found = []
    command = re.match(r"/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?", text)
    if command:
        found.append({"type": "bot_command", "offset": 0, "length": command.end()})
    for mention in re.finditer(r"(?<![\w/])@[A-Za-z0-9_]{5,32}", text):
        found.append({"type": "mention", "offset": mention.start(), "length": len(mention[0])})
    return found


def _message_update(
    sender: dict[str, Any], chat: dict[str, Any] | None, **content: Any
) -> dict[str, Any]:
    message = {
        "message_id": next(_ids),
        "date": int(time.time()),
        "chat": chat or private_chat(sender["id"], sender["first_name"]),
        "from": sender,
        **content,
    }
    return {"message": message}


def message_update(
    sender: dict[str, Any],
    text: str,
    chat: dict[str, Any] | None = None,
    reply_to: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """A text message (with the entities Telegram adds); a private chat unless `chat` is given."""
    content: dict[str, Any] = {"text": text}
    entities = _entities(text)
    if entities:
        content["entities"] = entities
    if reply_to is not None:
        content["reply_to_message"] = reply_to
    return _message_update(sender, chat, **content)


def command_update(
    sender: dict[str, Any],
    command: str,
    args: str = "",
    chat: dict[str, Any] | None = None,
    bot: str | None = None,
) -> dict[str, Any]:
    """`/command[@bot] args`, as a client sends it after a tap in the command menu."""
    text = f"/{command}" + (f"@{bot}" if bot else "") + (f" {args}" if args else "")
    return message_update(sender, text, chat)


def callback_update(
    sender: dict[str, Any], data: str, message: dict[str, Any] | None = None
) -> dict[str, Any]:
    """A button press on `message` (a message the bot sent, e.g. `call.result`)."""
    query: dict[str, Any] = {
        "id": str(next(_ids)),
        "from": sender,
        "chat_instance": "ci-1",
        "data": data,
    }
    if message is not None:
        query["message"] = message
    return {"callback_query": query}


def location_update(
    sender: dict[str, Any], latitude: float, longitude: float, chat: dict[str, Any] | None = None
) -> dict[str, Any]:
    return _message_update(sender, chat, location={"latitude": latitude, "longitude": longitude})


def photo_update(
    sender: dict[str, Any],
    file_id: str = "AgACphoto",
    caption: str | None = None,
    chat: dict[str, Any] | None = None,
):
    sizes = [
        {"file_id": f"{file_id}-small", "file_unique_id": "s1", "width": 90, "height": 90},
        {"file_id": file_id, "file_unique_id": "s2", "width": 1280, "height": 960},
    ]
    content: dict[str, Any] = {"photo": sizes}
    if caption:
        content["caption"] = caption
    return _message_update(sender, chat, **content)


def voice_update(
    sender: dict[str, Any],
    file_id: str = "AwACvoice",
    duration: int = 7,
    chat: dict[str, Any] | None = None,
) -> dict[str, Any]:
    voice = {
        "file_id": file_id,
        "file_unique_id": "v1",
        "duration": duration,
        "mime_type": "audio/ogg",
    }
    return _message_update(sender, chat, voice=voice)
