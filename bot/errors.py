"""Errors that are the user's to fix: printed as one sentence, never as a traceback."""


class UserError(Exception):
    """A mistake in what the user asked for (unknown person, missing file, bad option)."""


class ConfigError(UserError):
    """A setting is missing or malformed; the message names the variable."""
