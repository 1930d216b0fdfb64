"""Telegram channel: parse updates, render replies, poll and send."""
