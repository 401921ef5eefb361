"""Horizontal grouped bar charts."""

from __future__ import annotations

from html import escape

from django.utils.safestring import SafeString, mark_safe

from .base import (
    PALETTE,
    Chart,
    Series,
    as_float,
    format_number,
    make_chart_id,
    nice_max,
    svg_open,
    tspans,
    value_label,
    wrap,
)

# Layout of a bar chart, in SVG units.
WIDTH, LEFT, RIGHT, TOP = 720, 270, 90, 36
BAR_H, GAP = 16, 12
PLOT_W = WIDTH - LEFT - RIGHT
LABEL_CHARS = 36  # characters per line of a category label in the LEFT margin

# The phone layout (`Chart.svg_narrow`): each category's label on its own line(s) above its
# bars, which use the whole width; drawn at about its own width, so text stays >= 12 px.
NARROW_WIDTH, NARROW_FONT = 340, 13
NARROW_BAR_H, NARROW_GAP, NARROW_LINE = 18, 14, 16
NARROW_VALUE_W = 96  # room right of the longest bar for its value ("€ 476.712,50")
NARROW_LABEL_CHARS = 40


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
    legend, legend_h = _legend(series) if len(series) > 1 else ([], 0)
    top = TOP + legend_h
    labels = [wrap(category, LABEL_CHARS) for category in categories]
    heights = [max(BAR_H * len(series), 13 * len(lines)) + GAP for lines in labels]
    offsets = [top + sum(heights[:i]) for i in range(len(categories))]
    height = top + sum(heights or [BAR_H + GAP]) + 10
    values = [float(v) for s in series for v in s.values if v is not None]
    scale_max = max_value if max_value is not None else nice_max(max(values, default=0))
    chart_id = make_chart_id(title, categories, [(s.name, s.values) for s in series])
    desc = description or (
        f"Staafdiagram met {len(categories)} categorieën"
        + (f" en de reeksen {', '.join(s.name for s in series)}." if len(series) > 1 else ".")
        + " De cijfers staan ook in de tabel bij de grafiek."
    )
    parts = svg_open(chart_id, WIDTH, height, title, desc)
    parts += legend
    parts.append(
        f'<line x1="{LEFT}" y1="{top - 4}" x2="{LEFT}" y2="{height - 8}" stroke="#1a1a1a"/>'
    )
    for ci, lines in enumerate(labels):
        parts += _group(lines, ci, offsets[ci], heights[ci] - GAP, series, scale_max, unit)
    parts.append("</svg>")
    columns = [category_header or "Categorie", *[s.name for s in series]]
    rows = [
        [category, *[value_label(s, ci, unit) for s in series]]
        for ci, category in enumerate(categories)
    ]
    return Chart(
        title=title,
        svg=mark_safe("".join(parts)),  # noqa: S308 - every text above is escaped
        table_columns=columns,
        table_rows=rows,
        summary=summary or _bar_summary(categories, series, unit),
        description=desc,
        table_footer=footer,
        svg_narrow=_narrow(chart_id, title, desc, categories, series, scale_max, unit),
    )


def _narrow(
    chart_id: str,
    title: str,
    desc: str,
    categories: list[str],
    series: list[Series],
    scale_max: float,
    unit: str,
) -> SafeString:
    plot_w = NARROW_WIDTH - NARROW_VALUE_W
    parts: list[str] = []
    y = 4.0
    if len(series) > 1:
        for si, s in enumerate(series):
            lines = wrap(s.name, NARROW_LABEL_CHARS - 4)
            parts.append(
                f'<rect x="0" y="{y + 2}" width="14" height="14" '
                f'fill="{PALETTE[si % len(PALETTE)]}" {_pattern_attr(si)}/>'
                f'<text x="20" y="{y + 14}" fill="#1a1a1a">{tspans(lines, 20, NARROW_LINE)}</text>'
            )
            y += NARROW_LINE * len(lines) + 4
        y += 8
    for ci, category in enumerate(categories):
        lines = wrap(category, NARROW_LABEL_CHARS)
        parts.append(
            f'<text x="0" y="{y + 13}" fill="#1a1a1a" font-weight="600">'
            f"{tspans(lines, 0, NARROW_LINE)}</text>"
        )
        y += NARROW_LINE * len(lines) + 4
        # The zero line of this category's bars, so a bar of 0 still shows where it starts.
        parts.append(
            f'<line x1="0.5" y1="{y}" x2="0.5" y2="{y + NARROW_BAR_H * len(series)}" '
            'stroke="#1a1a1a"/>'
        )
        for si, s in enumerate(series):
            value = as_float(s.values[ci])
            label = escape(value_label(s, ci, unit))
            if value is None:
                parts.append(
                    f'<text x="4" y="{y + NARROW_BAR_H - 4}" fill="#4a4a4a">{label}</text>'
                )
            else:
                w = 0 if scale_max == 0 else max(plot_w * min(value, scale_max) / scale_max, 0)
                parts.append(
                    f'<rect x="1" y="{y + 1}" width="{w:.1f}" height="{NARROW_BAR_H - 2}" '
                    f'fill="{PALETTE[si % len(PALETTE)]}" {_pattern_attr(si)}/>'
                    f'<text x="{w + 5:.1f}" y="{y + NARROW_BAR_H - 4}" fill="#1a1a1a">'
                    f"{label}</text>"
                )
            y += NARROW_BAR_H
        y += NARROW_GAP
    height = int(y) + 2
    head = svg_open(f"{chart_id}-smal", NARROW_WIDTH, height, title, desc, font_size=NARROW_FONT)
    return mark_safe("".join([*head, *parts, "</svg>"]))  # noqa: S308 - texts are escaped


def _legend(series: list[Series]) -> tuple[list[str], int]:
    """A legend with text, for more than one series; items go to a next row rather than
    past the edge, so no name is cut off. Returns the parts and the extra height used."""
    parts = []
    x, row = LEFT, 0
    for si, s in enumerate(series):
        colour = PALETTE[si % len(PALETTE)]
        item_w = 24 + 7 * len(s.name)
        if x > LEFT and x + item_w > WIDTH:
            x, row = LEFT, row + 1
        y = 8 + 18 * row
        parts.append(
            f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colour}" '
            f'{_pattern_attr(si)}/><text x="{x + 16}" y="{y + 10}" fill="#1a1a1a">'
            f"{escape(s.name)}</text>"
        )
        x += item_w
    return parts, 18 * row


def _group(
    lines: list[str],
    ci: int,
    y0: float,
    inner_h: float,
    series: list[Series],
    scale_max: float,
    unit: str,
) -> list[str]:
    """One category: its label (wrapped, never cut off) and a bar (or the reason there is
    none) per series."""
    first_y = y0 + inner_h / 2 + 4 - 6 * (len(lines) - 1)
    parts = [
        f'<text x="{LEFT - 8}" y="{first_y:.1f}" text-anchor="end" fill="#1a1a1a">'
        f"{tspans(lines, LEFT - 8, 12)}</text>"
    ]
    for si, s in enumerate(series):
        value = as_float(s.values[ci])
        y = y0 + si * BAR_H
        colour = PALETTE[si % len(PALETTE)]
        if value is None:
            parts.append(
                f'<text x="{LEFT + 4}" y="{y + BAR_H - 4}" fill="#4a4a4a">'
                f"{escape(value_label(s, ci, unit))}</text>"
            )
            continue
        w = 0 if scale_max == 0 else max(PLOT_W * min(value, scale_max) / scale_max, 0)
        parts.append(
            f'<rect x="{LEFT}" y="{y + 1}" width="{w:.1f}" height="{BAR_H - 2}" '
            f'fill="{colour}" {_pattern_attr(si)}><title>{escape(s.name)}: '
            f"{escape(value_label(s, ci, unit))}</title></rect>"
        )
        parts.append(
            f'<text x="{LEFT + w + 4:.1f}" y="{y + BAR_H - 4}" fill="#1a1a1a">'
            f"{escape(value_label(s, ci, unit))}</text>"
        )
    return parts


def _pattern_attr(index: int) -> str:
    # Second and later series get an outline, so bars differ by more than colour.
    return "" if index == 0 else 'stroke="#1a1a1a" stroke-width="1"'


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
