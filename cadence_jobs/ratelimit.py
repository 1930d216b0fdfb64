"""Per-platform send limits: how long to wait before the next message may go out.

Each channel declares its platform's limits (Telegram: about 30 messages per second overall
and one per second per chat; Slack: one per second per channel). The limiter is synchronous and takes the time as an argument, so the
dispatcher (a single asyncio task) asks and records in one step with no race, and tests drive it
with a fake clock. Grants are also paced evenly (a GCRA "virtual schedule"), a little under
the limit: a burst of 30 granted at once could reach the platform as 31 in one second after
network jitter, evenly paced ones cannot; and because the pace follows a schedule rather than
the last actual send, an event loop that wakes a few milliseconds late catches up instead of
losing those milliseconds on every message.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    per_second: int | None  # messages per second overall, None for no global limit
    per_chat_interval: float | None  # seconds between two messages to one chat/channel


# Limits by platform name. Each channel declares its own (bot/channels/*/spec.py) and
# bot.channels.install() fills this in; a platform not here is not limited.
PLATFORM_LIMITS: dict[str, Limits] = {}


class RateLimiter:
    """A sliding one-second window overall plus a minimum interval per chat."""

    def __init__(self, limits: Limits, window: float = 1.0, pace: float = 0.97) -> None:
        self.limits = limits
        self.window = window
        self._sent: deque[float] = deque()
        self._last: dict[str, float] = {}
        # One message every `_spacing` seconds on the virtual schedule `_due`; a grant may come
        # up to half a spacing early to absorb a late wake-up, never more.
        self._spacing = window / (limits.per_second * pace) if limits.per_second else 0.0
        self._due = float("-inf")

    def delay(self, chat: str, now: float) -> float:
        """Seconds to wait before a message to `chat` may be sent (0 if it may go now)."""
        wait = 0.0
        if self.limits.per_chat_interval and chat in self._last:
            wait = max(wait, self._last[chat] + self.limits.per_chat_interval - now)
        if self.limits.per_second:
            while self._sent and self._sent[0] <= now - self.window:
                self._sent.popleft()
            if len(self._sent) >= self.limits.per_second:
                wait = max(wait, self._sent[0] + self.window - now)
            wait = max(wait, self._due - self._spacing / 2 - now)
        return max(0.0, wait)

    def chat_delay(self, chat: str, now: float) -> float:
        """Seconds until `chat` alone may receive again (ignores the overall limit)."""
        if not self.limits.per_chat_interval or chat not in self._last:
            return 0.0
        return max(0.0, self._last[chat] + self.limits.per_chat_interval - now)

    def record(self, chat: str, now: float) -> None:
        """Count a message sent to `chat` at `now` (call only when `delay` returned 0)."""
        self._last[chat] = now
        if self.limits.per_second:
            self._sent.append(now)
            self._due = max(self._due, now) + self._spacing


def limiter_for(platform: str) -> RateLimiter:
    return RateLimiter(PLATFORM_LIMITS.get(platform, Limits(None, None)))
