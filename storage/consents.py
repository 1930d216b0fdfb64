"""Contacts' opt-outs: channels a contact must never be reached on, for good."""

from __future__ import annotations
