"""The language of Slack users ritmo does not know yet, asked of users.info and remembered.

Slack's event payloads carry no language, so without this a stranger would be refused in
RITMO_LOCALE. users.info with include_locale (scope users:read) tells the user's Slack locale
("pt-BR", "en-US"); it is only a hint for the one polite refusal, so a call that fails or is
slow gives None and the caller falls back to RITMO_LOCALE.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.channels.slack.client import api_error

log = logging.getLogger(__name__)

MAX_USERS = 2048
TIMEOUT = 2.0  # the refusal waits on this; Slack's own retries of a 429 must not hold it longer
RETRY_AFTER = 300.0  # a failed lookup is not repeated for every message a stranger sends


@dataclass(frozen=True)
class _Known:
    locale: str | None
    until: float  # monotonic time after which a failed lookup (locale None) may be tried again


class SlackLocales:
    """Slack user id → the user's Slack locale, one users.info call per user.

    An LRU of `size` users bounds the memory a flood of distinct strangers can take; a lookup
    that failed is remembered for `retry_after` seconds, so a workspace that never granted
    users:read costs one failing call per stranger, not one per message.
    """

    def __init__(
        self,
        client: AsyncWebClient,
        *,
        size: int = MAX_USERS,
        timeout: float = TIMEOUT,
        retry_after: float = RETRY_AFTER,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.client = client
        self.size = size
        self.timeout = timeout
        self.retry_after = retry_after
        self.monotonic = monotonic
        self._known: OrderedDict[str, _Known] = OrderedDict()
        self._warned_scope = False

    async def of(self, user_id: str) -> str | None:
        """The user's Slack locale ("pt-BR", "en-US", …), or None when Slack didn't say."""
        known = self._known.get(user_id)
        if known is not None and (known.locale is not None or self.monotonic() < known.until):
            self._known.move_to_end(user_id)
            return known.locale
        locale = await self._ask(user_id)
        self._known[user_id] = _Known(locale, self.monotonic() + self.retry_after)
        self._known.move_to_end(user_id)
        while len(self._known) > self.size:
            self._known.popitem(last=False)
        return locale

    async def _ask(self, user_id: str) -> str | None:
        try:
            async with asyncio.timeout(self.timeout):
                response = await self.client.users_info(user=user_id, include_locale=True)
        # Any failure at all (refusal, timeout, a broken connection, an odd answer) only costs
        # the hint: the answer it was for must still go out.
        except Exception as exc:
            self._log_failure(user_id, exc)
            return None
        user = response.get("user")
        locale = user.get("locale") if isinstance(user, dict) else None
        return locale if isinstance(locale, str) and locale else None

    def _log_failure(self, user_id: str, exc: Exception) -> None:
        error = api_error(exc) if isinstance(exc, SlackApiError) else ""
        if error == "missing_scope" and not self._warned_scope:
            self._warned_scope = True
            log.warning(
                "slack: users.info needs the users:read scope to answer strangers in their own "
                "language; add it to the app and reinstall (until then they get RITMO_LOCALE)"
            )
            return
        log.info("slack: no locale for %s (%s); using RITMO_LOCALE", user_id, error or repr(exc))
