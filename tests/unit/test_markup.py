"""The light markup: styles parse, and data passed through esc() is always shown literally."""

from handlers.kernel.markup import Span, esc, plain, spans


def test_bold_italic_and_links_are_recognised() -> None:
    assert spans("*Acme* está _parado_ [ver](https://x.io/a)") == [
        Span("Acme", "bold"),
        Span(" está "),
        Span("parado", "italic"),
        Span(" "),
        Span("ver", "link", "https://x.io/a"),
    ]


def test_escaped_data_is_never_styled() -> None:
    name = "<b>Acme & Co</b> *VIP* _beta_ [x](y)"
    assert plain(f"Conta: {esc(name)}") == f"Conta: {name}"
    assert all(s.style == "plain" for s in spans(f"Conta: {esc(name)}"))


def test_escaped_data_inside_bold_keeps_its_characters() -> None:
    assert spans(f"*{esc('R*B')}*") == [Span("R*B", "bold")]


def test_snake_case_words_are_not_italicised() -> None:
    assert spans("stage_key and lost_reason") == [Span("stage_key and lost_reason")]


def test_styles_do_not_cross_line_breaks() -> None:
    # A bold that spanned lines would hide the bullet that starts the next one.
    assert spans("*\n*- item") == [Span("*\n*- item")]
    assert [s.style for s in spans("*a*\n- b")] == ["bold", "plain"]
