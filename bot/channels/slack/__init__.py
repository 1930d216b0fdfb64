"""Slack channel: Events API door, blocks, mrkdwn and the Web API client."""
