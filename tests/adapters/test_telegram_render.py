"""Neutral replies render as Telegram HTML and inline keyboards that Telegram accepts."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from benchmarks.fakes.telegram_api import visible_text
from bot.channels.telegram.render import TEXT_LIMIT, render, visible_length
from handlers.kernel.markup import esc, plain
from handlers.kernel.messages import Button, Reply


def test_markup_becomes_html_tags():
    rendered = render(Reply("*Hoje*: ligar para _Acme_ — [CRM](https://crm.example/a?x=1&y=2)"))
    assert rendered.chunks == (
        '<b>Hoje</b>: ligar para <i>Acme</i> — <a href="https://crm.example/a?x=1&amp;y=2">CRM</a>',
    )


def test_account_name_with_html_is_shown_literally():
    name = "<b>Acme & Co</b>"
    [chunk] = render(Reply(f"Conta *{esc(name)}* atualizada")).chunks
    assert visible_text(chunk) == "Conta <b>Acme & Co</b> atualizada"
    assert "<b>&lt;b&gt;Acme &amp; Co&lt;/b&gt;</b>" in chunk


def test_bullets_become_dots():
    assert render(Reply("Passos:\n- ligar\n- enviar proposta")).chunks == (
        "Passos:\n• ligar\n• enviar proposta",
    )


def test_buttons_share_a_row_and_choices_get_one_each():
    reply = Reply(
        "Ligar para Acme",
        buttons=(
            Button("Feito", "step.done", token="t-done"),
            Button("Pular", "step.skip", token="t-skip"),
            Button("Adiar", "step.snooze", token="t-snooze"),
            Button("Ver", "deal.show", token="t-show"),
        ),
        choices=(Button("Acme Ltda", "pick", token="c1"), Button("Acme SA", "pick", token="c2")),
    )
    rows = render(reply).keyboard.inline_keyboard
    assert [[b.callback_data for b in row] for row in rows] == [
        ["t-done", "t-skip", "t-snooze"],
        ["t-show"],
        ["c1"],
        ["c2"],
    ]
    assert rows[0][0].text == "Feito"


def test_no_buttons_no_keyboard():
    assert render(Reply("oi")).keyboard is None


def test_an_unsealed_or_oversized_token_is_refused():
    with pytest.raises(ValueError):
        render(Reply("x", buttons=(Button("Feito", "step.done"),)))
    with pytest.raises(ValueError):
        render(Reply("x", buttons=(Button("Feito", "step.done", token="é" * 33),)))


def test_long_text_splits_at_line_breaks_within_the_limit():
    lines = [f"- *Conta {i}*: ligar amanhã sobre a proposta" for i in range(300)]
    chunks = render(Reply("\n".join(lines))).chunks
    assert len(chunks) > 1
    shown = [visible_text(chunk) for chunk in chunks]
    assert all(visible_length(text) <= TEXT_LIMIT for text in shown)
    assert all(text.startswith("• ") for text in shown)  # no line cut in half
    assert "\n".join(shown).count("Conta") == 300


def test_a_word_longer_than_the_limit_is_cut_hard():
    chunks = render(Reply("x" * 9000)).chunks
    assert [len(c) for c in chunks] == [4096, 4096, 808]


_markup_text = st.lists(
    st.one_of(
        st.text(min_size=1, max_size=40).map(esc),
        st.text(min_size=1, max_size=20).map(lambda s: f"*{esc(s)}*"),
        st.sampled_from(["\n", " ", "- ", "😀", "&", "<b>"]).map(esc),
    ),
    max_size=40,
).map("".join)


@given(_markup_text, st.integers(min_value=8, max_value=120))
def test_any_text_renders_to_valid_html_that_fits_and_loses_nothing(text, limit):
    chunks = render(Reply(text), limit=limit).chunks
    shown = [visible_text(chunk) for chunk in chunks]  # raises if Telegram would refuse it
    assert all(visible_length(s) <= limit for s in shown)
    lines = plain(text).split("\n")
    bulleted = "\n".join("• " + line[2:] if line.startswith("- ") else line for line in lines)
    squeeze = "".join(bulleted.split())
    assert "".join("".join(shown).split()) == squeeze


def test_call_and_email_links_become_text_the_apps_auto_link():
    # Telegram doesn't open tel: or mailto: links; a written number or address gets one tap.
    reply = Reply(
        "[Ligar para +5592999991234](tel:+5592999991234)\n"
        "[Escrever para ana@acme.com](mailto:ana@acme.com?subject=Acme)\n"
        "[Ligar](tel:+5511988887777)"
    )
    [chunk] = render(reply).chunks
    assert "tel:" not in chunk and "mailto:" not in chunk and "<a" not in chunk
    assert visible_text(chunk).split("\n") == [
        "Ligar para +5592999991234",
        "Escrever para ana@acme.com",
        "Ligar: +5511988887777",
    ]
