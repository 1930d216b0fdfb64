"""Reading exported files: encodings, delimiters, Excel hints and line numbers."""

import pytest

from handlers.transfer.reading import TableError, read_table


def test_semicolon_latin1_spreadsheet():
    data = "nome;cidade\r\nPadaria São João;Florianópolis\r\n".encode("cp1252")
    table = read_table(data)
    assert table.delimiter == ";"
    assert table.encoding == "cp1252"
    assert table.headers == ("nome", "cidade")
    assert table.rows == [(2, ["Padaria São João", "Florianópolis"])]


def test_utf8_bom_and_quoted_commas():
    data = '\ufeff"Company name","City"\n"Acme, Inc.","São Paulo"\n'.encode()
    table = read_table(data)
    assert table.headers == ("Company name", "City")
    assert table.rows[0][1] == ["Acme, Inc.", "São Paulo"]


def test_semicolon_file_with_decimal_commas_in_quotes():
    data = b'conta;valor\n"Acme";"1.234,56"\n"Beta";"2,5"\n'
    assert read_table(data).delimiter == ";"


def test_excel_sep_hint_is_honoured_and_counted_in_line_numbers():
    data = b"sep=;\r\nname;city\r\nAcme, Inc;Recife\r\n"
    table = read_table(data)
    assert table.headers == ("name", "city")
    assert table.rows == [(3, ["Acme, Inc", "Recife"])]


def test_utf16_tab_separated():
    data = "Email\tNome\nana@x.com\tAna\n".encode("utf-16")
    table = read_table(data)
    assert table.delimiter == "\t"
    assert table.rows == [(2, ["ana@x.com", "Ana"])]


def test_line_numbers_skip_blank_lines_and_count_multiline_cells():
    data = b'name,notes\nA,"two\nlines"\n\nB,x\n'
    assert [line for line, _ in read_table(data).rows] == [2, 5]


def test_lines_wrapped_in_one_quoted_cell_are_unwrapped():
    data = b'"nome;cidade"\n"Padaria;Recife"\n'
    table = read_table(data)
    assert table.headers == ("nome", "cidade")
    assert table.rows[0][1] == ["Padaria", "Recife"]


def test_jsonl_reads_as_a_table():
    data = b'{"name": "Acme", "latitude": -23.5}\n\n{"name": "Beta", "city": "Recife"}\n'
    table = read_table(data)
    assert table.headers == ("name", "latitude", "city")
    assert table.rows == [(1, ["Acme", "-23.5", ""]), (3, ["Beta", "", "Recife"])]


def test_empty_file_is_a_table_error():
    with pytest.raises(TableError):
        read_table(b"\xef\xbb\xbf\r\n")
