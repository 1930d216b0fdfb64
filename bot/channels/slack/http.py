"""HTTP mode's door to bolt: a request is authenticated before anything parses its body.

Bolt builds its request object by parsing the body (a form's `payload` field as JSON) before its
own signature check runs, and reads the timestamp header with int(): a forged post with
`payload=notjson`, or a timestamp of "abc", was a 500 with a traceback, and 200 of them half a
megabyte of log in 3 seconds. Here the headers and signature are checked first, on the raw
bytes, with slack_sdk's verifier. What is refused, and what is signed but not shaped as Slack
documents, gets a 401 or 400 and at most one log line a minute for each reason.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.signature import SignatureVerifier

from bot.logs import ThrottledLog

log = logging.getLogger(__name__)

# What reading a payload's fields raises when it isn't shaped as Slack documents (no event_id,
# an action that isn't an object, a `payload` field that isn't JSON), in bolt's own parsing and
# matching or in ritmo's parse.
SHAPE_ERRORS = (KeyError, IndexError, TypeError, AttributeError, ValueError)
# A Unix time in seconds has 10 digits until the year 2286.
MAX_TIMESTAMP_DIGITS = 12

Dispatch = Callable[[AsyncBoltRequest], Awaitable[BoltResponse]]


class SlackDoor:
    """Checks who sent a request to /slack/events before bolt reads it, and answers for bolt
    when a signed request can't be read (in Socket Mode too, where there is no door to pass)."""

    def __init__(self, signing_secret: str | None, refusals: ThrottledLog | None = None) -> None:
        # Socket Mode has no signing secret (Slack's own connection is the authentication), and
        # slack_sdk refuses an empty one.
        self.verifier = SignatureVerifier(signing_secret) if signing_secret else None
        self.refusals = refusals or ThrottledLog(log)

    async def serve(self, request: web.Request, dispatch: Dispatch) -> web.Response:
        """Answer one POST: 401/400 unless Slack signed it and bolt can read it."""
        body = await request.read()
        status = self._refusal(body, request)
        if status is not None:
            return web.Response(status=status)
        try:
            bolt_request = await to_bolt_request(request)
        except SHAPE_ERRORS as exc:
            return self.malformed(exc)
        return await to_aiohttp_response(await dispatch(bolt_request))

    def _refusal(self, body: bytes, request: web.Request) -> int | None:
        timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
        signature = request.headers.get("X-Slack-Signature", "")
        # isdigit() alone takes other scripts' digits, which int() reads but Slack never sends.
        usable = timestamp.isascii() and timestamp.isdigit()
        if not (usable and len(timestamp) <= MAX_TIMESTAMP_DIGITS and signature):
            return self._refuse(request, 401, "unsigned", "no usable signature headers")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return self._refuse(request, 400, "malformed", "a body that is not UTF-8")
        if self.verifier is None or not self.verifier.is_valid(text, timestamp, signature):
            # A wrong SLACK_SIGNING_SECRET refuses every real request this way too.
            reason = "a bad signature or an old timestamp (check SLACK_SIGNING_SECRET)"
            return self._refuse(request, 401, "forged", reason)
        return None

    def _refuse(self, request: web.Request, status: int, kind: str, reason: str) -> int:
        self.refusals.warning(
            kind, "refused a request to /slack/events from %s: %s", request.remote, reason
        )
        return status

    def malformed(self, exc: BaseException) -> web.Response:
        self._note_malformed(exc)
        return web.Response(status=400)

    def _note_malformed(self, exc: BaseException) -> None:
        # Where it was raised, not the message (which could quote the payload): enough to tell
        # a payload ritmo can't read from a bug in ritmo reading it.
        self.refusals.warning(
            "malformed",
            "refused a signed Slack request that is not shaped as Slack documents (%s at %s)",
            type(exc).__name__,
            _raised_at(exc),
        )

    async def bolt_error(self, error: Exception) -> BoltResponse | None:
        """Bolt's error handler (listeners and middleware): a signed payload bolt or ritmo can't
        read is a 400 and a throttled line; anything else stays a 500, which Slack retries, and
        is logged with its traceback."""
        if isinstance(error, SHAPE_ERRORS):
            self._note_malformed(error)
            return BoltResponse(status=400, body="")
        log.error("handling a Slack request failed", exc_info=error)
        return None


def _raised_at(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    return f"{Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else "?"
