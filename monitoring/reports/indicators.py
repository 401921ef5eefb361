"""The indicators in a progress report: a summary of the reported period, not the history.

Per indicator the report shows the periods of a short window that ends with the reported
half year: its last `RECENT_PERIODS` periods up to the end of the half year, the same period
a year before the latest one, and every other period of the indicator inside that window (so
a year is shown with its half years and quarters, never a part of them on its own). At most
`MAX_COLUMNS` columns. Ten years of quarterly figures give the same five columns as two, so
neither the snapshot nor the PDF grows with the history; the whole series stays on the
dashboard.

`indicator_summary(region, half)` reads the window from the database (two queries over the
last `LOOK_BACK_YEARS` years, whatever the history holds) and returns plain JSON, frozen in
the snapshot (`snapshot["indicators"]`) with the real values. `summary_tables(...)` is what
the PDF shows: small numbers suppressed with `monitoring.dashboard.suppression.suppress_table`
(the table's periods included, so nested periods cannot give a hidden number away), a
simple SVG chart of the region's row and the numbers as a table. `summarise(tables, half)`
cuts the same window out of full indicator tables, for snapshots frozen before this summary
existed (they held the whole dashboard).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.utils.safestring import SafeString

from ghnt_portal.periods import HalfYear
from programmes.models import Municipality, Region

from ..constants import PeriodKind
from ..dashboard.charts import Series, format_number, line_chart
from ..dashboard.services import (
    collect_stated,
    empty_indicator_table,
    plain_number,
    region_totals,
    with_stated,
)
from ..dashboard.suppression import suppress_table
from ..models import Measurement

RECENT_PERIODS = 4  # the last periods of each indicator up to the end of the half year
MAX_COLUMNS = 12  # a window of weekly figures would otherwise be dozens of columns
LOOK_BACK_YEARS = 6  # periods ending longer ago are not "recent", whatever the history holds


def _date(value: Any) -> datetime.date:
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def _year_before(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def window(spans: list[tuple[datetime.date, datetime.date]], half: HalfYear) -> list[int]:
    """The indexes of `spans` (start, end) the report shows, in chronological order."""
    eligible = [i for i, (_s, end) in enumerate(spans) if end <= half.end]
    if not eligible:
        return []
    newest_first = sorted(eligible, key=lambda i: (spans[i][1], spans[i][0]), reverse=True)
    recent = newest_first[:RECENT_PERIODS]
    latest = newest_first[0]  # ends last; of those the shortest (a quarter before its year)
    start, end = spans[latest]
    a_year_before = (_year_before(start), _year_before(end))
    chosen = recent + [i for i in eligible if spans[i] == a_year_before]
    first_day = min(spans[i][0] for i in chosen)
    inside = [i for i in eligible if spans[i][0] >= first_day]
    inside = sorted(inside, key=lambda i: (spans[i][1], spans[i][0]))[-MAX_COLUMNS:]
    return sorted(inside, key=lambda i: (spans[i][0], spans[i][1]))


def indicator_summary(region: Region, half: HalfYear) -> list[dict]:
    """Per indicator of the region: its window's periods, a row per municipality, the region's
    total row (its own measurement, else the sum where every municipality has a value)."""
    in_region = Q(region=region) | Q(municipality__region=region)
    since = half.end.replace(year=half.end.year - LOOK_BACK_YEARS)  # 30 June or 31 December
    periods = (
        Measurement.objects.filter(in_region, period_end__lte=half.end, period_end__gt=since)
        .order_by()
        .values_list("indicator_id", "period_start", "period_end")
        .distinct()
    )
    spans_by_indicator: dict[int, list[tuple[datetime.date, datetime.date]]] = {}
    for indicator_id, start, end in periods:
        spans_by_indicator.setdefault(indicator_id, []).append((start, end))
    first_day: dict[int, datetime.date] = {}
    for indicator_id, spans in spans_by_indicator.items():
        shown = window(spans, half)
        first_day[indicator_id] = min(spans[i][0] for i in shown)
    if not first_day:
        return []
    in_window = Q()
    for indicator_id, day in first_day.items():
        in_window |= Q(indicator_id=indicator_id, period_start__gte=day)
    measurements = (
        Measurement.objects.filter(in_region, in_window, period_end__lte=half.end)
        .select_related("indicator")
        .order_by("indicator__name", "indicator_id", "period_start", "period_end")
    )
    municipalities = list(Municipality.objects.filter(region=region).order_by("name"))
    tables: dict[int, dict[str, Any]] = {}
    for m in measurements:
        table = tables.get(m.indicator_id)
        if table is None:
            table = tables[m.indicator_id] = empty_indicator_table(m.indicator)
            table["earlier"] = any(
                start < first_day[m.indicator_id]
                for start, _end in spans_by_indicator[m.indicator_id]
            )
        key = f"{m.period_start.isoformat()}_{m.period_end.isoformat()}"
        table["periods"].setdefault(
            key,
            {
                "key": key,
                "label": m.period_display,
                "partial": m.period_kind == PeriodKind.PART,
                "start": m.period_start.isoformat(),
                "end": m.period_end.isoformat(),
            },
        )
        if m.municipality_id:
            table["cells"].setdefault(m.municipality_id, {})[key] = plain_number(m.value)
        else:
            table["totals"][key] = plain_number(m.value)
        if m.note and m.note not in table["notes"]:
            table["notes"].append(m.note)
        collect_stated(table, m, key)
    return [_table(t, municipalities, region) for t in tables.values()]


def _table(table: dict[str, Any], municipalities: list[Municipality], region: Region) -> dict:
    periods = sorted(table["periods"].values(), key=lambda p: (p["start"], p["end"]))
    cells = table["cells"]
    keys = [p["key"] for p in periods]
    stated = table["stated"]
    rows = (
        [
            with_stated(
                {"area": muni.name, "values": [cells.get(muni.pk, {}).get(k) for k in keys]},
                stated.get(str(muni.pk)),
                keys,
            )
            for muni in municipalities
        ]
        if cells
        else []
    )
    totals, computed = region_totals(periods, rows, table["totals"])
    return {
        "code": table["code"],
        "name": table["name"],
        "unit": table["unit"],
        "source": table["source"],
        "threshold": table["threshold"],
        "periods": [{k: p[k] for k in ("label", "partial", "start", "end")} for p in periods],
        "rows": rows,
        "total": with_stated(
            {"area": f"Regio {region.name}", "values": totals, "computed": computed},
            stated.get("total"),
            keys,
        ),
        "notes": table["notes"],
        "earlier": table["earlier"],
    }


def summarise(tables: list[dict], half: HalfYear) -> list[dict]:
    """The window of full indicator tables (the dashboard's shape, as snapshots before
    schema 3 froze them)."""
    summary = []
    for table in tables:
        spans = [(_date(p["start"]), _date(p["end"])) for p in table["periods"]]
        keep = window(spans, half)
        if not keep:
            continue
        total = table["total"]
        summary.append(
            {
                **{k: table[k] for k in ("code", "name", "unit", "source", "threshold", "notes")},
                "periods": [
                    {
                        "label": table["periods"][i]["label"],
                        "partial": table["periods"][i]["partial"],
                        "start": table["periods"][i]["start"],
                        "end": table["periods"][i]["end"],
                    }
                    for i in keep
                ],
                "rows": [
                    {"area": r["area"], "values": [r["values"][i] for i in keep]}
                    | ({"stated": [r["stated"][i] for i in keep]} if r.get("stated") else {})
                    for r in table["rows"]
                ],
                "total": {
                    "area": total["area"],
                    "values": [total["values"][i] for i in keep],
                    "computed": [total["computed"][i] for i in keep],
                }
                | ({"stated": [total["stated"][i] for i in keep]} if total.get("stated") else {}),
                "earlier": any(spans[i][0] < spans[keep[0]][0] for i in range(len(spans))),
            }
        )
    return summary


@dataclass
class SummaryTable:
    """One indicator as the PDF shows it: every figure already suppressed."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    footer: list[str] | None
    svg: SafeString | str = ""
    summary: str = ""
    notes: list[str] = field(default_factory=list)


def summary_tables(tables: list[dict]) -> list[SummaryTable]:
    """The summary as the PDF shows it, to the Rijk and wethouders: suppressed (the
    indicator's threshold), the region's row drawn as a simple line chart."""
    return [t for t in (_summary_table(table) for table in tables) if t is not None]


def _summary_table(table: dict) -> SummaryTable | None:
    periods, rows, total = table["periods"], table["rows"], table["total"]
    threshold = table["threshold"]
    has_total = any(v is not None for v in total["values"])
    if not rows and not has_total:
        return None
    cell_rows, total_cells = suppress_table(
        [r["values"] for r in rows],
        total["values"] if has_total else None,
        threshold,
        format_value=format_number,
        periods=periods,
    )
    labels = [p["label"] for p in periods]
    partial = {p["label"] for p in periods if p["partial"]}
    columns = [
        "Gebied",
        *(f"{p['label']} (deel van een jaar)" if p["partial"] else p["label"] for p in periods),
    ]
    body = [
        [r["area"], *(c.display for c in cells)] for r, cells in zip(rows, cell_rows, strict=True)
    ]
    footer = None
    drawn = None
    if total_cells is not None:
        name = total["area"] + (" (som van de gemeenten)" if any(total["computed"]) else "")
        footer = [name, *(c.display for c in total_cells)]
        drawn = Series(
            name,
            [c.value for c in total_cells],
            [c.display for c in total_cells],
            stated=total.get("stated"),
        )
    elif len(cell_rows) == 1:  # one municipality and no region row: draw that one
        drawn = Series(
            rows[0]["area"],
            [c.value for c in cell_rows[0]],
            body[0][1:],
            stated=rows[0].get("stated"),
        )
    notes = []
    hidden = any(c.hidden for row in cell_rows for c in row) or any(
        c.hidden for c in (total_cells or [])
    )
    if hidden:
        notes.append(
            f"Aantallen onder {threshold} staan er als <{threshold}; waar een verborgen aantal "
            "uit het totaal of uit andere perioden terug te rekenen zou zijn, is ook een tweede "
            "cel afgeschermd."
        )
    notes.extend(table["notes"])
    if table.get("earlier"):
        notes.append("Eerdere perioden staan op het dashboard van het programma.")
    if table["source"]:
        notes.append(f"Bron: {table['source']}.")
    svg: SafeString | str = ""
    summary = ""
    if drawn is not None and any(v is not None for v in drawn.values):
        chart = line_chart(table["name"], labels, [drawn], partial=partial, row_header="Gebied")
        svg, summary = chart.svg, chart.summary
        notes = [*chart.notes, *notes]
    return SummaryTable(
        title=table["name"],
        columns=columns,
        rows=body,
        footer=footer,
        svg=svg,
        summary=summary,
        notes=notes,
    )
