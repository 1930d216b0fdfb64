"""CSV files that used to import wrong without a word (issue 13 item 14a): an unterminated
quote swallowing the rows after it, a NUL byte cutting a cell, two encodings in one file.
Each is refused in one sentence, in the person's language, naming the line; nothing is
written."""

from pathlib import Path

import pytest

from tests.cli.test_import_transfer import count, make_store, records, run_cli

HEADER = "name,city\n"


def _import(tmp_path: Path, data: bytes, locale: str = "en"):
    store = make_store(tmp_path)
    path = tmp_path / "contas.csv"
    path.write_bytes(data)
    result = run_cli(store, "import", "accounts", str(path), locale=locale)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert count(store, "accounts") == 0
    (line,) = [x for x in result.stderr.splitlines() if x.strip()]
    return line


def test_an_unterminated_quote_is_named_with_its_line(tmp_path):
    data = (
        HEADER + 'Padaria,Itu\nLoja "Central,"Sorocaba\nMercado,Campinas\nFarmácia,Jundiaí\n'
    ).encode()
    assert _import(tmp_path, data) == (
        'ritmo: Line 3 opens a quote " that is never closed, so the 2 lines after it would '
        "become one cell; close the quote (or remove it) and import again."
    )


def test_a_closed_multiline_cell_still_imports(tmp_path):
    store = make_store(tmp_path)
    path = tmp_path / "contas.csv"
    path.write_text(HEADER + 'Padaria,"Itu\nCentro"\nMercado,Campinas\n', "utf-8")
    result = run_cli(store, "import", "accounts", str(path))
    assert result.returncode == 0 and "2 created" in result.stdout, result.stdout


def test_a_nul_byte_is_named_with_its_line(tmp_path):
    data = (HEADER + "Padaria,Itu\nLoja\x00 Central,Sorocaba\n").encode()
    said = _import(tmp_path, data, locale="pt-BR")
    assert said == (
        "ritmo: O arquivo tem um byte NUL (\\0), que não é texto (números de linha: "
        "3): está danificado ou foi salvo em UTF-16 sem BOM; salve como CSV UTF-8 e "
        "importe de novo."
    )


@pytest.mark.parametrize("locale", ["en", "pt-BR"])
def test_two_encodings_in_one_file_are_named_with_their_lines(tmp_path, locale):
    data = (
        HEADER + "João Pães,Itu\nMercado,Campinas\n"
    ).encode() + "José Açúcar,Sorocaba\nÁgua Viva,Jundiaí\n".encode("cp1252")
    said = _import(tmp_path, data, locale=locale)
    if locale == "en":
        assert said == (
            "ritmo: The file mixes two encodings, UTF-8 (line numbers: 2) and "
            "Excel's Windows-1252 (line numbers: 4, 5), so one part would read as "
            '"JoÃ£o"; save it all as UTF-8 CSV and import again.'
        )
    else:
        assert "UTF-8 (números de linha: 2)" in said and "(números de linha: 4, 5)" in said


def test_a_whole_cp1252_file_still_imports(tmp_path):
    store = make_store(tmp_path)
    path = tmp_path / "contas.csv"
    path.write_bytes((HEADER + "José Açúcar,Sorocaba\n").encode("cp1252"))
    result = run_cli(store, "import", "accounts", str(path))
    assert result.returncode == 0, result.stderr
    assert [a["name"] for a in records(store, "accounts")] == ["José Açúcar"]
