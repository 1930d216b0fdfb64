"""`ritmo --help`, usage lines and argparse's own errors in RITMO_LOCALE (gettext domain `cli`).

argparse looks every message up through its module globals `_` and `ngettext`, at the moment
it builds a parser and when it formats help or an error. `speaking(locale)` points those two
names at the `cli` catalogue while the CLI builds its parser and parses the arguments, and puts
them back afterwards. Its msgids are the English texts themselves (argparse's own messages and
the `help=` strings in bot/commands), the way gettext is meant to be used: English needs no
file, and a text nobody translated yet stays readable English.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache

from handlers.kernel import i18n

DOMAIN = "cli"


@cache
def _catalogue(locale: str) -> i18n.Messages:
    path = i18n.po_path(locale, DOMAIN) if locale in i18n.FOLDERS else None
    return i18n.read_catalogue(path) if path is not None and path.exists() else i18n.Messages()


def gettext_for(locale: str) -> Callable[[str], str]:
    """`_` for `locale`: the translation of an English text, or the text itself."""
    texts = _catalogue(locale).texts
    return lambda message: texts.get(message) or message


def ngettext_for(locale: str) -> Callable[[str, str, int], str]:
    """`ngettext` for `locale`, choosing the form by the catalogue's Plural-Forms."""
    catalogue = _catalogue(locale)

    def ngettext(singular: str, plural: str, n: int) -> str:
        forms = catalogue.plurals.get(singular)
        if forms and all(forms):
            return forms[min(catalogue.plural(n), len(forms) - 1)]
        return singular if n == 1 else plural

    return ngettext


@contextmanager
def speaking(locale: str) -> Iterator[None]:
    """Make argparse speak `locale` inside the block (the CLI is one thread)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = gettext_for(locale)  # type: ignore[attr-defined]
    argparse.ngettext = ngettext_for(locale)  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class HelpFormatter(argparse.HelpFormatter):
    """Translates the `help=` texts and descriptions ritmo gives argparse, as it formats them."""

    def _get_help_string(self, action: argparse.Action) -> str | None:
        return argparse._(action.help) if action.help else action.help  # type: ignore[attr-defined]

    def _format_text(self, text: str) -> str:
        return super()._format_text(argparse._(text) if text else text)  # type: ignore[attr-defined]


def help_texts(parser: argparse.ArgumentParser) -> set[str]:
    """Every help text and description in `parser` and its subcommands (for the catalogue)."""
    found: set[str] = {parser.description} if parser.description else set()
    for action in parser._actions:
        if action.help and action.help is not argparse.SUPPRESS:
            found.add(action.help)
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                if choice.help:
                    found.add(choice.help)
            for sub in set(action.choices.values()):
                found |= help_texts(sub)
    return found
