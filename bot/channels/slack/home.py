"""The App Home tab: today's agenda and pipeline, asked of the same handlers a message reaches.

Asking through the dispatcher (rather than querying the store here) keeps the adapter free of
business decisions and makes the Home tab show exactly what the chat would answer, buttons
sealed for that person included.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.channels.slack.blocks import render_all
from bot.channels.slack.locale import SlackLocales
from bot.channels.slack.parse import PLATFORM
from handlers.kernel import i18n
from handlers.kernel.dispatch import Dispatcher
from handlers.kernel.messages import Answer, Incoming, Reply, Sender
from storage.interface import Store
from storage.people import Person

# Command words, the same in both languages (the words `/ritmo today` etc. become).
QUESTIONS = ("/today", "/pipeline")
TEAM_QUESTIONS = ("/overdue",)
FALLBACK = "/help"
MAX_HOME_BLOCKS = 100


class HomeTab:
    def __init__(
        self,
        store: Store,
        dispatcher: Dispatcher,
        client: AsyncWebClient,
        default_locale: str,
        locales: SlackLocales | None = None,
    ) -> None:
        self.store = store
        self.dispatcher = dispatcher
        self.client = client
        self.default_locale = default_locale
        self.locales = locales

    async def publish(self, user_id: str) -> None:
        """Publish `user_id`'s Home tab (managers and admins also see their team's overdue)."""
        person = await self.store.read(lambda tx: tx.people.person_for_identity(PLATFORM, user_id))
        # A stranger's tab speaks their Slack language, like the refusal in a DM does.
        hint = None
        if person is None and self.locales is not None:
            hint = await self.locales.of(user_id)
        locale = person.locale if person else i18n.normalize_locale(hint, self.default_locale)
        body = render_all(await self._replies(user_id, person, hint), locale)
        header = {
            "type": "header",
            "text": {"type": "plain_text", "text": i18n.t(locale, "slack.home.title")},
        }
        view: dict[str, Any] = {
            "type": "home",
            "blocks": [header, *body.blocks][:MAX_HOME_BLOCKS],
        }
        await self.client.views_publish(user_id=user_id, view=view)

    async def _replies(
        self, user_id: str, person: Person | None, hint: str | None = None
    ) -> list[Reply]:
        questions = list(QUESTIONS)
        if person is not None and (person.is_manager or person.is_admin):
            questions += TEAM_QUESTIONS
        replies: list[Reply] = []
        for text in questions:
            answer = await self._ask(user_id, text, hint)
            if person is None:
                return answer.replies  # the one polite refusal, nothing else
            if answer.intent != "unknown":
                # The Home tab is seen only by its owner, so private data may show there.
                replies += [replace(r, edit=False) for r in answer.replies]
        if not replies:
            replies = (await self._ask(user_id, FALLBACK)).replies
        return replies

    async def _ask(self, user_id: str, text: str, hint: str | None = None) -> Answer:
        sender = Sender(PLATFORM, user_id, language_hint=hint)
        msg = Incoming(sender, "", f"home/{uuid.uuid4().hex}", text=text)
        return await self.dispatcher.handle(msg)
