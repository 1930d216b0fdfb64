"""The neutral Reply → what Telegram shows: HTML text chunks and an inline keyboard.

Every text run is `html.escape`d here, after handlers.kernel.markup has split the light markup into
spans, so data such as an account named `<b>Acme & Co</b>` is shown literally instead of
breaking the message (Telegram refuses the whole message on one stray `&` or `<`).
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from handlers.kernel.markup import Span, spans, tappable
from handlers.kernel.messages import Button, Image, Reply

TEXT_LIMIT = 4096  # characters after entity parsing, counted in UTF-16 code units
CAPTION_LIMIT = 1024
CALLBACK_DATA_LIMIT = 64  # bytes
_BUTTONS_PER_ROW = 3
_TAGS = {"bold": "b", "italic": "i"}


@dataclass(frozen=True)
class Rendered:
    """One Reply as Telegram messages: text chunks in order, the keyboard goes on the last."""

    chunks: tuple[str, ...]
    keyboard: InlineKeyboardMarkup | None = None
    image: Image | None = None


def render(reply: Reply, limit: int = TEXT_LIMIT) -> Rendered:
    """Render a Reply; text longer than Telegram's limit is split into several messages.

    Raises:
        ValueError: a button has no token or one longer than Telegram's 64 bytes (the pipeline
            seals every button before an adapter sees it).
    """
    text = _bullets(reply.text)
    chunks = tuple(to_html(chunk) for chunk in split(spans(text), limit))
    return Rendered(chunks or ("",), keyboard(reply), reply.image)


def to_html(items: list[Span]) -> str:
    """Telegram HTML for styled spans, escaping every run of text."""
    out = []
    for span in items:
        body = html.escape(span.text)
        if (as_text := tappable(span)) is not None:
            out.append(html.escape(as_text))
        elif span.style in _TAGS:
            tag = _TAGS[span.style]
            out.append(f"<{tag}>{body}</{tag}>")
        elif span.style == "link" and span.url:
            out.append(f'<a href="{html.escape(span.url)}">{body}</a>')
        else:
            out.append(body)
    return "".join(out)


def keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    """Buttons side by side (rows of three), choices one per row so long labels stay readable."""
    rows: list[list[InlineKeyboardButton]] = []
    buttons = [_button(b) for b in reply.buttons]
    for start in range(0, len(buttons), _BUTTONS_PER_ROW):
        rows.append(buttons[start : start + _BUTTONS_PER_ROW])
    rows.extend([_button(choice)] for choice in reply.choices)
    return InlineKeyboardMarkup(rows) if rows else None


def _button(button: Button) -> InlineKeyboardButton:
    token = button.token
    if not token or len(token.encode()) > CALLBACK_DATA_LIMIT:
        raise ValueError(f"button {button.action!r} needs a sealed token of 1-64 bytes")
    return InlineKeyboardButton(button.label, callback_data=token)


def _bullets(text: str) -> str:
    return "\n".join(
        "• " + line[2:] if line.startswith("- ") else line for line in text.split("\n")
    )


def _cost(char: str) -> int:
    return 2 if ord(char) > 0xFFFF else 1


def visible_length(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji outside the BMP counts 2)."""
    return sum(_cost(c) for c in text)


def split(items: list[Span], limit: int = TEXT_LIMIT) -> list[list[Span]]:
    """Group spans into chunks whose visible text fits `limit`, cutting at a newline or space.

    Cut points are chosen on the whole text (so a line is never cut in half when a newline is
    in reach) and then applied to the spans, which keeps every tag closed inside its message.
    """
    text = "".join(span.text for span in items)
    chunks = []
    for start, end in _cuts(text, limit):
        chunk = _slice(items, start, end)
        if chunk:
            chunks.append(chunk)
    return chunks


def _cuts(text: str, limit: int) -> list[tuple[int, int]]:
    ranges = []
    start = 0
    while start < len(text):
        end = start + _fit(text[start:], limit)
        if end >= len(text):
            ranges.append((start, len(text)))
            break
        window = text[start : end + 1]  # the character right after the fit may be the break
        for separator in ("\n", " "):
            position = window.rfind(separator)
            if position > 0:
                ranges.append((start, start + position))
                start += position + 1
                break
        else:
            ranges.append((start, end))
            start = end
    return ranges


def _slice(items: list[Span], start: int, end: int) -> list[Span]:
    """The parts of `items` between two offsets of their joined text, trimmed at the edges."""
    out: list[Span] = []
    offset = 0
    for span in items:
        lo, hi = max(start, offset), min(end, offset + len(span.text))
        if lo < hi:
            out.append(Span(span.text[lo - offset : hi - offset], span.style, span.url))
        offset += len(span.text)
    if out:
        out[0] = Span(out[0].text.lstrip("\n "), out[0].style, out[0].url)
        out[-1] = Span(out[-1].text.rstrip(), out[-1].style, out[-1].url)
    return [span for span in out if span.text]


def _fit(text: str, room: int) -> int:
    """How many leading characters of `text` fit in `room` UTF-16 units (at least one)."""
    used = 0
    for index, char in enumerate(text):
        used += _cost(char)
        if used > room:
            return max(index, 1)
    return len(text)
