"""Replies become Block Kit messages that Slack accepts and that show data literally."""

from __future__ import annotations

from dataclasses import replace

from bot.channels.slack.blocks import render, render_all, used
from bot.channels.slack.mrkdwn import from_slack, to_mrkdwn
from handlers.kernel.markup import esc
from handlers.kernel.messages import Button, Image, Reply


def _sealed(*labels: str, **kw) -> tuple[Button, ...]:
    return tuple(
        Button(label, "step.done", token=f"tok{i}", **kw) for i, label in enumerate(labels)
    )


def test_markup_becomes_mrkdwn_and_data_is_shown_literally() -> None:
    text = (
        "*" + esc("Acme & <Sons>") + "* owes _" + esc("2*3_4") + "_ [site](https://a.io/?a=1&b=2)"
    )
    out = to_mrkdwn(text)
    assert out.startswith("*Acme &amp; &lt;Sons&gt;* owes _2")
    assert "<!date^00000000^{_}|*>" in out  # the literal asterisk can't start bold
    assert "<https://a.io/?a=1&amp;b=2|site>" in out
    assert "<Sons>" not in out


def test_bullets_quotes_and_emoji_codes() -> None:
    out = to_mrkdwn("- one\n" + esc("> not a quote") + " :white_check_mark:")
    assert out.startswith("• one\n")
    assert "\u00ad&gt; not a quote" in out
    assert ":white_check_mark:" in out


def test_a_reply_has_a_section_and_a_plain_fallback() -> None:
    message = render(Reply("*Hello* " + esc("<b>")), "en")
    assert message.text == "Hello &lt;b&gt;"
    assert message.blocks[0] == {
        "type": "section",
        "text": {"type": "mrkdwn", "text": "*Hello* &lt;b&gt;"},
    }


def test_italic_paragraphs_become_context_lines() -> None:
    message = render(Reply("Call Acme\n\n_due today · step 2_"), "en")
    assert [b["type"] for b in message.blocks] == ["section", "context"]


def test_long_text_is_split_into_valid_sections() -> None:
    message = render(Reply("\n".join(["x" * 100] * 100)), "en")
    sections = [b for b in message.blocks if b["type"] == "section"]
    assert len(sections) > 1
    assert all(len(b["text"]["text"]) <= 3000 for b in sections)


def test_buttons_carry_their_token_and_respect_block_kit_limits() -> None:
    buttons = _sealed(*[f"Option {i} " + "y" * 100 for i in range(30)])
    message = render(Reply("pick", buttons=buttons), "en")
    rows = [b for b in message.blocks if b["type"] == "actions"]
    assert [len(r["elements"]) for r in rows] == [25, 5]
    elements = [e for r in rows for e in r["elements"]]
    assert [e["value"] for e in elements] == [f"tok{i}" for i in range(30)]
    assert all(len(e["text"]["text"]) <= 75 for e in elements)
    assert len({e["action_id"] for e in elements}) == 30


def test_choices_are_buttons_too() -> None:
    message = render(Reply("Which Acme?", choices=_sealed("Acme Ltda", "Acme SA")), "pt-BR")
    labels = [e["text"]["text"] for e in message.blocks[-1]["elements"]]
    assert labels == ["Acme Ltda", "Acme SA"]


def test_a_confirm_button_asks_in_the_persons_language() -> None:
    button = replace(_sealed("Mover")[0], style="danger", confirm="Mover *Acme* para Proposta?")
    element = render(Reply("x", buttons=(button,)), "pt-BR").blocks[-1]["elements"][0]
    assert element["style"] == "danger"
    assert element["confirm"]["text"]["text"] == "Mover *Acme* para Proposta?"
    assert element["confirm"]["confirm"]["text"] == "Confirmar"
    assert element["confirm"]["deny"]["text"] == "Cancelar"


def test_unsealed_buttons_are_not_rendered() -> None:
    message = render(Reply("x", buttons=(Button("Done", "step.done"),)), "en")
    assert all(b["type"] != "actions" for b in message.blocks)


def test_an_image_degrades_to_its_description() -> None:
    message = render(Reply("chart", image=Image(b"png", alt="Pipeline by stage")), "en")
    assert "Pipeline by stage" in message.blocks[-1]["elements"][0]["text"]


def test_an_attached_image_is_not_described_twice() -> None:
    reply = Reply("chart", image=Image(b"png", alt="Pipeline by stage"))
    message = render(reply, "en", image_attached=True)
    assert "Pipeline by stage" not in str(message.blocks)
    assert "chart" in message.text


def test_a_used_message_loses_its_buttons() -> None:
    blocks = list(render(Reply("Call Acme", buttons=_sealed("Done", "Skip")), "en").blocks)
    after = used(blocks, "Done", "en")
    assert all(b["type"] != "actions" for b in after)
    assert after[0] == blocks[0]
    assert "Done" in after[-1]["elements"][0]["text"]


def test_several_replies_share_one_home_view() -> None:
    message = render_all([Reply("Agenda"), Reply("Pipeline")], "en")
    assert [b["type"] for b in message.blocks] == ["section", "divider", "section"]


def test_slack_text_is_read_back_as_typed() -> None:
    typed = from_slack("<@UBOT> log call <https://acme.io|Acme> &amp; Co", "UBOT")
    assert typed == "log call Acme & Co"
    assert from_slack("ask <@U2|maria> about <#C1|sales>") == "ask @maria about sales"


def test_a_call_link_becomes_the_number_and_an_email_link_stays_a_link() -> None:
    # Slack opens mailto: links but not tel: ones; it auto-links a written number.
    text = to_mrkdwn(
        "[Call +5592999991234](tel:+5592999991234) [Write](mailto:ana@acme.com?subject=Acme)"
    )
    assert text == "Call +5592999991234 <mailto:ana@acme.com?subject=Acme|Write>"
