"""Names learned from use: a phrase the rep once answered "which one?" for means that account.

Pure: the caller passes the lookup of the rep's remembered phrases (storage.aliases), so the
rule is tested without a store. Only a mention that would otherwise become a question is
looked up: a name the book already identifies costs nothing more.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from handlers.understanding import vocab
from handlers.understanding.mentions import Hit, Mention, NameIndex
from storage.text import name_key


def phrase_key(phrase: str | None) -> str:
    """The form a phrase is remembered in: its name key without the articles and prepositions
    around it ("na Padaria" and "padaria" are one phrase)."""
    words = name_key(phrase or "").split()
    while words and words[0] in vocab.STOPWORDS:
        words.pop(0)
    while words and words[-1] in vocab.STOPWORDS:
        words.pop()
    return " ".join(words)


def apply(
    mentions: Sequence[Mention], book: NameIndex, account_for: Callable[[str], int | None]
) -> tuple[Mention, ...]:
    """The mentions, with each unsure one the rep has answered before made sure of the account
    they picked (when it is still in their book)."""
    out = []
    for mention in mentions:
        if not mention.sure:
            mention = _learned(mention, book, account_for) or mention
        out.append(mention)
    return tuple(out)


def _learned(
    mention: Mention, book: NameIndex, account_for: Callable[[str], int | None]
) -> Mention | None:
    key = phrase_key(mention.text)
    account_id = account_for(key) if key else None
    name = book.account_name(account_id) if account_id is not None else None
    if account_id is None or name is None:
        return None
    hit = next(
        (replace(h, exact=True) for h in mention.hits if h.account_id == account_id),
        Hit(account_id, name, 1.0, True),
    )
    return Mention(mention.start, mention.end, mention.text, (hit,))
