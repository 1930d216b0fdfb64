"""The digest chart: a PNG of open pipeline by stage and the month's forecast against target.

Drawn with Pillow rather than matplotlib: the picture is a handful of horizontal bars, which
Pillow draws in a few milliseconds from one small wheel, while matplotlib would bring numpy
and some 60 MB of install for the same five bars. The price is fonts: Pillow's built-in font
has no accents, so a system TrueType font (DejaVu, Liberation, Noto…) is used when there is
one, and without one the labels are shown with accents folded ("Negociacao") rather than as
empty boxes. The digest text carries the same numbers, so the chart is never the only copy.
"""

from __future__ import annotations

import functools
import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFont

from handlers.kernel.i18n import t
from handlers.reports.deal_metrics import Pipeline

WIDTH = 800
ROW = 34
PAD = 20
LABEL_W = 190
VALUE_W = 130
# Web-safe colours: the PNG is stored with the fixed 216-colour web palette (see _png), so
# these come out exact and the anti-aliased text keeps six grey levels.
BG = (255, 255, 255)
INK = (51, 51, 51)
MUTED = (102, 102, 102)
OPEN = (102, 153, 255)
WEIGHTED = (0, 51, 153)
WON = (0, 153, 51)
FORECAST = (153, 204, 153)
TARGET = (204, 0, 0)


def pipeline_chart(p: Pipeline, locale: str, money: Callable[[float], str]) -> bytes:
    """The PNG bytes: one bar per stage (open amount, weighted part darker), then won and
    weighted forecast against the target line.

    Args:
        p: the team's pipeline and forecast.
        locale: the reader's language, for titles and stage labels.
        money: formats an amount in the reader's locale and the pipeline's currency.
    """
    rows = len(p.stages)
    height = PAD * 2 + 30 + rows * ROW + 30 + 30 + ROW + 24
    img = Image.new("RGB", (WIDTH, height), BG)
    draw = ImageDraw.Draw(img)
    title, text, small = _font(18), _font(14), _font(12)
    bar_x, bar_w = PAD + LABEL_W, WIDTH - PAD * 2 - LABEL_W - VALUE_W
    y = PAD
    _text(draw, (PAD, y), t(locale, "chart.pipeline"), title)
    _legend(
        draw,
        bar_x,
        y + 4,
        [(OPEN, t(locale, "chart.open")), (WEIGHTED, t(locale, "chart.weighted_part"))],
        small,
    )
    y += 30
    top = max((s.amount for s in p.stages), default=0.0) or 1.0
    for s in p.stages:
        _text(draw, (PAD, y + 8), s.stage.label(locale), text)
        _bar(draw, bar_x, y + 6, bar_w * s.amount / top, OPEN)
        _bar(draw, bar_x, y + 6, bar_w * s.weighted / top, WEIGHTED)
        _text(draw, (bar_x + bar_w + 8, y + 8), f"{money(s.amount)} ({s.count})", small)
        y += ROW
    y += 30
    _text(draw, (PAD, y - 28), t(locale, "chart.forecast"), title)
    _forecast(draw, p, locale, money, (bar_x, y, bar_w), (text, small))
    return _png(img)


@dataclass(frozen=True)
class Label:
    """A piece of text placed on the chart (kept apart from drawing so its layout is tested)."""

    x: float
    y: float
    text: str
    colour: tuple[int, int, int]


def forecast_labels(p: Pipeline, locale: str, money, box: tuple[float, float, float]):
    """Where the forecast row's words go, and the target line's x (None without a target).

    The target line is named where it stands ("Meta R$ 900 mil", in its colour, under it);
    the forecast and won amounts are named in a line below the bar. Nothing is written at the
    right end of the bar, where the target line often sits and a bare amount read as the
    target.
    """
    bar_x, y, bar_w = box
    scale = max(p.weighted, p.target or 0.0) or 1.0
    labels = [Label(PAD, y + 8, t(locale, "chart.weighted"), INK)]
    line_x = bar_x + bar_w * p.target / scale if p.target else None
    if line_x is not None:
        tag = f"{t(locale, 'chart.target')} {money(p.target)}"
        labels.append(Label(line_x + 6, y + 8, tag, TARGET))
    else:
        labels.append(Label(bar_x + bar_w + 8, y + 8, t(locale, "chart.no_target"), MUTED))
    amounts = (
        f"{t(locale, 'chart.weighted')} {money(p.weighted)}  ·  "
        f"{t(locale, 'chart.won')} {money(p.won)}"
    )
    labels.append(Label(bar_x, y + ROW + 4, amounts, MUTED))
    return labels, line_x


def _forecast(draw, p: Pipeline, locale, money, box, fonts) -> None:
    bar_x, y, bar_w = box
    text, small = fonts
    scale = max(p.weighted, p.target or 0.0) or 1.0
    _bar(draw, bar_x, y + 6, bar_w * p.weighted / scale, FORECAST)
    _bar(draw, bar_x, y + 6, bar_w * p.won / scale, WON)
    labels, line_x = forecast_labels(p, locale, money, box)
    if line_x is not None:
        draw.line([(line_x, y), (line_x, y + ROW)], fill=TARGET, width=3)
    for label in labels:
        _text(
            draw, (label.x, label.y), label.text, text if label.x == PAD else small, label.colour
        )


def _legend(draw: ImageDraw.ImageDraw, x: float, y: float, items, font) -> None:
    for colour, label in items:
        draw.rectangle([x, y + 2, x + 10, y + 12], fill=colour)
        _text(draw, (x + 14, y), label, font, MUTED)
        x += 14 + draw.textlength(_label(label), font=font) + 16


def _bar(draw: ImageDraw.ImageDraw, x: float, y: float, width: float, color) -> None:
    if width >= 1:
        draw.rectangle([x, y, x + width, y + ROW - 12], fill=color)


# Pillow looks these names up in the system font folders (XDG_DATA_DIRS/fonts on Linux).
FONT_NAMES = (
    "DejaVuSans.ttf",
    "LiberationSans-Regular.ttf",
    "NotoSans-Regular.ttf",
    "FreeSans.ttf",
    "Arial.ttf",
    "arial.ttf",
)


@functools.cache
def system_font() -> str | None:
    """The first system font found; None means Pillow's own font and folded accents."""
    for name in FONT_NAMES:
        try:
            ImageFont.truetype(name, 12)
        except OSError:
            continue
        return name
    return None


@functools.cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    name = system_font()
    return ImageFont.truetype(name, size) if name else ImageFont.load_default(size=size)


def _text(draw: ImageDraw.ImageDraw, xy, text: str, font, fill=INK) -> None:
    draw.text(xy, _label(text), fill=fill, font=font)


def _label(text: str) -> str:
    if system_font():
        return text
    text = text.replace("×", "x").replace("·", "-")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _png(img: Image.Image) -> bytes:
    # Mapping onto the fixed web palette is a table lookup (~2 ms), where an adaptive
    # quantizer takes ~10 ms and an RGB encode ~15 ms; the file is also ~4x smaller. A
    # digest per manager every morning adds up.
    paletted = img.convert("P", palette=Image.Palette.WEB, dither=Image.Dither.NONE)
    buf = io.BytesIO()
    paletted.save(buf, format="PNG")
    return buf.getvalue()
