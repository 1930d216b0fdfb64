"""Logging: readable lines by default, JSON lines with RITMO_LOG_FORMAT=json, with the platform,
person and request each line was written for, and no secret ever in the output.

The context lives in contextvars, set where an inbox row or a web request is handled; each
asyncio task copies the context it was created in, so concurrent chats never mix their fields.
Tokens never reach the log: library loggers that echo request URLs (httpx carries the Telegram
token in the path) are held at WARNING, and every configured secret is masked in whatever is
written anyway (an exception's text can quote a URL) — in any letter case and in any
percent-encoded form, because an API error can echo a lowercased or URL-quoted token.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import logging
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from typing import Any

CONTEXT_FIELDS = ("platform", "person_id", "request_id")
# Facts a line may carry through `extra=` (the per-update and per-delivery lines): JSON logs
# write each as its own field, so a log platform can filter and sum them without parsing text.
# Ids, names of things and numbers only; never what a person wrote.
EVENT_FIELDS = (
    "event",
    "intent",
    "latency_ms",
    "outcome",
    "replies",
    "outbox_id",
    "kind",
    "attempt",
)
_context: dict[str, contextvars.ContextVar[Any]] = {
    name: contextvars.ContextVar(f"ritmo_log_{name}", default=None) for name in CONTEXT_FIELDS
}
MASK = "***"


def bind(**fields: Any) -> None:
    """Attach fields (platform, person_id, request_id) to every line logged from this task on."""
    for name, value in fields.items():
        _context[name].set(value)


@contextlib.contextmanager
def bound(**fields: Any) -> Iterator[None]:
    """`bind` for a block: the previous values come back when it ends."""
    tokens = {name: _context[name].set(value) for name, value in fields.items()}
    try:
        yield
    finally:
        for name, token in tokens.items():
            _context[name].reset(token)


def current() -> dict[str, Any]:
    """The bound fields that have a value."""
    return {name: var.get() for name, var in _context.items() if var.get() is not None}


class ContextFilter(logging.Filter):
    """Copies the bound fields onto each record (an explicit `extra=` wins)."""

    def filter(self, record: logging.LogRecord) -> bool:
        for name, value in current().items():
            if not hasattr(record, name):
                setattr(record, name, value)
        return True


def _fields(record: logging.LogRecord) -> dict[str, Any]:
    return {k: getattr(record, k) for k in CONTEXT_FIELDS if getattr(record, k, None) is not None}


class TextFormatter(logging.Formatter):
    """`time LEVEL logger [platform person=… req=…]: message` — the bracket only when known."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s%(where)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        fields = _fields(record)
        parts = [str(fields["platform"])] if "platform" in fields else []
        if "person_id" in fields:
            parts.append(f"person={fields['person_id']}")
        if "request_id" in fields:
            parts.append(f"req={fields['request_id']}")
        record.where = f" [{' '.join(parts)}]" if parts else ""
        return super().format(record)


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data = {
            "at": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        data.update(_fields(record))
        for name in EVENT_FIELDS:
            value = getattr(record, name, None)
            if value is not None:
                data[name] = value
        if record.exc_info:
            data["exception"] = self.formatException(record.exc_info)
        return json.dumps(data, ensure_ascii=False, default=str)


def _char_pattern(char: str) -> str:
    """Every way one character of a secret can reach a line: itself (any case), percent-encoded
    with either hex case, or encoded twice (`%25` + hex) when a quoted URL is quoted again."""
    encoded = "".join(f"{byte:02X}" for byte in char.encode())
    forms = [re.escape(char)]
    if len(encoded) == 2:
        forms += [f"%{encoded}", f"%25{encoded}"]
    else:  # a multi-byte character is only ever quoted byte by byte
        pairs = [encoded[i : i + 2] for i in range(0, len(encoded), 2)]
        forms += ["".join(f"%{p}" for p in pairs), "".join(f"%25{p}" for p in pairs)]
    return "(?:" + "|".join(forms) + ")"


def secret_pattern(secrets: Iterable[str | None]) -> re.Pattern[str] | None:
    """One case-insensitive pattern matching each secret in any mix of letter case and
    percent-encoding; None when there is nothing to mask. Secrets under 6 characters are left
    out: masking every "abc" in the log would hide more than it protects."""
    # Longest first, so a secret containing another is masked whole.
    kept = sorted({s for s in secrets if s and len(s) >= 6}, key=len, reverse=True)
    if not kept:
        return None
    alternatives = ("".join(_char_pattern(c) for c in secret) for secret in kept)
    return re.compile("|".join(alternatives), re.IGNORECASE)


class RedactingFormatter(logging.Formatter):
    """Masks every secret in the finished line, traceback included."""

    def __init__(self, inner: logging.Formatter, secrets: Iterable[str | None]) -> None:
        super().__init__()
        self.inner = inner
        self.pattern = secret_pattern(secrets)

    def format(self, record: logging.LogRecord) -> str:
        line = self.inner.format(record)
        return self.pattern.sub(MASK, line) if self.pattern else line


def build_handler(
    fmt: str = "text", secrets: Iterable[str | None] = (), stream: Any = None
) -> logging.Handler:
    """A handler with ritmo's format, context fields and secret masking."""
    handler = logging.StreamHandler(stream or sys.stderr)
    inner = JsonFormatter() if fmt == "json" else TextFormatter()
    handler.setFormatter(RedactingFormatter(inner, secrets))
    handler.addFilter(ContextFilter())
    return handler


def setup_logging(
    fmt: str = "text",
    level: int = logging.INFO,
    secrets: Iterable[str | None] = (),
    quiet_loggers: Iterable[str] = (),
) -> None:
    """Route every logger through one handler; `secrets` are masked wherever they appear.

    `quiet_loggers` are the platform SDKs' own (each channel names them in its spec)."""
    root = logging.getLogger()
    root.handlers[:] = [build_handler(fmt, secrets)]
    root.setLevel(level)
    # At DEBUG these would drown ritmo's own lines (aiosqlite writes two per query; httpx and
    # the platform SDKs echo request URLs and bodies), so they stay at WARNING whatever the level.
    for noisy in (
        "aiosqlite",
        "httpx",
        "httpcore",
        "apscheduler",
        "aiohttp.access",
        *quiet_loggers,
    ):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))


class ThrottledLog:
    """At most one warning per `every` seconds for each kind of event, however often it happens.

    Whoever can make ritmo log can fill its disk: 200 forged posts used to write 464 KB of
    tracebacks in 3 seconds. A refused request is worth a line a minute, not a line a request;
    the next line says how many were left out. Kinds are a small fixed set chosen by the caller
    (never anything a request carries), so memory stays bounded.
    """

    def __init__(
        self,
        logger: logging.Logger,
        every: float = 60.0,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.logger = logger
        self.every = every
        self.monotonic = monotonic
        self._last: dict[str, float] = {}
        self._skipped: dict[str, int] = {}

    def warning(self, kind: str, message: str, *args: object) -> bool:
        """Log `message % args` unless a `kind` line went out less than `every` seconds ago;
        True if it was written."""
        now = self.monotonic()
        last = self._last.get(kind)
        if last is not None and now - last < self.every:
            self._skipped[kind] = self._skipped.get(kind, 0) + 1
            return False
        self._last[kind] = now
        skipped = self._skipped.pop(kind, 0)
        if skipped:
            message += f" ({skipped} more since the last line like this)"
        self.logger.warning(message, *args, stacklevel=2)
        return True
