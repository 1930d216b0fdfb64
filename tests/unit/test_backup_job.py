"""The daily backup as `ritmo run` does it: the `[backup]` settings, the scheduler's job and
what /healthz says about it (issue 18). The clock is the test's."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot import app as app_module
from bot.app import App
from bot.config import Settings
from bot.errors import ConfigError


def test_the_backup_section_sets_folder_and_keep(tmp_path: Path) -> None:
    toml = tmp_path / "ritmo.toml"
    toml.write_text('[backup]\nfolder = "/var/backups/ritmo"\nkeep = 3\n')
    settings = Settings.from_env({"RITMO_CONFIG": str(toml)})
    assert (settings.backup_folder, settings.backup_keep) == (Path("/var/backups/ritmo"), 3)
    assert "backup" not in settings.extra
    assert Settings.from_env({}).backup_folder is None
    from_env = Settings.from_env({"RITMO_BACKUP_FOLDER": "/b", "RITMO_BACKUP_KEEP": "14"})
    assert (from_env.backup_folder, from_env.backup_keep) == (Path("/b"), 14)


@pytest.mark.parametrize(
    "section",
    [
        "[backup]\nkeep = 7\n",
        '[backup]\nfolder = "/b"\nkeep = 0\n',
        'backup = "/b"\n',
    ],
)
def test_a_bad_backup_section_is_one_sentence(tmp_path: Path, section: str) -> None:
    toml = tmp_path / "ritmo.toml"
    toml.write_text(section)
    with pytest.raises(ConfigError) as caught:
        Settings.from_env({"RITMO_CONFIG": str(toml), "RITMO_LOCALE": "en"})
    assert str(caught.value) == (
        f'[backup] in {toml} must be a table like folder = "/backups" '
        "and keep = 7; fix the section."
    )
    with pytest.raises(ConfigError, match="RITMO_BACKUP_KEEP deve ser um número inteiro"):
        Settings.from_env({"RITMO_BACKUP_KEEP": "sete"})


@pytest.fixture
async def app(tmp_path: Path, clock) -> AsyncIterator[App]:
    settings = Settings(
        db_path=tmp_path / "ritmo.db", backup_folder=tmp_path / "copies", backup_keep=2
    )
    running = App(settings, now=clock)
    await running.open()
    try:
        yield running
    finally:
        await running.close()


async def test_the_job_keeps_two_and_healthz_says_when_the_last_was_taken(app: App, clock) -> None:
    assert (await app.health())["backup"] == {"last": None, "state": "ok"}
    for _ in range(3):
        await app_module._daily_backup(app)
        await app_module._daily_backup(app)  # a second tick the same day takes nothing
        last = clock()
        clock.advance(days=1)
    assert app.settings.backup_folder is not None
    assert len(list(app.settings.backup_folder.iterdir())) == 2
    report = await app.health()
    assert report["backup"] == {"last": last.isoformat(), "state": "ok"}
    assert "backup" not in report["problems"]


async def test_a_failing_backup_makes_healthz_unhealthy(app: App) -> None:
    assert app.settings.backup_folder is not None
    app.settings.backup_folder.write_text("a file where the folder should be")
    await app_module._daily_backup(app)
    async with TestClient(TestServer(app.web)) as client:
        response = await client.get("/healthz")
        body = await response.json()
    assert response.status == 503
    assert "backup" in body["problems"]
    assert body["backup"]["state"].startswith("error: ")


async def test_no_backup_section_no_backup_line(tmp_path: Path, clock) -> None:
    running = App(Settings(db_path=tmp_path / "ritmo.db"), now=clock)
    await running.open()
    try:
        await app_module._daily_backup(running)
        assert "backup" not in await running.health()
    finally:
        await running.close()
    assert not [p for p in tmp_path.iterdir() if p.is_dir() or "backup" in p.name]
