"""`ritmo` on the command line: parses arguments, hands off to bot/commands, turns user mistakes
into one sentence on stderr and a non-zero exit (never a traceback)."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from types import ModuleType
from typing import TYPE_CHECKING, Any

from bot import cli_locale
from bot.errors import UserError
from handlers.kernel import i18n
from storage.errors import (
    FolderMissing,
    NotAStore,
    StoreCorrupt,
    StoreError,
    StoreTooNew,
    StoreUnavailable,
)

if TYPE_CHECKING:
    from bot.config import Settings

# Every command, in the order `ritmo --help` lists them: its name, the bot/commands module that
# registers it, and its one-line help. Only the module of the command being run is imported
# (they pull in the app, the chat SDKs and the scheduler: seconds at start); the others appear
# in `--help` from this table. tests/cli/test_cli_startup.py keeps it equal to what each
# module registers.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("init", "basics", "create or migrate the store; install stages and cadences"),
    ("run", "basics", "the bot, on every configured platform"),
    ("backup", "basics", "online copy of the store (safe while the bot runs)"),
    (
        "check",
        "check",
        "is this machine ready for `ritmo run`? (settings, store, platform tokens)",
    ),
    ("users", "users", "people, teams and link codes"),
    ("cadences", "cadences", "list, show, validate and preview cadences"),
    ("inbox", "inbox", "incoming messages that were quarantined: list, retry, drop"),
    ("outbox", "outbox", "proactive messages: what failed, what is waiting"),
    ("import", "transfer", "import accounts, contacts or deals from a CSV export"),
    ("export", "transfer", "export records as CSV or JSON lines (import reads them)"),
    ("restore", "transfer", "replace the store with a backup"),
    ("privacy", "privacy", "LGPD: export or erase what is stored about a contact"),
    ("digest", "digest", "print the digest a manager would get now"),
    ("teams", "digest", "team settings"),
    ("chat", "chat", "console chat against the real store"),
    ("ask", "chat", "one message through the same pipeline"),
    ("demo", "demo", "seeded demo data, console chat as a demo rep"),
    ("seed", "seed", "generate a synthetic dataset into RITMO_DB"),
    ("store", "store", "move the store to PostgreSQL, or back to a SQLite file"),
    ("ai", "ai", "the optional language model"),
)


def command_module(group: str) -> ModuleType:
    """The bot/commands module named `group`, imported now (see COMMANDS)."""
    return importlib.import_module(f"bot.commands.{group}")


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one sentence and exit 2 (no usage dump), and help and
    errors in RITMO_LOCALE (see bot/cli_locale.py); subcommands get the same formatter."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", cli_locale.HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        from bot.config import spoken_locale  # bot.config is heavy; only a mistake needs it

        text = i18n.t(spoken_locale(), "cli.usage_error", message=message, prog=self.prog)
        sys.stderr.write(f"ritmo: {text}\n")
        raise SystemExit(2)


class _Version(argparse.Action):
    """`--version`, reading the package metadata only when asked (its import costs start-up)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        sys.stdout.write(f"ritmo {installed_version()}\n")
        parser.exit()


def installed_version() -> str:
    """The version pip installed (the package metadata), so a bug report names the release."""
    from importlib import metadata

    try:
        return metadata.version("ritmo")
    except metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return "unknown"


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser for `argv`: the named command's module registers its own arguments; every
    other command is a one-line entry for `--help`. With no argv, every module registers."""
    wanted = _command_in(argv) if argv is not None else None
    parser = _Parser(prog="ritmo", description="ritmo — the rhythm of your sales team.")
    parser.add_argument("--version", action=_Version)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    registered: set[str] = set()
    for name, group, text in COMMANDS:
        if group in registered:
            continue
        if argv is None or any(n == wanted and g == group for n, g, _ in COMMANDS):
            command_module(group).register(sub)
            registered.add(group)
        else:
            sub.add_parser(name, help=text)
    return parser


def _command_in(argv: Sequence[str]) -> str | None:
    # ritmo's own options take no value, so the first word that is not one is the command.
    return next((word for word in argv if not word.startswith("-")), None)


def main(argv: Sequence[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else list(argv)
    from bot.config import spoken_locale

    # argparse words its help and errors while the parser is built and while it parses.
    with cli_locale.speaking(spoken_locale()):
        args = build_parser(words).parse_args(words)
    from bot.config import Settings, unknown_variables

    settings: Settings | None = None
    for warning in unknown_variables():
        sys.stderr.write(f"ritmo: {warning}\n")
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
    if isinstance(exc, StoreUnavailable) and exc.kind in ("reconnecting", "commit_unknown"):
        # PostgreSQL away (PgSyncStore reconnects once, then says so): a sentence, not the
        # driver's text
        return i18n.t(locale, "cli.store_unreachable")
    return str(exc)


def _configure_logging(settings: Settings, args: argparse.Namespace) -> None:
    import logging

    from bot.logs import setup_logging

    # Commands that talk to a person in the terminal keep the log out of their way.
    quiet = getattr(args, "quiet_log", False)
    level = (
        logging.WARNING if quiet else getattr(logging, settings.log_level.upper(), logging.INFO)
    )
    from bot import channels

    quiet_sdks = [name for spec in channels.registered() for name in spec.quiet_loggers]
    setup_logging(settings.log_format, level, settings.secrets, quiet_sdks)


if __name__ == "__main__":
    raise SystemExit(main())
