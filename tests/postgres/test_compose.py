"""compose.yaml lets someone try PostgreSQL without changing how ritmo runs by default."""

from __future__ import annotations

from pathlib import Path

COMPOSE = (Path(__file__).resolve().parents[2] / "compose.yaml").read_text("utf-8")


def test_postgres_starts_only_when_asked_and_keeps_its_data() -> None:
    service = COMPOSE.split("\n  postgres:\n", 1)[1].split("\nvolumes:", 1)[0]
    assert "profiles: [postgres]" in service  # a plain `docker compose up` starts ritmo alone
    assert "image: postgres:15" in service
    assert "- ritmo-postgres:/var/lib/postgresql/data" in service
    assert "ports:" not in service  # reachable inside the compose network only


def test_the_comment_says_how_to_move_into_it() -> None:
    assert "docker compose --profile postgres up -d postgres" in COMPOSE
    assert "docker compose run --rm ritmo store move" in COMPOSE
    assert "postgresql://ritmo:ritmo-try@postgres:5432/ritmo" in COMPOSE
