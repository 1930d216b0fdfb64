"""The light markup that handler texts use, and its escaping.

Handlers write `*bold*`, `_italic_`, `[label](https://url)` and lines starting with `- ` for
bullets. Anything that came from data (an account named `<b>Acme & Co</b>`, a body with
asterisks) goes through `esc()` first, so it is shown literally. Adapters call `spans()` and
render each span in their own idiom, escaping for their platform.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# esc() in one C pass: every rendered name and note goes through it (a regex sub per value
# was a visible share of each reply).
_ESCAPES = {ord(ch): "\\" + ch for ch in "\\*_[]()"}
# Bold and italic stay within one line: a style that crossed a line break would hide the
# "- " of a bullet on the next line from every renderer.
_TOKEN = re.compile(
    r"\\(?P<escaped>[\\*_\[\]()])"
    r"|\*(?P<bold>(?:\\.|[^*\\\n])+)\*"
    r"|(?<![0-9A-Za-z])_(?P<italic>(?:\\.|[^_\\\n])+)_(?![0-9A-Za-z])"
    r"|\[(?P<label>(?:\\.|[^\]\\])+)\]\((?P<url>[^)\s]+)\)"
)


@dataclass(frozen=True)
class Span:
    """A run of text with one style: 'plain', 'bold', 'italic' or 'link' (with `url`)."""

    text: str
    style: str = "plain"
    url: str | None = None


def esc(value: object) -> str:
    """Make data safe to put inside markup: its characters are shown as they are."""
    return str(value).translate(_ESCAPES)


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def spans(text: str) -> list[Span]:
    """Split markup into styled spans; unmatched markers are kept as plain text."""
    out: list[Span] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            out.append(Span(text[pos : m.start()]))
        if m.group("escaped") is not None:
            out.append(Span(m.group("escaped")))
        elif m.group("bold") is not None:
            out.append(Span(_unescape(m.group("bold")), "bold"))
        elif m.group("italic") is not None:
            out.append(Span(_unescape(m.group("italic")), "italic"))
        else:
            out.append(Span(_unescape(m.group("label")), "link", m.group("url")))
        pos = m.end()
    if pos < len(text):
        out.append(Span(text[pos:]))
    return _merge_plain(out)


def _merge_plain(items: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for span in items:
        if merged and span.style == "plain" and merged[-1].style == "plain":
            merged[-1] = Span(merged[-1].text + span.text)
        else:
            merged.append(span)
    return merged


def plain(text: str) -> str:
    """The text with markup removed (console, notifications, logs)."""
    parts = []
    for span in spans(text):
        if span.style == "link":
            parts.append(f"{span.text} ({span.url})")
        else:
            parts.append(span.text)
    return "".join(parts)
