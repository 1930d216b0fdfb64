"""The app manifest asks Slack for what the adapter listens to, so one paste installs it."""

from __future__ import annotations

from pathlib import Path

MANIFEST = (Path(__file__).parents[2] / "slack-manifest.yml").read_text("utf-8")


def _listed(item: str) -> bool:
    return any(line.strip().split("#")[0].strip() == f"- {item}" for line in MANIFEST.splitlines())


def test_the_manifest_subscribes_to_what_the_adapter_handles() -> None:
    for event in ("message.im", "app_mention", "app_home_opened"):
        assert _listed(event), event
    assert "command: /ritmo" in MANIFEST
    assert "home_tab_enabled: true" in MANIFEST
    assert "socket_mode_enabled: true" in MANIFEST
    assert (
        MANIFEST.count("https://ritmo.example.com/slack/events") == 3
    )  # events, interactivity and the command


def test_the_manifest_grants_the_scopes_of_the_api_calls_ritmo_makes() -> None:
    scopes = (
        "app_mentions:read",
        "chat:write",
        "commands",
        "files:write",
        "im:history",
        "im:write",
        "users:read",  # users.info: a stranger's language
    )
    for scope in scopes:
        assert _listed(scope), scope
