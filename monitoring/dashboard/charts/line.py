"""Line charts over periods, with part-year periods drawn apart."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

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
    tspans,
    value_label,
    wrap,
)

# Layout of a line chart, in SVG units.
WIDTH, LEFT, RIGHT, TOP, BOTTOM = 720, 60, 150, 24, 46
HEIGHT = 300
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
LABEL_CHARS = 18  # characters per line of an end label in the RIGHT margin


@dataclass(frozen=True)
class _Layout:
    left: int
    top: int
    plot_w: int
    plot_h: int


WIDE = _Layout(LEFT, TOP, PLOT_W, PLOT_H)
# The phone layout (`Chart.svg_narrow`): drawn at about its own width on a phone, so its text
# stays at least 12 px; the series are named in a legend under the plot, not at line ends.
NARROW_WIDTH, NARROW_FONT = 340, 13
NARROW = _Layout(left=46, top=30, plot_w=NARROW_WIDTH - 46 - 14, plot_h=190)
NARROW_CHAR_W = 7.4  # an upper bound of a character's width at NARROW_FONT, in SVG units
NARROW_LEGEND_CHARS = 38
NARROW_MAX_SERIES = 3  # more lines than this with a total: the phone chart draws the total


@dataclass(frozen=True)
class _Frame:
    """Where the periods go: full periods first, part periods after a gap."""

    full_idx: list[int]
    part_idx: list[int]
    step: float
    xpos: dict[int, float]
    scale_max: float
    layout: _Layout = WIDE

    @classmethod
    def of(
        cls, x_labels: list[str], partial: set[str], series: list[Series], layout: _Layout = WIDE
    ) -> _Frame:
        full_idx = [i for i, x in enumerate(x_labels) if x not in partial]
        part_idx = [i for i, x in enumerate(x_labels) if x in partial]
        slots = len(full_idx) + (len(part_idx) + 0.6 if part_idx else 0)
        step = layout.plot_w / max(slots, 1)
        xpos = {}
        for n, i in enumerate(full_idx):
            xpos[i] = layout.left + step * (n + 0.5)
        for n, i in enumerate(part_idx):
            xpos[i] = layout.left + step * (len(full_idx) + 0.6 + n + 0.5)
        values = [float(v) for s in series for v in s.values if v is not None]
        return cls(full_idx, part_idx, step, xpos, nice_max(max(values, default=0)), layout)

    def ypos(self, v: float) -> float:
        lay = self.layout
        return lay.top + lay.plot_h - lay.plot_h * v / self.scale_max


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
    total_last: bool = False,
) -> Chart:
    """Lines over comparable periods; periods in `partial` (a part of a year) are drawn apart.

    A part period is placed after a dashed divider in a shaded band labelled "deel van een
    jaar", with hollow markers that are never joined to the line of the full periods.
    `total_last`: the last series is the total of the others (a region's municipalities).
    Of more series than there are line styles (`PALETTE`), the chart then draws the total
    alone (two lines would look the same), the phone chart already of more than
    `NARROW_MAX_SERIES`; the table holds every series.
    """
    # Slightly over 60 lines: the description, table and notes are written out here; the
    # drawing itself is in the helpers below.
    series = list(series)
    partial = set(partial)
    drawn, left_out = _drawn(series, total_last, len(PALETTE))
    frame = _Frame.of(x_labels, partial, [s for _si, s in drawn])
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
    if left_out:
        desc += f" De grafiek toont alleen het totaal; de {left_out} gemeenten staan in de tabel."
    parts = svg_open(chart_id, WIDTH, HEIGHT, title, desc)
    parts += grid(LEFT, TOP, PLOT_W, PLOT_H, frame.scale_max, unit)
    parts += _part_band(frame) + _period_labels(x_labels, frame)
    end_labels = []
    for si, s in drawn:
        marks, last_y = _series_marks(s, si, x_labels, frame, unit, chart_id)
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
    if left_out:
        notes.append(
            f"De grafiek toont alleen het totaal: de lijnen van {left_out} gemeenten zijn niet "
            "uit elkaar te houden. Hun cijfers staan in de tabel; kies een gemeente om haar lijn "
            "te zien."
        )
    return Chart(
        title=title,
        svg=mark_safe("".join(parts)),  # noqa: S308 - every text above is escaped
        table_columns=columns,
        table_rows=rows,
        summary=summary or _line_summary(x_labels, series, full_idx, part_idx, unit),
        description=desc,
        notes=notes,
        svg_narrow=_narrow(chart_id, title, desc, x_labels, partial, series, unit, total_last),
    )


def _drawn(
    series: list[Series], total_last: bool, limit: int
) -> tuple[list[tuple[int, Series]], int]:
    """The series a chart draws, each with its style index, and how many it leaves out:
    all of them, or of more than `limit` with a total the total alone (in the first style)."""
    if total_last and len(series) > limit:
        return [(0, series[-1])], len(series) - 1
    return list(enumerate(series)), 0


def _narrow(
    chart_id: str,
    title: str,
    desc: str,
    x_labels: list[str],
    partial: set[str],
    series: list[Series],
    unit: str,
    total_last: bool = False,
) -> SafeString:
    """The same lines for a phone: fewer, larger texts; period labels slanted where they
    would not fit side by side; the series named in a legend under the plot. Of more than
    `NARROW_MAX_SERIES` series with a total, only the total: a dozen lines on a phone's
    width cannot be told apart, and every value is in the table under the chart."""
    lay = NARROW
    drawn, left_out = _drawn(series, total_last, NARROW_MAX_SERIES)
    frame = _Frame.of(x_labels, partial, [s for _si, s in drawn], NARROW)
    widest = max((len(x) for x in x_labels), default=0) * NARROW_CHAR_W
    slanted = widest > frame.step - 4
    axis_h = int(widest * 0.72) + 24 if slanted else 24
    plot_bottom = lay.top + lay.plot_h
    legend_top = plot_bottom + axis_h + 8
    legend, legend_h = _narrow_legend(drawn, legend_top, left_out)
    height = legend_top + legend_h + 6
    parts = svg_open(f"{chart_id}-smal", NARROW_WIDTH, height, title, desc, font_size=NARROW_FONT)
    parts += grid(lay.left, lay.top, lay.plot_w, lay.plot_h, frame.scale_max, unit)
    parts += _part_band(frame, label_at_end=True)
    for i, label in enumerate(x_labels):
        italic = ' font-style="italic"' if i in frame.part_idx else ""
        x, y = frame.xpos[i], plot_bottom + 18
        if slanted:
            parts.append(
                f'<text x="{x:.1f}" y="{y}" text-anchor="end" fill="#1a1a1a"{italic} '
                f'transform="rotate(-45 {x:.1f} {y})">{escape(label)}</text>'
            )
        else:
            parts.append(
                f'<text x="{x:.1f}" y="{y}" text-anchor="middle" fill="#1a1a1a"{italic}>'
                f"{escape(label)}</text>"
            )
    for si, s in drawn:
        parts += _series_marks(s, si, x_labels, frame, unit, f"{chart_id}-smal")[0]
    parts += legend
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _narrow_legend(
    drawn: list[tuple[int, Series]], top: float, left_out: int = 0
) -> tuple[list[str], int]:
    """One row per series under the plot: its line (colour and dash) and its name; then a
    line that says where the series left out are."""
    parts, y = [], top
    for si, s in drawn:
        colour = PALETTE[si % len(PALETTE)]
        dash = DASHES[si % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        lines = wrap(s.name, NARROW_LEGEND_CHARS)
        parts.append(
            f'<line x1="4" y1="{y + 8}" x2="30" y2="{y + 8}" stroke="{colour}" '
            f'stroke-width="2.5"{dash_attr}/><circle cx="17" cy="{y + 8}" r="4" '
            f'fill="{colour}"/><text x="38" y="{y + 13}" fill="#1a1a1a">'
            f"{tspans(lines, 38, 16)}</text>"
        )
        y += 16 * len(lines) + 6
    if left_out:
        lines = wrap(f"De {left_out} gemeenten staan in de tabel.", NARROW_LEGEND_CHARS + 4)
        parts.append(f'<text x="4" y="{y + 13}" fill="#1a1a1a">{tspans(lines, 4, 16)}</text>')
        y += 16 * len(lines) + 6
    return parts, int(y - top)


def _part_band(frame: _Frame, label_at_end: bool = False) -> list[str]:
    """The shaded band, behind a dashed divider, that holds the part periods (its label
    ends at the plot's right edge where the band is too narrow to start it there)."""
    if not frame.part_idx:
        return []
    lay = frame.layout
    right = lay.left + lay.plot_w
    band_x = lay.left + frame.step * (len(frame.full_idx) + 0.3)
    label = (
        f'<text x="{right}" y="{lay.top - 8}" text-anchor="end" fill="#1a1a1a" '
        'font-style="italic">deel van een jaar</text>'
        if label_at_end
        else f'<text x="{band_x + 4:.1f}" y="{lay.top - 8}" fill="#1a1a1a" '
        'font-style="italic">deel van een jaar</text>'
    )
    return [
        f'<rect x="{band_x:.1f}" y="{lay.top}" width="{right - band_x:.1f}" '
        f'height="{lay.plot_h}" fill="#f3f3f3"/>'
        f'<line x1="{band_x:.1f}" y1="{lay.top - 6}" x2="{band_x:.1f}" '
        f'y2="{lay.top + lay.plot_h}" stroke="#1a1a1a" stroke-dasharray="4 3"/>' + label
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
    s: Series, si: int, x_labels: list[str], frame: _Frame, unit: str, chart_id: str
) -> tuple[list[str], float | None]:
    """One series: lines through its full periods (broken at gaps), a marker on every point
    of a line, and a circle for a point on its own, hollow in part periods. Also returns the
    height of its last full-period point.

    The markers are one <marker> per series, not a circle per value: a region of twenty
    municipalities over eight quarters drew 160 circles per chart, most of the dashboard's
    bytes. The values are in the table under the chart."""
    colour = PALETTE[si % len(PALETTE)]
    dash = DASHES[si % len(DASHES)]
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    marker = f"{chart_id}-p{si}"
    known = {i: v for i, raw in enumerate(s.values) if (v := as_float(raw)) is not None}
    segments: list[list[int]] = [[]]
    for i in frame.full_idx:
        if i not in known:
            segments.append([])
        else:
            segments[-1].append(i)
    joined = [seg for seg in segments if len(seg) > 1]
    alone = [seg[0] for seg in segments if len(seg) == 1]
    parts = []
    if joined:
        parts.append(
            f'<defs><marker id="{marker}" viewBox="-5 -5 10 10" markerWidth="10" '
            'markerHeight="10" markerUnits="userSpaceOnUse">'
            f'<circle r="4" fill="{colour}" stroke="{colour}" stroke-width="2"/></marker></defs>'
        )
    for seg in joined:
        points = " ".join(f"{frame.xpos[i]:.1f},{frame.ypos(known[i]):.1f}" for i in seg)
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5"'
            f'{dash_attr} marker-start="url(#{marker})" marker-mid="url(#{marker})" '
            f'marker-end="url(#{marker})"><title>{escape(s.name)}</title></polyline>'
        )
    for i in sorted(alone + [i for i in frame.part_idx if i in known]):
        hollow = i in frame.part_idx
        parts.append(
            f'<circle cx="{frame.xpos[i]:.1f}" cy="{frame.ypos(known[i]):.1f}" r="4" '
            f'fill="{"#fff" if hollow else colour}" stroke="{colour}" stroke-width="2">'
            f"<title>{escape(s.name)}, {escape(x_labels[i])}: {escape(value_label(s, i, unit))}"
            f"{' (deel van een jaar)' if hollow else ''}</title></circle>"
        )
    full = [i for i in frame.full_idx if i in known]
    last_y = frame.ypos(known[full[-1]]) if full else None
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
        change = f" ({_signed(_pct(first_v, last_v))}"
    stated, aside = _stated_change(s, x_labels, full_idx, known)
    if stated and len(known) == 2:  # the source's change is about the same two figures
        change = (change or " (") + f", berekend; de bron noemt {stated}"
        aside = ""
    if change:
        change += ")"
    return (
        f"{s.name}: {trend} van {format_number(first_v, unit)} in {first_x} naar "
        f"{format_number(last_v, unit)} in {last_x}{change}{tail}.{aside}"
    )


def _pct(before: float, after: float) -> int:
    return round((after - before) / before * 100)


def _signed(pct: float) -> str:
    return f"{'+' if pct > 0 else ''}{format_number(pct)}%"


def _stated_change(s, x_labels, full_idx, known) -> tuple[str, str]:
    """Where the source states a change for the last shown figure that differs from the one
    computed from the figure before it: that stated change, and a sentence saying both (for
    when the summary's own change spans more periods). Only between two shown figures: a
    change stated for a suppressed figure is never shown."""
    if not s.stated or len(known) < 2:
        return "", ""
    last = [i for i in full_idx if s.values[i] is not None][-1]
    value = s.stated[last] if last < len(s.stated) else None
    (prev_x, prev_v), (last_x, last_v) = known[-2], known[-1]
    if value is None or not prev_v:
        return "", ""
    computed = _pct(prev_v, last_v)
    if float(value) == computed:
        return "", ""
    stated = _signed(float(value))
    return stated, (
        f" Van {prev_x} naar {last_x} is dat {_signed(computed)} (berekend); "
        f"de bron noemt {stated}."
    )
