"""Charts drawn on the server as SVG: the same markup serves the web page and the PDF report.

Pure Python, no JavaScript, no external libraries. The stable API:

    chart = bar_chart("Voortgang per actielijn", ["Eerder in beeld", ...],
                      [Series("Voortgang (%)", [40, 75])], unit="%", max_value=100)
    chart = line_chart("Incidenten", ["2017", "2018", "2019", "t/m mei 2020"],
                       [Series("Zaanstad", [487, 517, 667, 272])], partial={"t/m mei 2020"})

A `Chart` has
- `svg`: markup with role="img", <title> and <desc> (safe to output in a template or PDF);
- `table_columns` and `table_rows`: the numbers as a table (row[0] is the row header);
- `summary`: one Dutch sentence describing the chart.

`Series.labels` may override how a value is shown in the table (for instance "<5" for a
suppressed count); a value of None is not drawn (a gap), and its label is shown in the table.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import Decimal
from html import escape

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe

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


def _label(series: Series, i: int, unit: str) -> str:
    if series.labels is not None and series.labels[i] not in (None, ""):
        return str(series.labels[i])
    return format_number(series.values[i], unit)


def _num(value) -> float | None:
    return None if value is None else float(value)


def _chart_id(title: str, *parts) -> str:
    digest = hashlib.sha1(repr((title, parts)).encode()).hexdigest()[:8]
    return f"grafiek-{digest}"


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _svg_open(chart_id: str, width: int, height: int, title: str, desc: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'aria-labelledby="{chart_id}-titel {chart_id}-beschrijving" {FONT} font-size="12">',
        f'<title id="{chart_id}-titel">{escape(title)}</title>',
        f'<desc id="{chart_id}-beschrijving">{escape(desc)}</desc>',
    ]


def _grid(left, top, plot_w, plot_h, max_value, unit) -> list[str]:
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


def bar_chart(
    title: str,
    categories: list[str],
    series: list[Series],
    *,
    unit: str = "",
    max_value: float | None = None,
    description: str = "",
    summary: str | None = None,
    category_header: str = "",
    footer: list[str] | None = None,
) -> Chart:
    """Horizontal grouped bars: one group per category, one bar per series, value printed.

    `footer` is an optional last table row, such as computed totals.
    """
    series = list(series)
    width, left, right, top = 720, 270, 90, 36
    bar_h, gap = 16, 12
    group_h = bar_h * len(series) + gap
    plot_w = width - left - right
    height = top + group_h * max(len(categories), 1) + 10
    values = [float(v) for s in series for v in s.values if v is not None]
    scale_max = max_value if max_value is not None else _nice_max(max(values, default=0))
    chart_id = _chart_id(title, categories, [(s.name, s.values) for s in series])
    desc = description or (
        f"Staafdiagram met {len(categories)} categorieën"
        + (f" en de reeksen {', '.join(s.name for s in series)}." if len(series) > 1 else ".")
        + " De cijfers staan ook in de tabel bij de grafiek."
    )
    parts = _svg_open(chart_id, width, height, title, desc)
    if len(series) > 1:  # legend with text
        x = left
        for si, s in enumerate(series):
            colour = PALETTE[si % len(PALETTE)]
            parts.append(
                f'<rect x="{x}" y="8" width="12" height="12" fill="{colour}" '
                f'{_pattern_attr(si)}/><text x="{x + 16}" y="18" fill="#1a1a1a">'
                f"{escape(s.name)}</text>"
            )
            x += 24 + 7 * len(s.name)
    parts.append(
        f'<line x1="{left}" y1="{top - 4}" x2="{left}" y2="{height - 8}" stroke="#1a1a1a"/>'
    )
    for ci, category in enumerate(categories):
        y0 = top + ci * group_h
        parts.append(
            f'<text x="{left - 8}" y="{y0 + (bar_h * len(series)) / 2 + 4:.1f}" '
            f'text-anchor="end" fill="#1a1a1a">{escape(_truncate(category, 42))}</text>'
        )
        for si, s in enumerate(series):
            value = _num(s.values[ci])
            y = y0 + si * bar_h
            colour = PALETTE[si % len(PALETTE)]
            if value is None:
                parts.append(
                    f'<text x="{left + 4}" y="{y + bar_h - 4}" fill="#4a4a4a">'
                    f"{escape(_label(s, ci, unit))}</text>"
                )
                continue
            w = 0 if scale_max == 0 else max(plot_w * min(value, scale_max) / scale_max, 0)
            parts.append(
                f'<rect x="{left}" y="{y + 1}" width="{w:.1f}" height="{bar_h - 2}" '
                f'fill="{colour}" {_pattern_attr(si)}><title>{escape(s.name)}: '
                f"{escape(_label(s, ci, unit))}</title></rect>"
            )
            parts.append(
                f'<text x="{left + w + 4:.1f}" y="{y + bar_h - 4}" fill="#1a1a1a">'
                f"{escape(_label(s, ci, unit))}</text>"
            )
    parts.append("</svg>")
    columns = [category_header or "Categorie", *[s.name for s in series]]
    rows = [
        [category, *[_label(s, ci, unit) for s in series]] for ci, category in enumerate(categories)
    ]
    return Chart(
        title=title,
        svg=mark_safe("".join(parts)),  # noqa: S308 - every text above is escaped
        table_columns=columns,
        table_rows=rows,
        summary=summary or _bar_summary(categories, series, unit),
        description=desc,
        table_footer=footer,
    )


def _pattern_attr(index: int) -> str:
    # Second and later series get an outline, so bars differ by more than colour.
    return "" if index == 0 else 'stroke="#1a1a1a" stroke-width="1"'


def _truncate(text: str, length: int) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def _bar_summary(categories, series, unit) -> str:
    if not categories or not series:
        return "Er zijn geen gegevens om te tonen."
    first = series[0]
    known = [(c, float(v)) for c, v in zip(categories, first.values, strict=True) if v is not None]
    if not known:
        return "Er zijn geen getoonde waarden."
    high = max(known, key=lambda cv: cv[1])
    low = min(known, key=lambda cv: cv[1])
    name = f"{first.name}: " if len(series) > 1 else ""
    if high == low:
        return f"{name}{high[0]} heeft {format_number(high[1], unit)}."
    text = (
        f"het hoogst is {high[0]} met {format_number(high[1], unit)}, "
        f"het laagst {low[0]} met {format_number(low[1], unit)}."
    )
    return f"{name}{text}" if name else text[0].upper() + text[1:]


def line_chart(
    title: str,
    x_labels: list[str],
    series: list[Series],
    *,
    partial: set[str] | frozenset[str] | tuple = (),
    unit: str = "",
    description: str = "",
    summary: str | None = None,
    row_header: str = "",
) -> Chart:
    """Lines over comparable periods; periods in `partial` (a part of a year) are drawn apart.

    A part period is placed after a dashed divider in a shaded band labelled "deel van een
    jaar", with hollow markers that are never joined to the line of the full periods.
    """
    series = list(series)
    partial = set(partial)
    full_idx = [i for i, x in enumerate(x_labels) if x not in partial]
    part_idx = [i for i, x in enumerate(x_labels) if x in partial]
    width, left, right, top, bottom = 720, 60, 150, 24, 46
    height = 300
    plot_w, plot_h = width - left - right, height - top - bottom
    slots = len(full_idx) + (len(part_idx) + 0.6 if part_idx else 0)
    step = plot_w / max(slots, 1)
    xpos = {}
    for n, i in enumerate(full_idx):
        xpos[i] = left + step * (n + 0.5)
    for n, i in enumerate(part_idx):
        xpos[i] = left + step * (len(full_idx) + 0.6 + n + 0.5)
    values = [float(v) for s in series for v in s.values if v is not None]
    scale_max = _nice_max(max(values, default=0))

    def ypos(v):
        return top + plot_h - plot_h * v / scale_max

    chart_id = _chart_id(title, x_labels, [(s.name, s.values) for s in series])
    desc = description or (
        f"Lijndiagram over {', '.join(x_labels[i] for i in full_idx)}"
        + (
            f"; {', '.join(x_labels[i] for i in part_idx)} is een deel van een jaar en staat "
            "apart, niet verbonden met de lijn"
            if part_idx
            else ""
        )
        + ". De cijfers staan ook in de tabel bij de grafiek."
    )
    parts = _svg_open(chart_id, width, height, title, desc)
    parts += _grid(left, top, plot_w, plot_h, scale_max, unit)
    if part_idx:
        band_x = left + step * (len(full_idx) + 0.3)
        parts.append(
            f'<rect x="{band_x:.1f}" y="{top}" width="{left + plot_w - band_x:.1f}" '
            f'height="{plot_h}" fill="#f3f3f3"/>'
            f'<line x1="{band_x:.1f}" y1="{top - 6}" x2="{band_x:.1f}" y2="{top + plot_h}" '
            f'stroke="#1a1a1a" stroke-dasharray="4 3"/>'
            f'<text x="{band_x + 4:.1f}" y="{top - 8}" fill="#1a1a1a" font-style="italic">'
            "deel van een jaar</text>"
        )
    for i, label in enumerate(x_labels):
        italic = ' font-style="italic"' if i in part_idx else ""
        parts.append(
            f'<text x="{xpos[i]:.1f}" y="{top + plot_h + 18}" text-anchor="middle" '
            f'fill="#1a1a1a"{italic}>{escape(label)}</text>'
        )
    end_labels = []
    for si, s in enumerate(series):
        colour = PALETTE[si % len(PALETTE)]
        dash = DASHES[si % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        segment: list[str] = []
        segments: list[list[str]] = []
        last_point = None
        for i in full_idx:
            v = _num(s.values[i])
            if v is None:
                if segment:
                    segments.append(segment)
                segment = []
                continue
            segment.append(f"{xpos[i]:.1f},{ypos(v):.1f}")
            last_point = (xpos[i], ypos(v))
        if segment:
            segments.append(segment)
        for seg in segments:
            if len(seg) > 1:
                parts.append(
                    f'<polyline points="{" ".join(seg)}" fill="none" stroke="{colour}" '
                    f'stroke-width="2.5"{dash_attr}/>'
                )
        for i in full_idx + part_idx:
            v = _num(s.values[i])
            if v is None:
                continue
            hollow = i in part_idx
            parts.append(
                f'<circle cx="{xpos[i]:.1f}" cy="{ypos(v):.1f}" r="4" '
                f'fill="{"#fff" if hollow else colour}" stroke="{colour}" stroke-width="2">'
                f"<title>{escape(s.name)}, {escape(x_labels[i])}: {escape(_label(s, i, unit))}"
                f"{' (deel van een jaar)' if hollow else ''}</title></circle>"
            )
        if last_point:
            end_labels.append([last_point[1], s.name, colour])
    # Direct labels at the end of each line, pushed apart so they do not overlap.
    end_labels.sort()
    for n in range(1, len(end_labels)):
        if end_labels[n][0] - end_labels[n - 1][0] < 13:
            end_labels[n][0] = end_labels[n - 1][0] + 13
    label_x = left + plot_w + 8
    if end_labels and end_labels[-1][0] + 10 > height:
        height = int(end_labels[-1][0]) + 12
        parts[0] = _svg_open(chart_id, width, height, title, desc)[0]
    for y, name, colour in end_labels:
        parts.append(
            f'<text x="{label_x}" y="{y + 4:.1f}" fill="#1a1a1a">'
            f'<tspan fill="{colour}" font-weight="700">— </tspan>{escape(_truncate(name, 18))}'
            "</text>"
        )
    parts.append("</svg>")
    columns = [row_header or "Reeks", *[_column_label(x, x in partial) for x in x_labels]]
    rows = [[s.name, *[_label(s, i, unit) for i in range(len(x_labels))]] for s in series]
    notes = (
        [
            f"{', '.join(x_labels[i] for i in part_idx)}: deel van een jaar, niet te vergelijken "
            "met een heel jaar."
        ]
        if part_idx
        else []
    )
    return Chart(
        title=title,
        svg=mark_safe("".join(parts)),  # noqa: S308 - every text above is escaped
        table_columns=columns,
        table_rows=rows,
        summary=summary or _line_summary(x_labels, series, full_idx, part_idx, unit),
        description=desc,
        notes=notes,
    )


def _column_label(label: str, is_partial: bool) -> str:
    return f"{label} (deel van een jaar)" if is_partial else label


def _line_summary(x_labels, series, full_idx, part_idx, unit) -> str:
    if not series:
        return "Er zijn geen gegevens om te tonen."
    s = series[-1] if len(series) > 1 and series[-1].name.startswith("Regio") else series[0]
    known = [(x_labels[i], float(s.values[i])) for i in full_idx if s.values[i] is not None]
    tail = (
        f"; {', '.join(x_labels[i] for i in part_idx)} is een deel van een jaar en is niet "
        "met de hele jaren vergeleken"
        if part_idx
        else ""
    )
    if len(known) < 2:
        return f"{s.name}: te weinig hele perioden om een ontwikkeling te beschrijven{tail}."
    (first_x, first_v), (last_x, last_v) = known[0], known[-1]
    if last_v > first_v:
        trend = "gestegen"
    elif last_v < first_v:
        trend = "gedaald"
    else:
        trend = "gelijk gebleven"
    change = ""
    if first_v and trend != "gelijk gebleven":
        pct = round((last_v - first_v) / first_v * 100)
        change = f" ({'+' if pct > 0 else ''}{pct}%)"
    return (
        f"{s.name}: {trend} van {format_number(first_v, unit)} in {first_x} naar "
        f"{format_number(last_v, unit)} in {last_x}{change}{tail}."
    )
