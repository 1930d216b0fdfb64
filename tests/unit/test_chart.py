"""The digest chart decodes as a PNG of a size a phone shows well, with the bars drawn."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

from PIL import Image

from handlers.reports import chart, deal_metrics
from storage import metrics as sm

STAGES = [
    sm.Stage("prospecting", 1, "Prospecção", "Prospecting", 0.1),
    sm.Stage("proposal", 2, "Proposta", "Proposal", 0.5),
    sm.Stage("negotiation", 3, "Negociação", "Negotiation", 0.7),
]
CREATED = datetime(2026, 11, 1, tzinfo=UTC)


def _deal(id_: int, stage: str, amount: float, status: str = "open") -> sm.Deal:
    closed = datetime(2026, 11, 10, tzinfo=UTC) if status == "won" else None
    return sm.Deal(
        id_,
        f"D{id_}",
        "Acme",
        1,
        stage,
        amount,
        "BRL",
        status,
        CREATED,
        close_date=date(2026, 11, 28),
        closed_at=closed,
    )


def _decode(data: bytes) -> Image.Image:
    img = Image.open(io.BytesIO(data))
    img.load()
    return img


def _colours(img: Image.Image) -> set[tuple[int, int, int]]:
    return {c for _, c in img.convert("RGB").getcolors(maxcolors=1 << 16)}


def test_chart_is_a_png_of_sensible_size_with_stage_bars_and_target_line():
    deals = [
        _deal(1, "prospecting", 10000),
        _deal(2, "negotiation", 80000),
        _deal(3, "proposal", 5000, "won"),
    ]
    p = deal_metrics.pipeline(deals, STAGES, date(2026, 11, 23), "BRL", target=120000)
    data = chart.pipeline_chart(p, "pt-BR", lambda v: f"R$ {v:,.0f}")
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    img = _decode(data)
    assert img.format == "PNG"
    assert 600 <= img.width <= 1200 and 200 <= img.height <= 800
    assert len(data) < 100_000  # cheap to attach on a phone connection
    colours = _colours(img)
    assert {chart.OPEN, chart.WEIGHTED, chart.WON, chart.FORECAST, chart.TARGET} <= colours


def test_empty_pipeline_without_target_still_draws():
    p = deal_metrics.pipeline([], STAGES, date(2026, 11, 23), "BRL")
    img = _decode(chart.pipeline_chart(p, "en", str))
    assert img.format == "PNG" and img.width >= 600
    counts = {c: n for n, c in img.convert("RGB").getcolors(maxcolors=1 << 16)}
    assert chart.TARGET not in counts
    assert counts.get(chart.OPEN, 0) <= 11 * 11  # only the legend's swatch, no bar


def test_without_a_system_font_labels_lose_accents_not_letters(monkeypatch):
    monkeypatch.setattr(chart, "system_font", lambda: None)
    monkeypatch.setattr(chart, "_font", chart._font.__wrapped__)
    assert chart._label("Negociação × meta · R$\xa01 mil") == "Negociacao x meta - R$ 1 mil"
    p = deal_metrics.pipeline([_deal(1, "negotiation", 1000)], STAGES, date(2026, 11, 23), "BRL")
    assert _decode(chart.pipeline_chart(p, "pt-BR", str)).format == "PNG"


def test_the_forecast_amount_is_named_and_kept_off_the_target_line():
    """The forecast's amount used to sit at the bar's right end, on the target line, and read
    as the target; now the line carries "Meta …" and the amount says it is the forecast."""
    deals = [_deal(1, "negotiation", 80000), _deal(2, "proposal", 5000, "won")]
    p = deal_metrics.pipeline(deals, STAGES, date(2026, 11, 23), "BRL", target=120000)
    money = lambda v: f"R$ {v:,.0f}"  # noqa: E731
    labels, line_x = chart.forecast_labels(p, "pt-BR", money, (210.0, 300.0, 440.0))
    [target] = [lb for lb in labels if money(p.target) in lb.text]
    assert target.text.startswith("Meta") and target.colour == chart.TARGET
    [forecast] = [lb for lb in labels if money(p.weighted) in lb.text]
    assert "Previsão ponderada R$" in forecast.text and forecast.y > 300 + chart.ROW - 12
    beside_line = [
        lb
        for lb in labels
        if lb is not target and abs(lb.x - line_x) < 60 and abs(lb.y - target.y) < 14
    ]
    assert beside_line == []
