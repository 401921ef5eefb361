"""The dashboard's first screen: a few headline figures, computed from the dashboard dict.

`headline(data, police=...)` reads the same dict as the tables (live or frozen in a report),
never a typed figure: actions per status (in words, the colour only supports them),
milestones done / due this quarter / overdue, the budget realised against planned, and the
latest police figure against the same period a year earlier. The police figure is read from
the *suppressed* cells of its table (`PoliceCells`), so a hidden small number never shows
in a headline, nor a change computed from it. Each headline names the section it sums up
(`anchor`), where the details are.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from actions.constants import MilestoneState
from actions.services.budget import stated_difference_words
from ghnt_portal.formats import euro

from .charts import format_number
from .suppression import Cell

# An indicator of the police: its code or its source says so (the plan's bijlage 1).
POLICE_PREFIX = "politie"


def is_police(indicator: dict) -> bool:
    return indicator["code"].startswith(POLICE_PREFIX) or (
        indicator.get("source", "").lower().startswith(POLICE_PREFIX)
    )


@dataclass
class PoliceCells:
    """A police indicator's table after suppression: what the headline may read."""

    indicator: dict
    cell_rows: list[list[Cell]]
    total_cells: list[Cell] | None


@dataclass
class PoliceFigure:
    area: str
    period: str  # the latest period with a figure, e.g. "2019" or "t/m mei 2020"
    figure: str  # as shown in the table: "667", "<5", "afgeschermd"
    partial: bool = False
    comparison: str = ""  # "29% meer dan in 2018 (517)."
    hidden: bool = False


@dataclass
class Headline:
    actions_total: int
    statuses: list[dict]  # {status, label, count}, only the statuses that occur
    progress: float | int | None
    milestones: dict
    budget: dict
    police_name: str = ""
    police_anchor: str = ""
    police: list[PoliceFigure] = field(default_factory=list)


def headline(
    data: dict,
    *,
    police: PoliceCells | None = None,
    year: int | None = None,
    municipality_id: int | None = None,
) -> Headline:
    statuses = data["actions_by_status"]
    result = Headline(
        actions_total=sum(s["count"] for s in statuses),
        statuses=[s for s in statuses if s["count"]],
        progress=data["progress"],
        milestones=_milestones(data["milestones"], data["today"]),
        budget=_budget(data["budget"]),
    )
    if police is not None:
        result.police_name = police.indicator["name"]
        result.police_anchor = f"indicator-{police.indicator['code']}-kop"
        result.police = police_figures(police, year=year, municipality_id=municipality_id)
    return result


def _milestones(milestones: dict, today: str) -> dict:
    counts = {c["state"]: c["count"] for c in milestones["counts"]}
    day = datetime.date.fromisoformat(today)
    return {
        "done": counts.get(MilestoneState.DONE, 0),
        "due": counts.get(MilestoneState.DUE, 0),
        "overdue": counts.get(MilestoneState.OVERDUE, 0),
        "total": sum(counts.values()),
        # The plan's items; an item planned at two meetings fills two cells of the planning.
        "items": milestones.get("planned_items", sum(counts.values())),
        "quarter": f"{(day.month - 1) // 3 + 1}e kwartaal {day.year}",
    }


def _budget(budget: dict) -> dict:
    planned = Decimal(budget["planned"])
    realised = Decimal(budget["realised"])
    open_ended = bool(budget.get("open_ended"))
    share = None
    if realised and planned and not open_ended:
        share = format_number(round(realised / planned * 100, 1), "%")
    stated = budget.get("stated_total")  # snapshots before the field: none
    return {
        "planned": euro(planned),
        "stated": euro(Decimal(stated)) if stated is not None else None,
        "stated_difference": stated_difference_words(planned, Decimal(stated))
        if stated is not None
        else "",
        "realised": euro(realised),
        "has_realised": realised > 0,
        "share": share,
        "open_ended": open_ended,
        "capacity_only": [s["name"] for s in budget["sources"] if s.get("capacity_only")],
    }


def police_figures(
    police: PoliceCells, *, year: int | None = None, municipality_id: int | None = None
) -> list[PoliceFigure]:
    """The chosen municipality (if any) and the region: each its latest figure (in `year`
    when chosen) and the latest comparison with the same period a year earlier. Only
    shown cells take part: a hidden cell is shown as hidden, and no change is computed from
    it."""
    indicator = police.indicator
    areas: list[tuple[str, list[Cell]]] = []
    if municipality_id is not None:
        areas += [
            (row["area"], police.cell_rows[i])
            for i, row in enumerate(indicator["rows"])
            if row["municipality_id"] == municipality_id
        ]
    if police.total_cells is not None:
        areas.append((indicator["total"]["area"], police.total_cells))
    periods = indicator["periods"]
    order = sorted(
        (i for i, p in enumerate(periods) if year is None or p["year"] == year),
        key=lambda i: (periods[i]["end"], periods[i]["start"]),
    )
    figures = []
    for area, cells in areas:
        present = [i for i in order if cells[i].value is not None or cells[i].hidden]
        if not present:
            continue
        latest = present[-1]
        figure = PoliceFigure(
            area=area,
            period=periods[latest]["label"],
            figure=cells[latest].display,
            partial=bool(periods[latest]["partial"]),
            hidden=bool(cells[latest].hidden),
        )
        compared = _latest_comparison(periods, cells, present)
        if compared is not None:
            this, before = compared
            change = _change(cells[this].value, cells[before].value)
            text = f"{change} in {periods[before]['label']} ({cells[before].display})."
            if this == latest:
                figure.comparison = text[0].upper() + text[1:]
            else:
                figure.comparison = (
                    "Geen cijfer over dezelfde periode een jaar eerder. "
                    f"{periods[this]['label']}: {cells[this].display}, {text}"
                )
        else:
            figure.comparison = "Geen vergelijking met dezelfde periode een jaar eerder."
        figures.append(figure)
    return figures


def _latest_comparison(
    periods: list[dict], cells: list[Cell], present: list[int]
) -> tuple[int, int] | None:
    """The latest period with a shown value whose same period a year earlier is shown too."""
    index = {(p["start"], p["end"]): i for i, p in enumerate(periods)}
    for i in reversed(present):
        before = index.get((_year_earlier(periods[i]["start"]), _year_earlier(periods[i]["end"])))
        if before is None:
            continue
        if cells[i].value is not None and cells[before].value is not None:
            return i, before
    return None


def _year_earlier(iso: str) -> str:
    day = datetime.date.fromisoformat(iso)
    try:
        return day.replace(year=day.year - 1).isoformat()
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28).isoformat()


def _change(value: Decimal | None, before: Decimal | None) -> str:
    assert value is not None and before is not None
    if value == before:
        return "evenveel als"
    if not before:
        return "meer dan"
    pct = abs(round((Decimal(value) - Decimal(before)) / Decimal(before) * 100))
    if not pct:
        return "ongeveer evenveel als"
    more = "meer" if value > before else "minder"
    return f"{pct}% {more} dan"
