"""Long answers a page at a time: the "… and N more" line carries a Next page button that
asks the same question again for the following page, on every chat (a sealed button like any
other; the console shows it as a numbered choice)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from handlers.kernel import asking
from handlers.kernel.context import Context
from handlers.kernel.messages import Answer, Button, Incoming, Reply
from handlers.kernel.router import IntentHandler, Router
from handlers.understanding.parse import Parsed

router = Router("paging")

NEXT = "page.next"  # the button's label, shared with the digest's own pages
T = TypeVar("T")
# Intents whose answer can be paged: intent -> its handler, run again with a later offset.
PAGED: dict[str, IntentHandler] = {}
_OFFSET = "page.offset"


def pages(intent: str):
    """Register an intent handler that the Next page button can run again."""

    def register(fn: IntentHandler) -> IntentHandler:
        PAGED[intent] = fn
        return fn

    return register


@dataclass(frozen=True)
class Page:
    """Which slice of a list this answer shows."""

    start: int
    size: int

    @property
    def end(self) -> int:
        return self.start + self.size

    def of(self, items: Sequence[T]) -> list[T]:
        return list(items[self.start : self.end])


def page(ctx: Context, size: int) -> Page:
    """The page asked for: the first one, or the one a Next page button points at."""
    return Page(max(0, int(ctx.memo.get(_OFFSET, 0))), size)


def more(
    ctx: Context, parsed: Parsed, shown: Page, total: int
) -> tuple[list[str], tuple[Button, ...]]:
    """The "… and N more" line and the button to the next page, when items remain."""
    rest = total - shown.end
    if rest <= 0:
        return [], ()
    args = {
        "intent": parsed.intent,
        "text": parsed.text,
        "today": asking.today(ctx).isoformat(),
        "offset": shown.end,
    }
    return [ctx.t("ask.more", count=rest)], (Button(ctx.t(NEXT), "list.next", args),)


@router.action("list.next")
async def next_page(msg: Incoming, ctx: Context, args: dict[str, Any]) -> Answer:
    """The same question as the first page, asked on the same day, from a later offset."""
    handler = PAGED.get(str(args.get("intent")))
    if handler is None:
        return Answer([Reply(ctx.t("dispatch.stale_button"))])
    ctx.memo["today"] = date.fromisoformat(str(args["today"]))
    ctx.memo[_OFFSET] = int(args["offset"])
    parsed = await asking.parse_in_book(str(args.get("text", "")), asking.today(ctx), ctx)
    return await handler(msg, ctx, parsed)
