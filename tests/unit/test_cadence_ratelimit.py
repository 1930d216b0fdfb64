"""Platform limits: never more than 30 Telegram messages in any second, one per chat per second."""

from cadence_jobs.ratelimit import limiter_for


def drive(limiter, chats, until: float) -> list[float]:
    """Send as fast as the limiter allows, round-robin over chats, with a fake clock."""
    now, sent, i = 0.0, [], 0
    while now < until:
        chat = chats[i % len(chats)]
        wait = limiter.delay(chat, now)
        if wait:
            now += wait
            continue
        limiter.record(chat, now)
        sent.append(now)
        i += 1
    return sent


def test_telegram_never_exceeds_thirty_in_any_second_and_sustains_the_rate():
    sent = drive(limiter_for("telegram"), [f"chat{i}" for i in range(100)], until=10.0)
    for k, start in enumerate(sent):
        in_window = [s for s in sent[k : k + 40] if s < start + 1.0]
        assert len(in_window) <= 30
    assert len(sent) >= 27 * 10


def test_one_message_per_second_per_telegram_chat():
    sent = drive(limiter_for("telegram"), ["only"], until=5.0)
    assert all(b - a >= 1.0 for a, b in zip(sent, sent[1:], strict=False))
    assert len(sent) == 5


def test_slack_limits_per_channel_only():
    limiter = limiter_for("slack")
    for i in range(100):
        assert limiter.delay(f"C{i}", 0.0) == 0
        limiter.record(f"C{i}", 0.0)
    assert limiter.delay("C1", 0.5) == 0.5


def test_console_is_unlimited():
    limiter = limiter_for("console")
    limiter.record("x", 0.0)
    assert limiter.delay("x", 0.0) == 0
