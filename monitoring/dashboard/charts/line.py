"""Line charts over periods, with part-year periods drawn apart."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from django.utils.safestring import mark_safe

from .base import (
    DASHES,
    PALETTE,
    Chart,
    Series,
    as_float,
    format_number,
    grid,
    make_chart_id,
    nice_max,
    svg_open,
    value_label,
    wrap,
)

# Layout of a line chart, in SVG units.
WIDTH, LEFT, RIGHT, TOP, BOTTOM = 720, 60, 150, 24, 46
HEIGHT = 300
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
LABEL_CHARS = 18  # characters per line of an end label in the RIGHT margin


@dataclass(frozen=True)
class _Frame:
    """Where the periods go: full periods first, part periods after a gap."""

    full_idx: list[int]
    part_idx: list[int]
    step: float
    xpos: dict[int, float]
    scale_max: float

    @classmethod
    def of(cls, x_labels: list[str], partial: set[str], series: list[Series]) -> _Frame:
        full_idx = [i for i, x in enumerate(x_labels) if x not in partial]
        part_idx = [i for i, x in enumerate(x_labels) if x in partial]
        slots = len(full_idx) + (len(part_idx) + 0.6 if part_idx else 0)
        step = PLOT_W / max(slots, 1)
        xpos = {}
        for n, i in enumerate(full_idx):
            xpos[i] = LEFT + step * (n + 0.5)
        for n, i in enumerate(part_idx):
            xpos[i] = LEFT + step * (len(full_idx) + 0.6 + n + 0.5)
        values = [float(v) for s in series for v in s.values if v is not None]
        return cls(full_idx, part_idx, step, xpos, nice_max(max(values, default=0)))

    def ypos(self, v: float) -> float:
        return TOP + PLOT_H - PLOT_H * v / self.scale_max


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
    # Slightly over 60 lines: the description, table and notes are written out here; the
    # drawing itself is in the helpers below.
    series = list(series)
    partial = set(partial)
    frame = _Frame.of(x_labels, partial, series)
    full_idx, part_idx = frame.full_idx, frame.part_idx
    chart_id = make_chart_id(title, x_labels, [(s.name, s.values) for s in series])
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
    parts = svg_open(chart_id, WIDTH, HEIGHT, title, desc)
    parts += grid(LEFT, TOP, PLOT_W, PLOT_H, frame.scale_max, unit)
    parts += _part_band(frame) + _period_labels(x_labels, frame)
    end_labels = []
    for si, s in enumerate(series):
        marks, last_y = _series_marks(s, si, x_labels, frame, unit)
        parts += marks
        if last_y is not None:
            end_labels.append((last_y, s.name, PALETTE[si % len(PALETTE)]))
    labels, height = _end_labels(end_labels)
    if height > HEIGHT:
        parts[0] = svg_open(chart_id, WIDTH, height, title, desc)[0]
    parts += labels
    parts.append("</svg>")
    columns = [row_header or "Reeks", *[_column_label(x, x in partial) for x in x_labels]]
    rows = [[s.name, *[value_label(s, i, unit) for i in range(len(x_labels))]] for s in series]
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


def _part_band(frame: _Frame) -> list[str]:
    """The shaded band, behind a dashed divider, that holds the part periods."""
    if not frame.part_idx:
        return []
    band_x = LEFT + frame.step * (len(frame.full_idx) + 0.3)
    return [
        f'<rect x="{band_x:.1f}" y="{TOP}" width="{LEFT + PLOT_W - band_x:.1f}" '
        f'height="{PLOT_H}" fill="#f3f3f3"/>'
        f'<line x1="{band_x:.1f}" y1="{TOP - 6}" x2="{band_x:.1f}" y2="{TOP + PLOT_H}" '
        f'stroke="#1a1a1a" stroke-dasharray="4 3"/>'
        f'<text x="{band_x + 4:.1f}" y="{TOP - 8}" fill="#1a1a1a" font-style="italic">'
        "deel van een jaar</text>"
    ]


def _period_labels(x_labels: list[str], frame: _Frame) -> list[str]:
    parts = []
    for i, label in enumerate(x_labels):
        italic = ' font-style="italic"' if i in frame.part_idx else ""
        parts.append(
            f'<text x="{frame.xpos[i]:.1f}" y="{TOP + PLOT_H + 18}" text-anchor="middle" '
            f'fill="#1a1a1a"{italic}>{escape(label)}</text>'
        )
    return parts


def _series_marks(
    s: Series, si: int, x_labels: list[str], frame: _Frame, unit: str
) -> tuple[list[str], float | None]:
    """One series: lines through its full periods (broken at gaps) and a marker per value,
    hollow in part periods. Also returns the height of its last full-period point."""
    colour = PALETTE[si % len(PALETTE)]
    dash = DASHES[si % len(DASHES)]
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    parts = []
    segment: list[str] = []
    segments: list[list[str]] = []
    last_y = None
    for i in frame.full_idx:
        v = as_float(s.values[i])
        if v is None:
            if segment:
                segments.append(segment)
            segment = []
            continue
        segment.append(f"{frame.xpos[i]:.1f},{frame.ypos(v):.1f}")
        last_y = frame.ypos(v)
    if segment:
        segments.append(segment)
    for seg in segments:
        if len(seg) > 1:
            parts.append(
                f'<polyline points="{" ".join(seg)}" fill="none" stroke="{colour}" '
                f'stroke-width="2.5"{dash_attr}/>'
            )
    for i in frame.full_idx + frame.part_idx:
        v = as_float(s.values[i])
        if v is None:
            continue
        hollow = i in frame.part_idx
        parts.append(
            f'<circle cx="{frame.xpos[i]:.1f}" cy="{frame.ypos(v):.1f}" r="4" '
            f'fill="{"#fff" if hollow else colour}" stroke="{colour}" stroke-width="2">'
            f"<title>{escape(s.name)}, {escape(x_labels[i])}: {escape(value_label(s, i, unit))}"
            f"{' (deel van een jaar)' if hollow else ''}</title></circle>"
        )
    return parts, last_y


def _end_labels(labels: list[tuple[float, str, str]]) -> tuple[list[str], int]:
    """Direct labels at the end of each line, wrapped (never cut off) and pushed apart so
    they do not overlap; and the height the chart needs for them."""
    ordered = sorted(labels)
    wrapped = [wrap(name, LABEL_CHARS) for _y, name, _colour in ordered]
    ys = [y for y, _name, _colour in ordered]
    for n in range(1, len(ys)):
        needed = 13 * len(wrapped[n - 1])
        if ys[n] - ys[n - 1] < needed:
            ys[n] = ys[n - 1] + needed
    height = HEIGHT
    if ys:
        bottom = ys[-1] + 13 * (len(wrapped[-1]) - 1) + 10
        if bottom > height:
            height = int(bottom) + 2
    label_x = LEFT + PLOT_W + 8
    parts = []
    for y, (_y, _name, colour), lines in zip(ys, ordered, wrapped, strict=True):
        first, rest = lines[0], lines[1:]
        parts.append(
            f'<text x="{label_x}" y="{y + 4:.1f}" fill="#1a1a1a">'
            f'<tspan fill="{colour}" font-weight="700">— </tspan>{escape(first)}'
            + "".join(f'<tspan x="{label_x + 14}" dy="13">{escape(line)}</tspan>' for line in rest)
            + "</text>"
        )
    return parts, height


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
