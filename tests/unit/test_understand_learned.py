"""The learned-names rule, without a store: which mentions an answered phrase settles."""

from __future__ import annotations

from handlers.understanding.learned import apply, phrase_key
from handlers.understanding.mentions import NameIndex
from storage.books import BookName

BOOK = NameIndex.of(
    [
        BookName(1, "Padaria Silva Ltda"),
        BookName(2, "Silva Transportes"),
        BookName(3, "Metalúrgica do Vale"),
    ]
)


def test_a_phrase_is_remembered_without_its_articles_and_accents():
    assert phrase_key("na Padária") == "padaria"
    assert phrase_key("  pra  Silva ") == "silva"
    assert phrase_key("o") == ""


def test_an_answered_phrase_makes_the_question_an_answer():
    [mention] = BOOK.mentions("liguei pra silva")
    assert not mention.sure
    [learned] = apply([mention], BOOK, {"silva": 2}.get)
    assert learned.sure and learned.hits[0].account_name == "Silva Transportes"


def test_a_phrase_never_answered_still_asks():
    [mention] = BOOK.mentions("liguei pra silva")
    [same] = apply([mention], BOOK, {"padaria": 1}.get)
    assert not same.sure and len(same.account_ids) == 2


def test_an_account_outside_the_book_is_not_taken_from_memory():
    [mention] = BOOK.mentions("liguei pra silva")
    [same] = apply([mention], BOOK, {"silva": 99}.get)
    assert not same.sure


def test_a_sure_name_is_never_looked_up():
    asked: list[str] = []
    [mention] = BOOK.mentions("visitei a metalurgica do vale")
    apply([mention], BOOK, lambda key: asked.append(key) or None)
    assert mention.sure and asked == []
