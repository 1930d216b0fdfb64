"""One codec between replies and outbox JSON: what a producer queues is what the person sees."""

import json

from handlers.kernel import outbox_codec
from handlers.kernel.messages import Button, Image, Reply


def test_a_queued_reply_comes_back_with_every_button_field_and_its_chart() -> None:
    reply = Reply(
        "*Resumo*",
        buttons=(
            Button("Feito", "step.done", {"enrolment": 7, "step": 1}, style="primary"),
            Button("Apagar", "forget.me", {}, style="danger", confirm="Tem certeza?", token="t1"),
        ),
        choices=(Button("Acme", "pick", {"id": 3}),),
        image=Image(b"\x89PNG...", "digest.png", "gráfico"),
        private=True,
    )
    stored = json.loads(json.dumps(outbox_codec.payload([reply])))  # what the outbox row holds

    assert outbox_codec.decode(stored) == [reply]


def test_a_reply_written_by_hand_without_private_is_private() -> None:
    """Agendas and alerts queued before the codec existed carry only their text."""
    (reply,) = outbox_codec.decode({"replies": [{"text": "bom dia"}]})

    assert reply == Reply("bom dia", private=True)
