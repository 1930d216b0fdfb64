"""Marks for alerts already raised (idle deals and accounts), one per item and quiet period."""

from __future__ import annotations
