"""Whose work a person may see: the SQL conditions every query that answers a person uses.

A *book* is the list of owner ids from people.visible_owner_ids: a rep's own id, a
manager's team (and themselves), or None for an admin (everything). A book holds the
deals, enrolments, follow-ups and interactions of its owners; an interaction also belongs
to the book of the deal it is linked to. An account is in a book when one of its owners owns
it or has a deal on it, and two reps can share one: each then sees only their own work
there, and of the others' only that it exists (`others_at`).

Visibility is decided here once, in the WHERE clause, and never in how an answer is worded,
so no answer can show what its query did not return.

Backend-neutral: the records every storage backend returns. The SQLite SQL is
storage/sqlite/books.py.
"""

from __future__ import annotations

from dataclasses import dataclass

Book = list[int] | None


@dataclass(frozen=True)
class OwnerOf:
    """The book of one owner named by a column of the outer query (`d.owner_id`): what a
    record's own figures (a deal's last touch, a step's deal amount) may be computed from, so
    they read the same to everyone allowed to see that record."""

    column: str


def member(column: str, book: Book | OwnerOf) -> tuple[str, list]:
    """SQL condition: `column` (an owner or author id) is in the book."""
    if book is None:
        return "1", []
    if isinstance(book, OwnerOf):
        return f"{column} = {book.column}", []
    return f"{column} IN ({','.join('?' * len(book)) or 'NULL'})", list(book)


def deals(book: Book | OwnerOf, alias: str = "d") -> tuple[str, list]:
    """Deals the book owns."""
    return member(f"{alias}.owner_id", book)


def enrolments(book: Book | OwnerOf, alias: str = "e") -> tuple[str, list]:
    """Cadence enrolments (and so their steps) the book owns."""
    return member(f"{alias}.owner_id", book)


def follow_ups(book: Book | OwnerOf, alias: str = "f") -> tuple[str, list]:
    """Follow-ups the book's people agreed to."""
    return member(f"{alias}.person_id", book)


def interactions(book: Book | OwnerOf, alias: str = "i") -> tuple[str, list]:
    """Interactions logged by the book's people, or linked to one of the book's deals (a
    manager's note on a rep's deal is part of that deal's history)."""
    if book is None:
        return "1", []
    author, params = member(f"{alias}.person_id", book)
    owner, more = member("bk.owner_id", book)
    return (
        f"({author} OR EXISTS (SELECT 1 FROM deals bk WHERE bk.id = {alias}.deal_id AND {owner}))",
        [*params, *more],
    )


def accounts(book: Book, alias: str = "a") -> tuple[str, list]:
    """Accounts in the book: one of its owners owns the account or has a deal on it."""
    if book is None:
        return "1", []
    owner, params = member(f"{alias}.owner_id", book)
    deal, more = member("x.owner_id", book)
    return (
        f"({owner} OR EXISTS (SELECT 1 FROM deals x WHERE x.account_id = {alias}.id AND {deal}))",
        [*params, *more],
    )


def last_touch(book: Book | OwnerOf, account: str) -> tuple[str, list]:
    """SQL expression: the latest interaction in the book at an account (an SQL expression
    such as `d.account_id`), NULL when there is none."""
    where, params = interactions(book, "lt")
    # Newest first down the (account_id, occurred_at) index, stopping at the first in the
    # book: max() with a filter would read every touch the account ever had.
    return (
        f"(SELECT lt.occurred_at FROM interactions lt WHERE lt.account_id = {account}"
        f" AND {where} ORDER BY lt.occurred_at DESC LIMIT 1)",
        params,
    )


# -- the names in a book, for finding them inside sentences ------------------------------------
# A rep's book is tens to a few thousand names: the chat keeps it in memory per book
# (handlers.understanding.mentions) and finds names inside sentences against it. The version is a
# single row moved by triggers (migration 0013) on every change that could alter a book's
# names, so checking that a kept copy is current costs one primary-key read per message.


@dataclass(frozen=True)
class BookName:
    """An account (contact_id and deal_id None), a contact with the account it belongs to, or
    a deal's title with its account: sellers name a client by what they sell it ("as câmaras
    frias", "the SOC deal") as often as by its name, and the title leads to the account the
    way a contact's name does."""

    account_id: int
    account_name: str
    contact_id: int | None = None
    contact_name: str | None = None
    deal_id: int | None = None
    deal_title: str | None = None
