"""Reminder messages: text in the rep's language, the four buttons, and one-tap links."""

from urllib.parse import parse_qs, urlparse

from handlers.conversation.reminders import phone_digits, reminder
from handlers.kernel.markup import spans

PAYLOAD = {
    "enrolment_id": 7,
    "step_index": 4,
    "steps": 7,
    "cadence": "exploratory",
    "cadence_name": {"pt-BR": "Prospecção exploratória", "en": "Exploratory outreach"},
    "channel": "whatsapp",
    "action": {"pt-BR": "Mandar mensagem", "en": "Send a message"},
    "template": {"pt-BR": "Oi {contact}, aqui é {rep}.", "en": "Hi {contact}, {rep} here."},
    "contact": "Maria Souza",
    "account": "Padaria Silva & Filhos",
    "phone": "(92) 99999-1234",
    "email": "maria@padaria.com.br",
    "rep": "Ana",
    "country": "BR",
}


def links(reply):
    return [s.url for s in spans(reply.text) if s.style == "link"]


def test_whatsapp_reminder_has_a_wa_me_link_with_the_filled_template():
    reply = reminder(PAYLOAD, "pt-BR")
    (url,) = links(reply)
    parsed = urlparse(url)
    assert parsed.netloc == "wa.me" and parsed.path == "/5592999991234"
    assert parse_qs(parsed.query)["text"] == ["Oi Maria, aqui é Ana."]
    assert "Passo 5 de 7" in reply.text.replace("passo", "Passo")
    assert reply.private


def test_buttons_are_done_skip_snooze_replied_for_this_step():
    reply = reminder(PAYLOAD, "en")
    assert [b.action for b in reply.buttons] == [
        "step.done",
        "step.skip",
        "step.snooze",
        "step.replied",
    ]
    assert [b.label for b in reply.buttons] == ["Done", "Skip", "Snooze", "Replied"]
    assert all(dict(b.args) == {"enrolment": 7, "step": 4} for b in reply.buttons)


def test_call_reminder_has_a_tel_link():
    reply = reminder({**PAYLOAD, "channel": "call"}, "en")
    assert links(reply) == ["tel:+5592999991234"]


def test_email_reminder_has_mailto_with_subject_and_body():
    reply = reminder({**PAYLOAD, "channel": "email"}, "en")
    (url,) = links(reply)
    parsed = urlparse(url)
    assert parsed.scheme == "mailto" and parsed.path == "maria@padaria.com.br"
    query = parse_qs(parsed.query)
    assert query["subject"] == ["Padaria Silva & Filhos"]
    assert query["body"] == ["Hi Maria, Ana here."]


def test_no_link_without_contact_data():
    reply = reminder({**PAYLOAD, "phone": None}, "en")
    assert links(reply) == []


def test_data_with_markup_characters_is_shown_literally():
    reply = reminder({**PAYLOAD, "contact": "*Zé* [x](y)", "phone": None}, "en")
    assert any(s.text.startswith("*Zé* [x](y)") for s in spans(reply.text))


def test_phone_numbers_become_international_digits():
    assert phone_digits("+351 912 345 678", "BR") == "351912345678"
    assert phone_digits("92 99999-1234", "BR") == "5592999991234"
    assert phone_digits("+55 (11) 3333-4444", "BR") == "551133334444"
    assert phone_digits("123", "BR") is None
