"""Horizontal grouped bar charts."""

from __future__ import annotations

from html import escape

from django.utils.safestring import mark_safe

from .base import (
    PALETTE,
    Chart,
    Series,
    as_float,
    format_number,
    make_chart_id,
    nice_max,
    svg_open,
    truncate,
    value_label,
)

# Layout of a bar chart, in SVG units.
WIDTH, LEFT, RIGHT, TOP = 720, 270, 90, 36
BAR_H, GAP = 16, 12
PLOT_W = WIDTH - LEFT - RIGHT


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
    group_h = BAR_H * len(series) + GAP
    height = TOP + group_h * max(len(categories), 1) + 10
    values = [float(v) for s in series for v in s.values if v is not None]
    scale_max = max_value if max_value is not None else nice_max(max(values, default=0))
    chart_id = make_chart_id(title, categories, [(s.name, s.values) for s in series])
    desc = description or (
        f"Staafdiagram met {len(categories)} categorieën"
        + (f" en de reeksen {', '.join(s.name for s in series)}." if len(series) > 1 else ".")
        + " De cijfers staan ook in de tabel bij de grafiek."
    )
    parts = svg_open(chart_id, WIDTH, height, title, desc)
    if len(series) > 1:
        parts += _legend(series)
    parts.append(
        f'<line x1="{LEFT}" y1="{TOP - 4}" x2="{LEFT}" y2="{height - 8}" stroke="#1a1a1a"/>'
    )
    for ci, category in enumerate(categories):
        parts += _group(category, ci, TOP + ci * group_h, series, scale_max, unit)
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
    )


def _legend(series: list[Series]) -> list[str]:
    """A legend with text, for more than one series."""
    parts = []
    x = LEFT
    for si, s in enumerate(series):
        colour = PALETTE[si % len(PALETTE)]
        parts.append(
            f'<rect x="{x}" y="8" width="12" height="12" fill="{colour}" '
            f'{_pattern_attr(si)}/><text x="{x + 16}" y="18" fill="#1a1a1a">'
            f"{escape(s.name)}</text>"
        )
        x += 24 + 7 * len(s.name)
    return parts


def _group(
    category: str, ci: int, y0: int, series: list[Series], scale_max: float, unit: str
) -> list[str]:
    """One category: its label and a bar (or the reason there is none) per series."""
    parts = [
        f'<text x="{LEFT - 8}" y="{y0 + (BAR_H * len(series)) / 2 + 4:.1f}" '
        f'text-anchor="end" fill="#1a1a1a">{escape(truncate(category, 42))}</text>'
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
