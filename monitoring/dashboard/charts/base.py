"""What every chart shares: the series, the chart, Dutch numbers and the SVG frame."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape

from django.utils.formats import number_format
from django.utils.safestring import SafeString

# Colours with at least 3:1 contrast on white; every series also has its own marker or
# dash pattern and a text label, so colour is never the only cue.
PALETTE = ["#154273", "#b3261e", "#2e7d32", "#7a4a00", "#5b2a86", "#006b6b", "#4a4a4a", "#8a1c5a"]
DASHES = ["", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 4", "12 2 2 2"]
FONT = 'font-family="Segoe UI, Helvetica Neue, Arial, Liberation Sans, sans-serif"'


@dataclass(frozen=True)
class Series:
    name: str
    values: list  # numbers (int, float, Decimal) or None
    labels: list | None = None  # optional display text per value, for the table
    # Per value, the change since the previous value as its source states it (percent), or
    # None: the summary shows it beside the computed change where the two differ.
    stated: list | None = None


@dataclass(frozen=True)
class Chart:
    title: str
    svg: SafeString
    table_columns: list[str]
    table_rows: list[list[str]]
    summary: str
    description: str = ""
    notes: list[str] = field(default_factory=list)
    table_footer: list[str] | None = None  # e.g. a totals row, shown in <tfoot>
    # The same chart laid out for a phone: about as wide in SVG units as on the screen, so
    # its text is not scaled below 12 px (the page shows it instead of `svg` when narrow).
    svg_narrow: SafeString | str = ""

    def __html__(self):
        return self.svg


def format_number(value: object, unit: str = "") -> str:
    """Dutch notation through Django's number formatting: 1.139, 12,5 and € 8.712,50.

    Whole numbers have no decimals; other numbers one decimal, money two (as the `euro`
    filter shows amounts elsewhere in the portal); a unit of % is appended without a space.
    """
    if value is None:
        return "–"
    number = Decimal(str(value))
    if number == number.to_integral_value():
        places = 0
    else:
        places = 2 if unit == "€" else 1
        number = number.quantize(Decimal(1).scaleb(-places))
    text = str(number_format(number, decimal_pos=places, force_grouping=True))
    if unit == "%":
        return f"{text}%"
    if unit == "€":
        return f"€ {text}"
    return text


def value_label(series: Series, i: int, unit: str) -> str:
    if series.labels is not None and series.labels[i] not in (None, ""):
        return str(series.labels[i])
    return format_number(series.values[i], unit)


def as_float(value) -> float | None:
    return None if value is None else float(value)


def make_chart_id(title: str, *parts) -> str:
    digest = hashlib.sha1(repr((title, parts)).encode()).hexdigest()[:8]
    return f"grafiek-{digest}"


def nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def svg_open(
    chart_id: str, width: int, height: int, title: str, desc: str, font_size: int = 12
) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{chart_id}-titel {chart_id}-beschrijving" {FONT} '
        f'font-size="{font_size}">',
        f'<title id="{chart_id}-titel">{escape(title)}</title>',
        f'<desc id="{chart_id}-beschrijving">{escape(desc)}</desc>',
    ]


def grid(left, top, plot_w, plot_h, max_value, unit) -> list[str]:
    parts = []
    for i in range(5):
        v = max_value * i / 4
        y = top + plot_h - plot_h * i / 4
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
            f'stroke="#d0d0d0" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#1a1a1a">'
            f"{escape(format_number(round(v, 1), unit))}</text>"
        )
    return parts


def truncate(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def wrap(text: str, width: int) -> list[str]:
    """Split a label into lines of at most `width` characters, at spaces (and after a
    hyphen when a word is too long), so chart labels and legends are never cut off."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        while len(word) > width:
            cut = word.rfind("-", 0, width) + 1 or width
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:cut])
            word = word[cut:]
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines or [""]


def tspans(lines: list[str], x: float, line_height: int = 12) -> str:
    """Lines of a wrapped label as <tspan>s under each other (escaped)."""
    return "".join(
        f'<tspan x="{x}" dy="{0 if i == 0 else line_height}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
