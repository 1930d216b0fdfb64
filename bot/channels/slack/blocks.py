"""Rendering of the neutral Reply as a Slack Block Kit message, within Block Kit's limits."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from bot.channels.slack.mrkdwn import escape, to_fallback, to_mrkdwn
from handlers.kernel.i18n import t
from handlers.kernel.markup import spans
from handlers.kernel.messages import Button, Reply

log = logging.getLogger(__name__)

# Block Kit limits (https://api.slack.com/reference/block-kit): elements per actions block,
# button label and value lengths, section text length, blocks per message.
MAX_ACTIONS = 25
MAX_LABEL = 75
MAX_VALUE = 2000
MAX_SECTION = 3000
MAX_BLOCKS = 50
MAX_TEXT = 39_000  # chat.postMessage truncates `text` past 40,000 characters
ACTION_PREFIX = "ritmo."

_PARAGRAPH = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class SlackMessage:
    """What chat.postMessage / chat.update / views take: fallback `text` plus `blocks`."""

    text: str
    blocks: tuple[dict[str, Any], ...]


def render(reply: Reply, locale: str, *, image_attached: bool = False) -> SlackMessage:
    """One Reply as a Slack message: sections (or context lines), then its buttons.

    An image goes as a file of its own where the message is posted (`image_attached`); where
    it can't (an ephemeral answer, a replaced message, the Home tab) its description stands
    in for it.
    """
    blocks = _text_blocks(reply.text)
    if reply.image is not None and reply.image.alt and not image_attached:
        blocks.append(_context(t(locale, "slack.image", alt=escape(reply.image.alt))))
    blocks += actions(reply.buttons, locale, "buttons")
    blocks += actions(reply.choices, locale, "choices")
    return SlackMessage(to_fallback(reply.text)[:MAX_TEXT], tuple(blocks[:MAX_BLOCKS]))


def render_all(replies: Sequence[Reply], locale: str) -> SlackMessage:
    """Several replies as one surface (App Home), separated by dividers."""
    blocks: list[dict[str, Any]] = []
    for reply in replies:
        if blocks:
            blocks.append({"type": "divider"})
        blocks += render(reply, locale).blocks
    text = "\n".join(to_fallback(r.text) for r in replies)
    return SlackMessage(text, tuple(blocks[:100]))  # a Home view allows 100 blocks


def used(
    message_blocks: Iterable[dict[str, Any]], label: str, locale: str
) -> list[dict[str, Any]]:
    """The blocks of a message whose button was pressed: its buttons replaced by what was
    chosen, so the same message can't be acted on twice."""
    kept = [b for b in message_blocks if b.get("type") != "actions"]
    kept.append(_context(t(locale, "slack.used", label=escape(label))))
    return kept


def _text_blocks(text: str) -> list[dict[str, Any]]:
    blocks: list[dict[str, Any]] = []
    for paragraph in _PARAGRAPH.split(text.strip()):
        if not paragraph:
            continue
        if _is_aside(paragraph):
            blocks.append(_context(to_mrkdwn(paragraph)))
            continue
        for chunk in _chunks(paragraph):
            blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": chunk}})
    return blocks


def _is_aside(paragraph: str) -> bool:
    """A paragraph entirely in italics is secondary (a due date, a hint): a context line."""
    parts = [s for s in spans(paragraph) if s.text.strip()]
    return bool(parts) and all(s.style == "italic" for s in parts)


def _chunks(paragraph: str) -> list[str]:
    """mrkdwn sections of at most MAX_SECTION characters, cut at line ends where possible."""
    out: list[str] = []
    current = ""
    for line in paragraph.split("\n"):
        rendered = to_mrkdwn(line)
        while len(rendered) > MAX_SECTION:
            out.append(rendered[:MAX_SECTION])
            rendered = rendered[MAX_SECTION:]
        candidate = f"{current}\n{rendered}" if current else rendered
        if len(candidate) > MAX_SECTION:
            out.append(current)
            candidate = rendered
        current = candidate
    if current:
        out.append(current)
    return out


def _context(mrkdwn: str) -> dict[str, Any]:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": mrkdwn[:MAX_SECTION]}]}


def actions(buttons: Sequence[Button], locale: str, kind: str) -> list[dict[str, Any]]:
    """Actions blocks of at most MAX_ACTIONS buttons each; buttons not yet sealed are left
    out, since nothing could resolve what they'd send back."""
    sealed = [b for b in buttons if b.token]
    if len(sealed) < len(buttons):
        log.warning("dropped %d unsealed button(s)", len(buttons) - len(sealed))
    blocks = []
    for start in range(0, len(sealed), MAX_ACTIONS):
        group = sealed[start : start + MAX_ACTIONS]
        elements = [_button(b, locale, f"{kind}.{start + i}") for i, b in enumerate(group)]
        blocks.append(
            {"type": "actions", "block_id": f"{ACTION_PREFIX}{kind}.{start}", "elements": elements}
        )
    return blocks


def _button(button: Button, locale: str, slot: str) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "button",
        # action_id must be unique within a message; what it does travels in the token.
        "action_id": f"{ACTION_PREFIX}{slot}",
        "text": {"type": "plain_text", "text": _label(button.label), "emoji": True},
        "value": (button.token or "")[:MAX_VALUE],
    }
    if button.style in ("primary", "danger"):
        element["style"] = button.style
    if button.confirm:
        element["confirm"] = {
            "title": {"type": "plain_text", "text": t(locale, "slack.confirm.title")},
            "text": {"type": "mrkdwn", "text": to_mrkdwn(button.confirm)[:300]},
            "confirm": {"type": "plain_text", "text": t(locale, "slack.confirm.yes")},
            "deny": {"type": "plain_text", "text": t(locale, "slack.confirm.no")},
        }
        if button.style == "danger":
            element["confirm"]["style"] = "danger"
    return element


def _label(label: str) -> str:
    text = " ".join(label.split()) or "…"
    return text if len(text) <= MAX_LABEL else text[: MAX_LABEL - 1] + "…"
