"""From the dashboard dict (live or frozen in a report) to what a viewer sees.

`present(data, suppress=..., year=..., municipality_id=...)` applies small-number
suppression (for readers) to the whole indicator tables first, then the filters, and builds
one `Chart` (monitoring.dashboard.charts) per table. The same tables are offered as CSV.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.safestring import SafeString

from actions.constants import MilestoneState
from ghnt_portal.templatetags.portal import aantal
from programmes.access import scope_for

from .charts import Chart, Series, bar_chart, format_number, line_chart
from .headline import PoliceCells, headline, is_police
from .suppression import Cell, suppress_table

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser


def viewer_must_see_suppressed(user: AnyUser, region_id: int) -> bool:
    """Editors of the region (projectleider, beheerder) see real values; readers do not."""
    return not scope_for(user).edits_region(region_id)


@dataclass
class Table:
    key: str  # the CSV name, e.g. "voortgang" or "indicator-politie-incidenten-hg"
    title: str
    columns: list[str]
    rows: list[list[str]]
    summary: str = ""
    svg: SafeString | str = ""
    svg_narrow: SafeString | str = ""  # the same chart laid out for a phone (larger text)
    footer: list[str] | None = None
    notes: list[str] = field(default_factory=list)
    section: str = ""
    numeric: bool = True  # right-align the value columns
    indicator: str = ""  # the indicator's code, for an indicator table
    truncated: bool = False  # earlier periods left out (the full series is one click away)
    full_query: str = ""  # the query string of the dashboard with this table's full series
    # A column shown as a status badge (words, the colour supports them): its index and the
    # status value per row index.
    badge_column: int = -1
    badges: dict[int, str] = field(default_factory=dict)

    @classmethod
    def from_chart(cls, key: str, chart: Chart, section: str, notes=()) -> Table:
        return cls(
            key=key,
            title=chart.title,
            columns=chart.table_columns,
            rows=chart.table_rows,
            summary=chart.summary,
            svg=chart.svg,
            svg_narrow=chart.svg_narrow,
            footer=chart.table_footer,
            notes=[*chart.notes, *notes],
            section=section,
        )


def _euro(value: str | Decimal) -> str:
    return format_number(Decimal(value), "€")


def present(
    data: dict,
    *,
    suppress: bool,
    year: int | None = None,
    municipality_id: int | None = None,
    latest: int | None = None,
    full: str | None = None,
) -> dict:
    """What a viewer sees of a dashboard dict (live or frozen): every table with its chart,
    small numbers suppressed first when `suppress`, then the year and municipality filters.

    With `latest` an indicator table shows only its last `latest` periods (all of them for
    the indicator whose code is `full`, or when a year is chosen). Suppression works per
    period (column), so leaving out earlier columns never changes a shown cell.
    """
    tables = [
        _progress_table(data),
        _status_table(data["actions_by_status"]),
        _milestone_table(data["milestones"]),
        _due_milestones_table(data["milestones"]["items"], year),
        _budget_table(data["budget"]),
    ]
    if "actions" in data:  # snapshots before the field have no list of actions
        tables.append(_actions_table(data["actions"]))
    police = None
    for indicator in data["indicators"]:
        if latest and year is None and indicator["code"] != full:
            indicator = _latest_columns(indicator, latest)
        cell_rows, total_cells = _suppressed(indicator, suppress)
        if police is None and is_police(indicator):
            police = PoliceCells(indicator, cell_rows, total_cells)
        table = _indicator_table(indicator, cell_rows, total_cells, year, municipality_id)
        if table is not None:
            tables.append(table)
    return {
        "programme": data["programme"],
        "progress_rule": data["progress_rule"],
        "progress": data["progress"],
        "today": datetime.date.fromisoformat(data["today"]),
        "built_at": datetime.datetime.fromisoformat(data["built_at"]),
        "tables": tables,
        "by_section": _by_section(tables),
        "suppressed": suppress,
        "headline": headline(data, police=police, year=year, municipality_id=municipality_id),
    }


def _progress_table(data: dict) -> Table:
    lines = data["action_lines"]
    progress_chart = bar_chart(
        "Voortgang per actielijn",
        [f"{line['title']} ({aantal(line['actions'], 'actie,acties')})" for line in lines]
        + ["Hele programma"],
        [
            Series(
                "Voortgang",
                [line["progress"] for line in lines] + [data["progress"]],
                labels=["geen acties" if line["progress"] is None else None for line in lines]
                + ["geen acties" if data["progress"] is None else None],
            )
        ],
        unit="%",
        max_value=100,
        category_header="Actielijn",
        description=(
            "Staafdiagram van de voortgang per actielijn in procenten, van 0 tot 100. "
            + data["progress_rule"]
        ),
    )
    return Table.from_chart("voortgang", progress_chart, "voortgang")


def _status_table(statuses: list[dict]) -> Table:
    total_actions = sum(s["count"] for s in statuses)
    status_chart = bar_chart(
        "Acties per status",
        [s["label"] for s in statuses],
        [Series("Aantal acties", [s["count"] for s in statuses])],
        category_header="Status",
        footer=["Totaal", str(total_actions)],
        summary=_status_summary(statuses, total_actions),
    )
    return Table.from_chart("status", status_chart, "voortgang")


def _milestone_table(milestones: dict) -> Table:
    counts = milestones["counts"]
    cells = sum(c["count"] for c in counts)
    items = milestones.get("planned_items", cells)  # snapshots before the field: cells
    repeated = milestones.get("repeated", [])
    total = str(items) if items == cells else f"{cells} vakjes, {items} mijlpalen"
    summary = _milestone_summary(counts)
    if items != cells:
        summary = (
            f"Het plan telt {items} mijlpalen in {cells} vakjes van de planning: "
            f"mijlpaal {', '.join(repeated)} staat er meer dan eens in. " + summary
        )
    milestone_chart = bar_chart(
        "Mijlpalen per stand",
        [c["label"] for c in counts],
        [Series("Aantal vakjes in de planning", [c["count"] for c in counts])],
        category_header="Stand",
        footer=["Totaal", total],
        summary=summary,
    )
    return Table.from_chart("mijlpalen", milestone_chart, "mijlpalen")


def _due_milestones_table(milestones: list[dict], year: int | None) -> Table:
    items = [
        m
        for m in milestones
        if m["state"] in (MilestoneState.OVERDUE, MilestoneState.DUE)
        and (year is None or m["year"] == year)
    ]
    return Table(
        key="mijlpalen-te-laat-en-nu",
        title="Mijlpalen die te laat zijn of dit kwartaal vallen",
        columns=["Letter", "Mijlpaal", "Actie", "Kwartaal", "Overleg", "Stand"],
        rows=[
            [m["letter"], m["title"], m["action"], m["quarter"], m["meeting"], m["state_label"]]
            for m in items
        ],
        summary=(
            aantal(len(items), "mijlpaal,mijlpalen")
            + (" is te laat of valt" if len(items) == 1 else " zijn te laat of vallen")
            + " dit kwartaal"
            + (f" (gepland in {year})" if year else "")
            + "."
        ),
        section="mijlpalen",
        numeric=False,
    )


def _budget_table(budget: dict) -> Table:
    sources = budget["sources"]
    open_ended = budget.get("open_ended", False)  # snapshots before the field: False
    budget_chart = bar_chart(
        "Begroting per financieringsbron",
        [s["name"] for s in sources],
        [
            Series("Begroot", [Decimal(s["planned"]) for s in sources]),
            Series("Gerealiseerd", [Decimal(s["realised"]) for s in sources]),
        ],
        unit="€",
        category_header="Financieringsbron",
        footer=[
            "Totaal",
            "geen totaal" if open_ended else _euro(budget["planned"]),
            _euro(budget["realised"]),
        ],
        summary=(
            "Geen totaal: de bron noemt een bedrag per jaar zonder looptijd."
            if open_ended
            else f"Begroot is {_euro(budget['planned'])} in totaal (berekend uit de "
            f"begrotingsregels), waarvan {_euro(budget['realised'])} gerealiseerd."
            + (
                f" Het plan noemt zelf een begroting van {_euro(budget['stated_total'])}."
                if budget.get("stated_total") is not None
                else ""
            )
        ),
        description=(
            "Staafdiagram per financieringsbron met het begrote en het gerealiseerde bedrag. "
            "Inzet van capaciteit en pro-memorieposten hebben geen bedrag."
        ),
    )
    notes = [
        f"{s['name']}: alleen inzet van capaciteit, geen bedrag in euro's."
        for s in sources
        if s.get("capacity_only")
    ] + [
        f"{s['name']}: daarnaast {_euro(s['per_year'])} per jaar, zonder looptijd in de bron; "
        "niet opgeteld."
        for s in sources
        if s.get("per_year")
    ]
    return Table.from_chart("begroting", budget_chart, "begroting", notes=notes)


def _actions_table(actions: list[dict]) -> Table:
    """Every action with its status in words (a badge whose colour supports the words)."""
    return Table(
        key="acties",
        title="Acties en hun status",
        columns=["Code", "Actie", "Actielijn", "Status", "Voortgang"],
        rows=[
            [a["code"], a["title"], a["action_line"], a["status_label"], f"{a['progress']}%"]
            for a in actions
        ],
        summary=_status_summary(_count_statuses(actions), len(actions)),
        section="acties",
        numeric=False,
        badge_column=3,
        badges={i: a["status"] for i, a in enumerate(actions)},
    )


def _count_statuses(actions: list[dict]) -> list[dict]:
    counts: dict[tuple[str, str], int] = {}
    for a in actions:
        key = (a["status"], a["status_label"])
        counts[key] = counts.get(key, 0) + 1
    return [{"status": k[0], "label": k[1], "count": n} for k, n in counts.items()]


def _by_section(tables: list[Table]) -> dict[str, list[Table]]:
    sections: dict[str, list[Table]] = {}
    for table in tables:
        sections.setdefault(table.section, []).append(table)
    return sections


def _status_summary(statuses: list[dict], total: int) -> str:
    parts = [f"{s['count']} {s['label'].lower()}" for s in statuses if s["count"]]
    if not parts:
        return "Er zijn nog geen acties."
    if total == 1:
        return f"De enige actie is {parts[0].split(' ', 1)[1]}."
    return f"Van de {total} acties zijn er {', '.join(parts)}."


def _milestone_summary(counts: list[dict]) -> str:
    by = {c["state"]: c["count"] for c in counts}
    total = sum(by.values())
    done, overdue, due = (
        by.get(state, 0)
        for state in (MilestoneState.DONE, MilestoneState.OVERDUE, MilestoneState.DUE)
    )
    return (
        f"Van de {total} vakjes in de planning zijn er {done} gereed, "
        f"{overdue} te laat en vallen er {due} dit kwartaal."
    )


def _latest_columns(indicator: dict, latest: int) -> dict:
    """The indicator dict with only its last `latest` periods (a frozen dict has them all)."""
    periods = indicator["periods"]
    if len(periods) <= latest:
        return indicator
    keep = sorted(
        sorted(range(len(periods)), key=lambda i: (periods[i]["end"], periods[i]["start"]))[
            -latest:
        ]
    )
    total = indicator["total"]
    return {
        **indicator,
        "periods": [periods[i] for i in keep],
        "rows": [
            {**r, "values": [r["values"][i] for i in keep]}
            | ({"stated": _kept(r["stated"], keep)} if r.get("stated") else {})
            for r in indicator["rows"]
        ],
        "total": {
            **total,
            "values": [total["values"][i] for i in keep],
            "computed": [total["computed"][i] for i in keep],
        }
        | ({"stated": _kept(total["stated"], keep)} if total.get("stated") else {}),
        "truncated": True,
    }


def _suppressed(indicator: dict, suppress: bool) -> tuple[list[list[Cell]], list[Cell] | None]:
    """The whole indicator table with small numbers suppressed (for readers), before any
    filter: the table and the headline read only these cells."""
    total = indicator["total"]
    has_total = any(v is not None for v in total["values"])
    return suppress_table(
        [r["values"] for r in indicator["rows"]],
        total["values"] if has_total else None,
        indicator["threshold"] if suppress else 0,
        format_value=lambda v: format_number(v),
        periods=indicator["periods"],
    )


def _indicator_table(
    indicator: dict,
    cell_rows: list[list[Cell]],
    total_cells: list[Cell] | None,
    year: int | None,
    municipality_id: int | None,
) -> Table | None:
    """The table of an indicator from its suppressed cells (`_suppressed`), filtered."""
    # Over 60 lines on purpose: it keeps "suppressed cells in, then filter" in one reading
    # order, which is the privacy rule of suppression.py.
    periods = indicator["periods"]
    rows = indicator["rows"]
    total = indicator["total"]
    # Filters come after suppression, so they select cells but never reveal more.
    keep_cols = [i for i, p in enumerate(periods) if year is None or p["year"] == year]
    keep_rows = [
        i
        for i, r in enumerate(rows)
        if municipality_id is None or r["municipality_id"] == municipality_id
    ]
    if not keep_cols:
        return None
    labels = [periods[i]["label"] for i in keep_cols]
    series = [
        Series(
            rows[r]["area"],
            [cell_rows[r][c].value for c in keep_cols],
            labels=[cell_rows[r][c].display for c in keep_cols],
            stated=_kept(rows[r].get("stated"), keep_cols),
        )
        for r in keep_rows
    ]
    notes = []
    if total_cells is not None:
        total_name = total["area"] + (
            " (som van de gemeenten)" if any(total["computed"][c] for c in keep_cols) else ""
        )
        series.append(
            Series(
                total_name,
                [total_cells[c].value for c in keep_cols],
                labels=[total_cells[c].display for c in keep_cols],
                stated=_kept(total.get("stated"), keep_cols),
            )
        )
    if not series:
        return None
    hidden = [cell for row in cell_rows for cell in row if cell.hidden] + [
        cell for cell in (total_cells or []) if cell.hidden
    ]
    if hidden:
        notes.append(
            f"Aantallen onder {indicator['threshold']} staan er als <{indicator['threshold']}; "
            "waar een verborgen aantal uit het totaal terug te rekenen zou zijn, is ook een "
            "tweede cel afgeschermd."
        )
    notes.extend(indicator["notes"])
    if indicator["source"]:
        notes.append(f"Bron: {indicator['source']}.")
    chart = line_chart(
        indicator["name"],
        labels,
        series,
        partial={periods[i]["label"] for i in keep_cols if periods[i]["partial"]},
        row_header="Gebied",
        total_last=total_cells is not None,
    )
    table = Table.from_chart(f"indicator-{indicator['code']}", chart, "indicatoren", notes=notes)
    table.indicator = indicator["code"]
    table.truncated = bool(indicator.get("truncated"))
    return table


def _kept(stated: list | None, columns: list[int]) -> list | None:
    """The source-stated changes of the kept columns (snapshots before the field: none)."""
    return [stated[c] for c in columns] if stated else None


def csv_rows(table: Table) -> list[list[str]]:
    rows = [table.columns, *table.rows]
    if table.footer:
        rows.append(table.footer)
    return rows
