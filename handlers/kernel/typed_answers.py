"""A question card answered in words: "sim" presses its one action, "não" its Cancel.

Only the card of the person's latest answer, in the same chat, sent in the last minutes, counts:
an "ok" after a plain answer acknowledges that answer and must not confirm a card further up;
a card shown in her direct messages is not answered from a group or from her other platform.
What the latest answer was is remembered in this process only: after a restart (or on another
process) there is nothing to answer and "sim" gets "nothing waiting" — a question, never a
guess. The store still decides whether the buttons are unused and unexpired.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from handlers.kernel.messages import Incoming, Reply
from handlers.understanding.short_replies import yes_or_no

# A typed answer reaches a card sent this recently; an older card is out of sight and out of
# mind, and "sim" then gets the usual answer.
WINDOW = timedelta(minutes=15)
CANCEL = "ask.cancel"


@dataclass(frozen=True)
class Card:
    """The buttons of one answer and when it was given."""

    at: datetime
    buttons: tuple[tuple[str, str], ...]  # (token, action), as sealed


@dataclass(frozen=True)
class Press:
    """The button a typed answer presses, and the card's other buttons, closed with it."""

    token: str
    others: tuple[str, ...]


class OpenCards:
    """The latest answer's card per person and chat (none when that answer had no buttons)."""

    def __init__(self) -> None:
        self._cards: dict[tuple[int, str, str], Card] = {}

    def remember(self, person_id: int, msg: Incoming, at: datetime, replies: list[Reply]) -> None:
        key = (person_id, msg.platform, msg.chat_id)
        buttons = [b for r in replies for b in r.all_buttons()]
        if buttons:
            self._cards[key] = Card(at, tuple((b.token or "", b.action) for b in buttons))
        else:
            self._cards.pop(key, None)

    def forget(self) -> None:
        """Forget every card (what is said next answers none): a process starting afresh."""
        self._cards.clear()

    def press(self, person_id: int, msg: Incoming, now: datetime) -> Press | None:
        """The button `msg` presses by its words, if it is a bare yes/no to her open card."""
        card = self._cards.get((person_id, msg.platform, msg.chat_id))
        if card is None or msg.location is not None or msg.attachments or now - card.at > WINDOW:
            return None
        said = yes_or_no(msg.text)
        return None if said is None else _pressed(card, said)


def _pressed(card: Card, said: str) -> Press | None:
    """Only a question card (exactly one Cancel) is answered: "yes" presses its one action (an
    Edit aside), "no" its Cancel. A list of choices or a reminder's buttons is never guessed."""
    cancel = [t for t, action in card.buttons if action == CANCEL]
    acts = [t for t, action in card.buttons if action != CANCEL and not action.endswith(".edit")]
    if len(cancel) != 1 or (said == "yes" and len(acts) != 1):
        return None
    token = cancel[0] if said == "no" else acts[0]
    return Press(token, tuple(t for t, _ in card.buttons if t != token))
