"""A misconfigured deployment is told what is wrong in the operator's language, in one sentence."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.cli.conftest import Run, assert_user_mistake
from tests.store_views import read_at


def _said(result: subprocess.CompletedProcess[str]) -> str:
    assert_user_mistake(result)
    return result.stderr.strip()


@pytest.mark.parametrize(
    ("locale", "sentence"),
    [
        (
            "en",
            "ritmo: RITMO_HTTP_PORT must be a positive whole number, like 8080 (got 'eighty').",
        ),
        (
            "pt-BR",
            "ritmo: RITMO_HTTP_PORT deve ser um número inteiro positivo, como 8080 "
            "(recebido 'eighty').",
        ),
        (  # RITMO_LOCALE unset: pt-BR, the default
            "",
            "ritmo: RITMO_HTTP_PORT deve ser um número inteiro positivo, como 8080 "
            "(recebido 'eighty').",
        ),
    ],
)
def test_a_bad_number_is_explained_in_ritmo_locale(ritmo: Run, locale: str, sentence: str) -> None:
    result = ritmo(
        "users", "list", extra_env={"RITMO_LOCALE": locale, "RITMO_HTTP_PORT": "eighty"}
    )
    assert _said(result) == sentence


@pytest.mark.parametrize(
    ("locale", "sentence"),
    [
        (
            "en",
            "ritmo: SLACK_BOT_TOKEN needs SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET "
            "(HTTP mode); set one of them.",
        ),
        (
            "pt-BR",
            "ritmo: SLACK_BOT_TOKEN precisa de SLACK_APP_TOKEN (Socket Mode) ou de "
            "SLACK_SIGNING_SECRET (modo HTTP); defina um dos dois.",
        ),
    ],
)
def test_a_missing_companion_variable_is_named_in_ritmo_locale(
    ritmo: Run, locale: str, sentence: str
) -> None:
    result = ritmo("init", extra_env={"RITMO_LOCALE": locale, "SLACK_BOT_TOKEN": "xoxb-1"})
    assert _said(result) == sentence


def test_a_missing_config_file_is_named_in_ritmo_locale(ritmo: Run, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere" / "ritmo.toml"
    english = _said(ritmo("init", extra_env={"RITMO_LOCALE": "en", "RITMO_CONFIG": str(missing)}))
    assert english == (
        f"ritmo: RITMO_CONFIG names {missing}, which does not exist; create the file or fix "
        "the path."
    )
    portuguese = _said(
        ritmo("init", extra_env={"RITMO_LOCALE": "pt-BR", "RITMO_CONFIG": str(missing)})
    )
    assert portuguese == (
        f"ritmo: RITMO_CONFIG aponta para {missing}, que não existe; crie o arquivo ou corrija "
        "o caminho."
    )
    assert not (tmp_path / "ritmo.db").exists()  # stopped before touching the store


def test_an_invalid_ritmo_locale_is_explained_in_portuguese(ritmo: Run) -> None:
    result = ritmo("users", "list", extra_env={"RITMO_LOCALE": "fr"})
    assert _said(result) == "ritmo: RITMO_LOCALE deve ser um de: pt-BR, en, es (recebido 'fr')."


def test_a_bad_field_in_ritmo_toml_names_the_field_and_the_file(
    ritmo: Run, tmp_path: Path
) -> None:
    cfg = tmp_path / "ritmo.toml"
    cfg.write_text('timezone = "Mars/Olympus"\n', "utf-8")
    result = ritmo("users", "list", extra_env={"RITMO_LOCALE": "pt-BR", "RITMO_CONFIG": str(cfg)})
    assert _said(result) == (
        f"ritmo: timezone em {cfg} não é um fuso horário conhecido ('Mars/Olympus'); use um "
        "nome IANA como America/Sao_Paulo."
    )


def test_nothing_to_run_is_said_in_ritmo_locale(ritmo: Run) -> None:
    result = ritmo("run", extra_env={"RITMO_LOCALE": "pt-BR", "RITMO_HTTP_PORT": "18998"})
    assert _said(result) == (
        "ritmo: Nada para rodar: defina TELEGRAM_BOT_TOKEN e/ou SLACK_BOT_TOKEN, ou experimente "
        "`ritmo demo` para o console."
    )


# --- settings that passed the start check and crashed later (issue 13 item 9) -----------------


def _with_toml(
    ritmo: Run, tmp_path: Path, text: str | bytes, *command: str, locale: str = "en"
) -> str:
    cfg = tmp_path / "ritmo.toml"
    if isinstance(text, bytes):
        cfg.write_bytes(text)
    else:
        cfg.write_text(text, "utf-8")
    result = ritmo(
        *(command or ("init",)),
        extra_env={"RITMO_LOCALE": locale, "RITMO_CONFIG": str(cfg), "RITMO_HTTP_PORT": "18997"},
    )
    assert result.returncode == 2, result.stderr
    assert not (tmp_path / "ritmo.db").exists()  # stopped before touching the store
    return _said(result)


@pytest.mark.parametrize("field", ["stalled_days", "silent_days", "link_code_ttl_days"])
def test_a_day_count_past_ten_years_is_refused_at_start(
    ritmo: Run, tmp_path: Path, field: str
) -> None:
    said = _with_toml(ritmo, tmp_path, f"{field} = 100000000\n", "digest", "--manager", "x")
    assert said.startswith(
        f"ritmo: {field} in {tmp_path / 'ritmo.toml'} must be a whole number from 1 to 3650"
    )
    assert "100000000" in said


def test_an_unknown_holiday_country_is_refused_at_start(ritmo: Run, tmp_path: Path) -> None:
    said = _with_toml(ritmo, tmp_path, '[holidays]\ncountry = "XX"\n', "digest", "--manager", "x")
    assert said == (
        f"ritmo: [holidays] country in {tmp_path / 'ritmo.toml'} is not a country "
        "the holidays package knows ('XX'); use a two-letter code such as BR or PT."
    )


def test_an_unknown_subdivision_is_refused_with_the_known_ones(ritmo: Run, tmp_path: Path) -> None:
    said = _with_toml(
        ritmo, tmp_path, '[holidays]\ncountry = "BR"\nsubdivision = "ZZ"\n', "run", locale="pt-BR"
    )
    assert said.startswith(
        f"ritmo: [holidays] subdivision em {tmp_path / 'ritmo.toml'} não é "
        "uma subdivisão de BR ('ZZ'); use uma destas: AC, AL,"
    )


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        (
            '[teams."Vendas Sul"]\ntarget = "abc"\n',
            "teams.\"Vendas Sul\".target in {file} must be an amount like 250000 (got 'abc').",
        ),
        (
            "teams = 5\n",
            'teams in {file} must be a table of teams, like [teams."Vendas Sul"] with '
            "target = 250000 (got 5).",
        ),
        (
            '[teams.Sul]\ntarget = 1000\ncurrency = "reais"\n',
            'teams."Sul".currency in {file} must be a three-letter currency code such as BRL '
            "(got 'reais').",
        ),
    ],
)
def test_a_bad_team_table_is_refused_before_init_writes(
    ritmo: Run, tmp_path: Path, toml: str, expected: str
) -> None:
    said = _with_toml(ritmo, tmp_path, toml)
    assert said == "ritmo: " + expected.format(file=tmp_path / "ritmo.toml")


@pytest.mark.parametrize("command", [("init",), ("run",)])
def test_a_cadence_file_that_is_not_utf8_is_named_at_start(
    ritmo: Run, tmp_path: Path, command: tuple[str, ...]
) -> None:
    folder = tmp_path / "cadences"
    folder.mkdir()
    (folder / "visita.toml").write_bytes(
        'key = "visita"\nname_pt = "Visita à loja"\n'.encode("cp1252")
    )
    said = _with_toml(ritmo, tmp_path, f'cadence_folder = "{folder}"\n', *command)
    assert said == (
        f"ritmo: {folder / 'visita.toml'}: field -: is not UTF-8 text; save the file as UTF-8"
    )


def test_a_broken_cadence_file_is_named_at_start(ritmo: Run, tmp_path: Path) -> None:
    folder = tmp_path / "cadences"
    folder.mkdir()
    (folder / "quebrada.toml").write_text('key = "quebrada\n', "utf-8")
    said = _with_toml(ritmo, tmp_path, f'cadence_folder = "{folder}"\n', "run")
    assert said.startswith(f"ritmo: {folder / 'quebrada.toml'}: field -: is not valid TOML")


def test_a_cadence_folder_that_does_not_exist_is_named(ritmo: Run, tmp_path: Path) -> None:
    said = _with_toml(ritmo, tmp_path, 'cadence_folder = "nowhere"\n')
    assert said == (
        f"ritmo: cadence_folder in {tmp_path / 'ritmo.toml'} names nowhere, which "
        "is not a folder; create it or fix the path."
    )


@pytest.mark.parametrize(
    ("toml", "name", "suggestion"),
    [
        ("stalled_dyas = 10\n", "stalled_dyas", "stalled_days"),
        ('[holidays]\ncontry = "BR"\n', "holidays.contry", "holidays.country"),
        ("[teams.Sul]\ntarge = 1000\n", 'teams."Sul".targe', 'teams."Sul".target'),
        (
            '[[stages]]\nkey = "a"\nlabel_pt = "A"\nlabel_en = "A"\nprobabilty = 0.5\n',
            "stages.probabilty",
            "stages.probability",
        ),
        ('[backup]\nfolder = "/b"\nkepp = 3\n', "backup.kepp", "backup.keep"),
    ],
)
def test_an_unknown_key_is_refused_with_a_did_you_mean(
    ritmo: Run, tmp_path: Path, toml: str, name: str, suggestion: str
) -> None:
    said = _with_toml(ritmo, tmp_path, toml)
    assert said == (
        f"ritmo: {name!r} in {tmp_path / 'ritmo.toml'} is not a setting ritmo "
        f"knows; did you mean {suggestion!r}?"
    )


def test_an_unknown_key_with_nothing_close_lists_the_allowed_ones(
    ritmo: Run, tmp_path: Path
) -> None:
    said = _with_toml(ritmo, tmp_path, "zzz = 1\n", locale="pt-BR")
    assert said.startswith(
        f"ritmo: 'zzz' em {tmp_path / 'ritmo.toml'} não é uma configuração "
        "que o ritmo conhece; aqui valem: ai, backup, cadence_folder, digest_time,"
    )


def test_a_csv_cell_over_128_kb_is_one_sentence_with_its_line(ritmo: Run, tmp_path: Path) -> None:
    assert ritmo("init").returncode == 0
    big = tmp_path / "contas.csv"
    big.write_text(
        "name,city\nPadaria,Itu\nLoja," + "x" * 200_000 + "\nMercado,Sorocaba\n", "utf-8"
    )
    result = ritmo("import", "accounts", str(big))
    assert _said(result) == (
        'ritmo: Line 3 has a cell over 128 KB (usually a quote " that is '
        "never closed); fix that line and import again."
    )


def test_a_team_target_in_the_toml_reads_like_the_chat(ritmo: Run, tmp_path: Path) -> None:
    cfg = tmp_path / "ritmo.toml"
    cfg.write_text('[teams."Vendas Sul"]\ntarget = "250.000"\n', "utf-8")
    env = {"RITMO_LOCALE": "en", "RITMO_CONFIG": str(cfg)}
    assert ritmo("init", extra_env=env).returncode == 0
    team = read_at(tmp_path / "ritmo.db", lambda tx: tx.people.get_team_by_name("Vendas Sul"))
    assert team is not None and team.target_amount == 250000.0


@pytest.mark.parametrize(
    ("toml", "expected"),
    [
        (
            '[holidays]\ncategories = ["public", "festa"]\n',
            "[holidays] categories in {file} must be a list of BR holiday categories (optional, "
            "public) (got ['public', 'festa']).",
        ),
        (
            '[holidays]\nextra = ["2027-02-30"]\n',
            "[holidays] extra in {file} must list dates like \"2027-02-08\" (got '2027-02-30').",
        ),
    ],
)
def test_bad_holiday_categories_or_dates_are_refused(
    ritmo: Run, tmp_path: Path, toml: str, expected: str
) -> None:
    said = _with_toml(ritmo, tmp_path, toml, "digest", "--manager", "x")
    assert said == "ritmo: " + expected.format(file=tmp_path / "ritmo.toml")


def test_holidays_that_is_not_a_table_is_refused(ritmo: Run, tmp_path: Path) -> None:
    said = _with_toml(ritmo, tmp_path, 'holidays = "BR"\n')
    assert said == (
        f"ritmo: holidays in {tmp_path / 'ritmo.toml'} must be a table, like "
        "[holidays] with one key per line (got 'BR')."
    )


# --- unknown keys and variables (issue 15 item 5) ----------------------------------------------


@pytest.mark.parametrize(
    ("command", "locale", "sentence"),
    [
        (
            ("run",),
            "en",
            "ritmo: 'stalled_dayz' in {file} is not a setting ritmo knows; did you mean "
            "'stalled_days'?",
        ),
        (
            ("run",),
            "pt-BR",
            "ritmo: 'stalled_dayz' em {file} não é uma configuração que o ritmo conhece; você "
            "quis dizer 'stalled_days'?",
        ),
    ],
)
def test_a_misspelt_key_stops_ritmo_run_in_ritmo_locale(
    ritmo: Run, tmp_path: Path, command: tuple[str, ...], locale: str, sentence: str
) -> None:
    said = _with_toml(ritmo, tmp_path, "stalled_dayz = 10\n", *command, locale=locale)
    assert said == sentence.format(file=tmp_path / "ritmo.toml")


def test_a_misspelt_key_is_the_configuration_problem_of_ritmo_check(
    ritmo: Run, tmp_path: Path
) -> None:
    cfg = tmp_path / "ritmo.toml"
    cfg.write_text("stalled_dayz = 10\n", "utf-8")
    result = ritmo("check", extra_env={"RITMO_LOCALE": "en", "RITMO_CONFIG": str(cfg)})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stdout.strip() == (
        f"PROBLEM  configuration: 'stalled_dayz' in {cfg} is not a setting ritmo knows; "
        "did you mean 'stalled_days'?"
    )


@pytest.mark.parametrize(
    ("locale", "line"),
    [
        (
            "en",
            "ritmo: warning: ritmo does not read the variable RITMO_STALLED_DAYZ; the RITMO_ "
            "variables are listed under Configuration in the README.",
        ),
        (
            "pt-BR",
            "ritmo: aviso: o ritmo não lê a variável RITMO_STALLED_DAYZ; as variáveis RITMO_ "
            "estão na seção Configuration do README.",
        ),
    ],
)
def test_an_unknown_ritmo_variable_is_warned_about_but_the_command_runs(
    ritmo: Run, locale: str, line: str
) -> None:
    # Warned, not refused: the environment is shared, and a variable meant for another
    # version of ritmo must not stop this one.
    result = ritmo("init", extra_env={"RITMO_LOCALE": locale, "RITMO_STALLED_DAYZ": "10"})
    assert result.returncode == 0, result.stderr
    assert line in result.stderr.splitlines()


def test_a_misspelt_ritmo_variable_gets_the_nearest_one(ritmo: Run) -> None:
    result = ritmo("init", extra_env={"RITMO_HTTP_PROT": "9000"})
    assert result.returncode == 0, result.stderr
    assert (
        "ritmo: warning: ritmo does not read the variable RITMO_HTTP_PROT; "
        "did you mean RITMO_HTTP_PORT?"
    ) in result.stderr.splitlines()


def test_known_variables_draw_no_warning(ritmo: Run) -> None:
    result = ritmo("init", extra_env={"RITMO_TIMEZONE": "America/Sao_Paulo"})
    assert result.returncode == 0
    assert "warning" not in result.stderr
