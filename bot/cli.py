"""`ritmo` on the command line: parses arguments, hands off to bot/commands, turns user mistakes
into one sentence on stderr and a non-zero exit (never a traceback)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from importlib import metadata
from typing import Any

from bot import cli_locale
from bot.commands import (
    basics,
    cadences,
    chat,
    check,
    demo,
    digest,
    inbox,
    outbox,
    privacy,
    seed,
    transfer,
    users,
)
from bot.config import Settings, spoken_locale
from bot.errors import UserError
from handlers.kernel import i18n
from storage.errors import FolderMissing, NotAStore, StoreCorrupt, StoreError, StoreTooNew

# The command groups, in the order `ritmo --help` lists them.
COMMAND_GROUPS = [
    basics,
    check,
    users,
    cadences,
    inbox,
    outbox,
    transfer,
    privacy,
    digest,
    chat,
    demo,
    seed,
]


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one sentence and exit 2 (no usage dump), and help and
    errors in RITMO_LOCALE (see bot/cli_locale.py); subcommands get the same formatter."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", cli_locale.HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        text = i18n.t(spoken_locale(), "cli.usage_error", message=message, prog=self.prog)
        sys.stderr.write(f"ritmo: {text}\n")
        raise SystemExit(2)


def installed_version() -> str:
    """The version pip installed (the package metadata), so a bug report names the release."""
    try:
        return metadata.version("ritmo")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="ritmo", description="ritmo — the rhythm of your sales team.")
    parser.add_argument("--version", action="version", version=f"ritmo {installed_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for group in COMMAND_GROUPS:
        group.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # argparse words its help and errors while the parser is built and while it parses.
    with cli_locale.speaking(spoken_locale()):
        parser = build_parser()
        args = parser.parse_args(argv)
    settings: Settings | None = None
    try:
        if getattr(args, "reports_settings", False):
            # `ritmo check` reports a bad setting as one of its lines, not as a failed start.
            return int(args.func(args, None) or 0)
        settings = Settings.from_env()
        _configure_logging(settings, args)
        code = int(args.func(args, settings) or 0)
        sys.stdout.flush()  # inside the try: a reader that left shows here, not at exit
        return code
    except StoreError as exc:
        locale = settings.locale if settings else i18n.DEFAULT_LOCALE
        sys.stderr.write(f"ritmo: {_store_error(exc, locale)}\n")
        return 2
    except UserError as exc:
        sys.stderr.write(f"ritmo: {exc}\n")
        return 2
    except BrokenPipeError:
        # The reader went away (`ritmo users list --json | head`): what it wanted it got.
        # Point stdout at /dev/null so the interpreter's last flush can't fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:
        # A file named on the command line (an export's --out, an import) that can't be used
        # is a user mistake, not a crash.
        locale = settings.locale if settings else i18n.DEFAULT_LOCALE
        path = exc.filename or "?"
        reason = exc.strerror or type(exc).__name__
        sys.stderr.write(f"ritmo: {i18n.t(locale, 'cli.os_error', path=path, reason=reason)}\n")
        return 2
    except KeyboardInterrupt:
        return 130


def _store_error(exc: StoreError, locale: str) -> str:
    """The store's own errors, in the person's language where the CLI knows them."""
    if isinstance(exc, StoreTooNew):
        return i18n.t(locale, "cli.store_too_new", version=exc.version, latest=exc.latest)
    if isinstance(exc, FolderMissing):
        return i18n.t(locale, "cli.store_folder_missing", folder=exc.folder)
    if isinstance(exc, StoreCorrupt):
        return i18n.t(locale, "cli.store_corrupt", path=exc.path, detail=exc.detail)
    if isinstance(exc, NotAStore):
        return i18n.t(locale, "cli.not_a_store", path=exc.path, reason=exc.reason)
    return str(exc)


def _configure_logging(settings: Settings, args: argparse.Namespace) -> None:
    # Commands that talk to a person in the terminal keep the log out of their way.
    quiet = getattr(args, "quiet_log", False)
    level = (
        logging.WARNING if quiet else getattr(logging, settings.log_level.upper(), logging.INFO)
    )
    from bot.logs import setup_logging

    setup_logging(settings.log_format, level, settings.secrets)


if __name__ == "__main__":
    raise SystemExit(main())
