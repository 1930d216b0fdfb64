"""Conversion of handlers.kernel.markup text to Slack mrkdwn, and of Slack message text back to plain.

Slack escapes only `& < >`; it has no escape for `*`, `_`, `~` or backticks, so a literal one is
written as the fallback of a deliberately invalid date token, which Slack always shows verbatim
(the trick jsx-slack uses). Inside a link label, where tokens can't nest, look-alikes stand in.
"""

from __future__ import annotations

import html
import re

from handlers.kernel.markup import plain, spans, tappable

_LITERAL = "<!date^00000000^{{_}}|{}>"
_FORMATTING = re.compile(r"[*_~`]")
_EMOJI = re.compile(r"(:[a-z0-9_+\-]+:)")
_LOOKALIKE = str.maketrans({"*": "\u2217", "_": "\u02cd", "~": "\u223c", "`": "\u02cb"})
_QUOTE_START = re.compile(r"^&gt;", re.MULTILINE)
_BULLET = re.compile(r"^- ", re.MULTILINE)


def escape(text: str) -> str:
    """Slack's three reserved characters as entities (enough for plain_text and fallbacks)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _literal(text: str) -> str:
    """Escaped text whose formatting characters show as themselves, emoji codes kept."""
    parts = _EMOJI.split(escape(text))
    for i in range(0, len(parts), 2):
        parts[i] = _FORMATTING.sub(lambda m: _LITERAL.format(m.group()), parts[i])
    return "".join(parts)


def to_mrkdwn(text: str) -> str:
    """handlers.kernel.markup → mrkdwn: `*bold*`, `_italic_`, `<url|label>`, bullets as `•`."""
    out: list[str] = []
    for span in spans(text):
        if span.style == "bold":
            out.append(f"*{_literal(span.text)}*")
        elif span.style == "italic":
            out.append(f"_{_literal(span.text)}_")
        elif (as_text := tappable(span, ("tel:",))) is not None:
            out.append(_literal(as_text))  # Slack opens mailto: links but not tel: ones
        elif span.style == "link":
            label = escape(span.text).replace("|", "\u2223").translate(_LOOKALIKE)
            out.append(f"<{escape(span.url or '')}|{label}>")
        else:
            out.append(_literal(span.text))
    # A leading `>` would quote the line; a soft hyphen before it keeps it literal.
    return _BULLET.sub("• ", _QUOTE_START.sub("\u00ad&gt;", "".join(out)))


def to_fallback(text: str) -> str:
    """The plain `text` Slack shows in notifications and where blocks can't render."""
    return escape(plain(text))


_SLACK_TOKEN = re.compile(r"<([^<>|]+)(?:\|([^<>]*))?>")


def from_slack(text: str, bot_user_id: str | None = None) -> str:
    """Slack message text → what a person typed: mentions of the bot dropped, links and
    entities unwrapped, so handlers see `log call Acme` rather than `<@U1> log call Acme`."""

    def unwrap(m: re.Match[str]) -> str:
        target, label = m.group(1), m.group(2)
        if target.startswith("@"):
            if bot_user_id and target[1:] == bot_user_id:
                return ""
            return "@" + (label or target[1:])
        if target.startswith(("#", "!")):
            return label or target[1:]
        if target.startswith("mailto:"):
            return label or target.removeprefix("mailto:")
        return label or target

    return html.unescape(_SLACK_TOKEN.sub(unwrap, text)).strip()
