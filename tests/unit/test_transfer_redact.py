"""Finding every mention of one person, however it was typed, for LGPD erasure."""

from handlers.transfer.redact import redactor

SCRUB = redactor("[x]", "João Pereira", "joao@saojorge.ind.br", "+55 31 98888-1000")


def test_name_matches_without_accents_any_case_and_spacing():
    assert SCRUB.redact("Falei com JOAO  pereira hoje") == "Falei com [x] hoje"
    assert SCRUB.redact("joão pereira") == "[x]"


def test_name_inside_a_longer_word_is_left_alone():
    assert SCRUB.redact("João Pereirinha ligou") == "João Pereirinha ligou"


def test_email_in_any_case():
    assert SCRUB.redact("mandei para JOAO@SaoJorge.ind.br") == "mandei para [x]"


def test_phone_however_it_was_written():
    text = "ligar 98888-1000, (31) 98888 1000 ou +55 31 988881000"
    assert "98888" not in SCRUB.redact(text)
    assert SCRUB.redact("pedido 1234567890123 de R$ 5.000") == "pedido 1234567890123 de R$ 5.000"


def test_json_escaped_accents_are_found_too():
    assert SCRUB.redact('{"name": "Jo\\u00e3o Pereira"}') == '{"name": "[x]"}'


def test_mentions_tells_without_changing():
    assert SCRUB.mentions("o joao pereira pediu desconto")
    assert not SCRUB.mentions("a Maria Pereira pediu desconto")
