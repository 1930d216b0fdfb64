"""Errors the store raises, each carrying a sentence a person can act on."""

from __future__ import annotations


class StoreError(Exception):
    """Something about the store itself is wrong (version, file, constraint)."""


class StoreTooNew(StoreError):
    """The file was written by a newer ritmo; opening it with this code could corrupt it."""


class ConstraintError(StoreError):
    """A write broke a rule of the schema (a duplicate, a missing reference, a bad value)."""


class NotFound(StoreError):
    """A record asked for by id or name does not exist (or is not visible to the asker)."""
