"""Finding every mention of one person, however it was typed, for LGPD erasure."""

from handlers.transfer.redact import name_words, redactor, scrub_for, words_redactor
from storage.privacy import Surroundings

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


def test_email_with_accents_is_found_json_escaped_too():
    scrub = redactor("[x]", "Zé", "zé@pães.com.br")
    assert scrub.redact('{"to": "z\\u00e9@p\\u00e3es.com.br"}') == '{"to": "[x]"}'


def test_a_name_between_escaped_curly_quotes_is_found():
    # A phone keyboard's “…”, once an encoder has escaped it, sits right against the name.
    assert SCRUB.redact('"\\u201cJo\\u00e3o Pereira\\u201d disse"') == '"\\u201c[x]\\u201d disse"'


def test_name_words_leave_out_particles_and_initials():
    assert name_words("Ana Luísa da Costa") == {"ana", "luisa", "costa"}
    assert name_words("J. R. dos Santos") == {"santos"}


def test_words_alone_in_any_case_accent_or_escape_but_not_inside_other_words():
    words = words_redactor("[x]", {"zuleica"})
    assert words("a ZULÉICA, a zuleica e a Zul\\u00e9ica") == "a [x], a [x] e a [x]"
    assert words("\\nZul\\u00c9ica") == "\\n[x]"
    assert words("Zuleicão ligou") == "Zuleicão ligou"


AROUND = Surroundings(
    account_name="Padaria Bem-te-vi Ltda",
    account_key="padaria bem te vi",
    neighbours=("Joana Quixabeira",),
    users=("Ana Souza",),
)
CONTACT = {"name": "Ana Zuléica Quixabeira Bem", "email": None, "phone": None}


def test_text_about_her_loses_every_word_of_her_name_but_her_companys():
    scrub = scrub_for("[x]", CONTACT, AROUND)
    assert scrub.about_her("Ana, Zuléica e Quixabeira; Bem") == "[x], [x] e [x]; Bem"


def test_text_about_her_company_keeps_words_others_there_share():
    scrub = scrub_for("[x]", CONTACT, AROUND)
    # Ana is also a ritmo user, Quixabeira also Joana; only Zuléica is hers alone.
    assert scrub.about_company("Ana, Zuléica e Quixabeira") == "Ana, [x] e Quixabeira"


def test_a_text_names_her_company_by_its_words_in_order():
    names = scrub_for("[x]", CONTACT, AROUND).names_company
    assert names("visitei a PADARIA BEM-TE-VI hoje") and names("padaria bem te vi")
    assert not names("padaria bem") and not names("padaria bem-te-vizinha")
    assert not scrub_for("[x]", CONTACT, Surroundings(None, None, (), ())).names_company("x")
