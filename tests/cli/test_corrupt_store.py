"""A damaged store file (issue 13 item 10): every command that opens it says so in one sentence
and exits non-zero; `backup` writes no copy and never reports success."""

import shutil
from pathlib import Path

import pytest

from tests.cli.conftest import assert_user_mistake, runner

PAGE = 4096


def _damage(path: Path, pages: int = 4) -> None:
    """Overwrite a few pages in the middle of the file, as a bad disk sector or a torn copy."""
    count = path.stat().st_size // PAGE
    with path.open("r+b") as f:
        for page in range(count // 2, count // 2 + pages):
            f.seek(page * PAGE)
            f.write(b"\x55" * PAGE)


@pytest.fixture
def damaged(seeded_store: Path, tmp_path: Path) -> Path:
    """This test's copy of the seeded store, damaged, with a sound copy beside it."""
    store = tmp_path / "ritmo.db"
    shutil.copy(seeded_store, store)
    shutil.copy(seeded_store, tmp_path / "sound.db")
    _damage(store)
    return store


@pytest.fixture(scope="module")
def seeded_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A sound store of a few thousand rows, seeded once per module (`ritmo seed` takes seconds;
    copying it, milliseconds)."""
    folder = tmp_path_factory.mktemp("seeded")
    seeded = runner(folder)(
        "seed",
        "--synthetic",
        "--accounts",
        "300",
        "--deals",
        "300",
        "--interactions",
        "3000",
        "--enrolments",
        "100",
    )
    assert seeded.returncode == 0, seeded.stderr
    return folder / "ritmo.db"


@pytest.mark.parametrize(
    "command",
    [
        ("users", "list"),
        ("export", "accounts"),
        ("ask", "--as", "anyone", "status"),
        ("run",),
    ],
)
def test_a_damaged_store_is_refused_in_one_sentence(ritmo, damaged, command):
    result = ritmo(*command, timeout=30)
    assert_user_mistake(result, "damaged", str(damaged), "ritmo restore")
    assert result.stdout == ""  # not an empty list, not a header-only export


def test_backup_of_a_damaged_store_writes_nothing_and_says_why(ritmo, damaged, tmp_path):
    result = ritmo("backup", str(tmp_path / "copy.db"))
    assert_user_mistake(result, "damaged")
    assert "Backup written" not in result.stdout + result.stderr
    assert not (tmp_path / "copy.db").exists()


def test_the_sentence_is_in_the_persons_language(ritmo, damaged):
    result = ritmo("users", "list", extra_env={"RITMO_LOCALE": "pt-BR"})
    assert_user_mistake(result, "danificado", "ritmo restore")


def test_a_sound_store_opens_and_backs_up(ritmo, damaged, tmp_path):
    sound = {"RITMO_DB": str(tmp_path / "sound.db")}
    assert ritmo("users", "list", extra_env=sound).returncode == 0
    result = ritmo("backup", str(tmp_path / "copy.db"), extra_env=sound)
    assert result.returncode == 0 and "Backup written" in result.stdout


def test_restoring_a_good_backup_over_the_damage_brings_the_store_back(ritmo, damaged, tmp_path):
    copy = tmp_path / "copy.db"
    assert (
        ritmo("backup", str(copy), extra_env={"RITMO_DB": str(tmp_path / "sound.db")}).returncode
        == 0
    )
    result = ritmo("restore", str(copy), "--force")
    assert result.returncode == 0, result.stderr
    assert "kept at" in result.stdout  # the damaged file is kept aside, not deleted
    assert ritmo("users", "list").returncode == 0
