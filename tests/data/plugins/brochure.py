"""A tiny "brochure" intent, never shipped: what a module dropped into handlers/plugins/ holds.

Its name, its cue phrases per locale as data, the entity it wants, its router and its
handler. tests/handlers/test_intent_plugin.py puts this folder on handlers.plugins' path, as
if this file had been copied there, and changes nothing else.
"""

from __future__ import annotations

from handlers.kernel.context import Context
from handlers.kernel.markup import esc
from handlers.kernel.messages import Answer, Incoming, Reply
from handlers.kernel.router import Router
from handlers.understanding.parse import Parsed
from handlers.understanding.plugins import IntentPlugin

INTENT = IntentPlugin(
    name="brochure",
    cues={
        "pt-BR": ("manda o folder", "envia o folder"),
        "en": ("send the brochure",),
        "es": ("envía el folleto", "manda el folleto"),
    },
    entities=frozenset({"name"}),
)
router = Router("brochure", reads=(INTENT,))


@router.intent("brochure")
async def send_brochure(msg: Incoming, ctx: Context, parsed: Parsed) -> Answer:
    # A msgid every locale's catalogue holds ("*{account}* has no contact on file."): the
    # answer a real module would give from its own msgids.
    text = ctx.t("book.contacts.none", account=esc(parsed.name or ""))
    return Answer([Reply(text)], intent="brochure", entities={"account": parsed.name})
