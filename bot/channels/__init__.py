"""Chat channels: one subpackage per platform (telegram, slack, console) behind the contract in base.py."""
