"""The dashboard's data (journey 4): everything a programme's dashboard shows, as a dict.

- `dashboard_data(programme)` is everything the dashboard shows, as a JSON-ready dict with
  the real values. The progress report freezes exactly this dict in
  `ProgressReport.snapshot["dashboard"]`; `monitoring.dashboard.presentation.present()`
  applies suppression and filters to a live or frozen dict alike.
- `dashboard_programmes(user)` are the programmes whose dashboard a user may open, and
  `latest_sent_report` the report whose frozen dashboard is shown "as reported".
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypedDict

from django.db.models import (
    Avg,
    Case,
    Count,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
    Window,
)
from django.db.models.functions import DenseRank, ExtractYear
from django.utils import timezone

from actions.constants import ActionStatus, MilestoneState
from actions.models import Action, BudgetLine, Milestone
from programmes.access import scope_for
from programmes.constants import PUBLISHED_STATUSES
from programmes.models import ActionLine, Municipality, Programme, Region

from ..constants import PeriodKind, ReportStatus
from ..models import Measurement, ProgressReport

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from django_stubs_ext import WithAnnotations

    AnyUser = User | AnonymousUser

DASHBOARD_VERSION = 1


class LineRollup(TypedDict):
    """What `action_line_progress` annotates on each action line."""

    action_count: int
    done_count: int
    progress_avg: float | None


PROGRESS_RULE = (
    "Voortgang van een actielijn = de gemiddelde voortgang van haar acties; afgeronde acties "
    "tellen als 100%, vervallen acties tellen niet mee."
)


def plain_number(value: object) -> int | float | None:
    """A number as JSON keeps it: whole numbers as int, others rounded to one decimal."""
    if value is None:
        return None
    value = Decimal(str(value))
    return int(value) if value == value.to_integral_value() else float(round(value, 1))


def _money(value: Decimal | int | str) -> str:
    return str(Decimal(value).quantize(Decimal("0.01")))


def effective_progress() -> Case:
    """The progress an action counts with in the rollup (see PROGRESS_RULE)."""
    return Case(
        When(status=ActionStatus.DONE, then=Value(100)),
        default=F("progress"),
        output_field=IntegerField(),
    )


def action_line_progress(
    programme: Programme,
) -> QuerySet[WithAnnotations[ActionLine, LineRollup]]:
    """Action lines with the rollup of their actions, computed in the database."""
    counted = ~Q(actions__status=ActionStatus.CANCELLED) & Q(actions__isnull=False)
    return (
        ActionLine.objects.filter(programme=programme)
        .annotate(
            action_count=Count("actions", filter=counted),
            done_count=Count("actions", filter=Q(actions__status=ActionStatus.DONE)),
            progress_avg=Avg(
                Case(
                    When(actions__status=ActionStatus.DONE, then=Value(100)),
                    default=F("actions__progress"),
                    output_field=IntegerField(),
                ),
                filter=counted,
            ),
        )
        .order_by("order")
    )


def dashboard_data(
    programme: Programme,
    *,
    today: datetime.date | None = None,
    periods: PeriodChoice | None = None,
) -> dict:
    """Everything the dashboard of `programme` shows, real values, as a JSON-ready dict.

    `periods` narrows the indicator tables (see `PeriodChoice`); without it every period
    is in (what a progress report freezes).

    Queries: action lines with their rollup, the programme's overall rollup, the actions
    (code, title, status, progress; counted per status here), milestones, budget per funding
    source, the region's municipalities, measurements. Internal remarks (status updates,
    reviews) and partner notes are never part of it.
    """
    today = today or timezone.localdate()
    region = programme.region
    lines = list(action_line_progress(programme))
    actions = Action.objects.filter(programme=programme)
    overall = actions.exclude(status=ActionStatus.CANCELLED).aggregate(
        progress=Avg(effective_progress()), count=Count("pk")
    )
    action_rows = list(
        actions.order_by("action_line__order", "order", "code").values(
            "code", "title", "status", "progress", "action_line__title"
        )
    )
    status_counts: dict[str, int] = {}
    for row in action_rows:
        status_counts[row["status"]] = status_counts.get(row["status"], 0) + 1
    milestones = list(
        Milestone.objects.filter(programme=programme).select_related("action").order_by("order")
    )
    budget = list(BudgetLine.objects.filter(programme=programme).totals_by_funding_source())
    return {
        "version": DASHBOARD_VERSION,
        "built_at": timezone.now().isoformat(timespec="seconds"),
        "today": today.isoformat(),
        "programme": {
            "id": programme.pk,
            "title": programme.title,
            "status": programme.status,
            "status_label": programme.get_status_display(),
            "period_label": programme.period_label,
            "region_id": region.pk,
            "region": region.name,
        },
        "progress_rule": PROGRESS_RULE,
        "progress": plain_number(overall["progress"]) if overall["count"] else None,
        "action_lines": [
            {
                "id": line.pk,
                "order": line.order,
                "title": line.title,
                "actions": line.action_count,
                "done": line.done_count,
                "progress": plain_number(line.progress_avg) if line.action_count else None,
            }
            for line in lines
        ],
        "actions_by_status": [
            {"status": s.value, "label": s.label, "count": status_counts.get(s.value, 0)}
            for s in ActionStatus
        ],
        "actions": [
            {
                "code": row["code"],
                "title": row["title"],
                "action_line": row["action_line__title"] or "",
                "status": row["status"],
                "status_label": ActionStatus(row["status"]).label,
                "progress": row["progress"],
            }
            for row in action_rows
        ],
        "milestones": _milestones(milestones, today),
        "budget": _budget(budget, programme.stated_budget_total),
        "indicators": indicator_tables(region, periods),
    }


def _milestones(milestones: list[Milestone], today: datetime.date) -> dict:
    counts = {s.value: 0 for s in MilestoneState}
    items = []
    for m in milestones:
        state = m.state(today)
        counts[state.value] += 1
        items.append(
            {
                "letter": m.letter,
                "title": m.title,
                "action": m.action.code if m.action else "",
                "quarter": str(m.quarter) if m.quarter else "",
                "year": m.planned_year,
                "meeting": m.meeting_label,
                "state": state.value,
                "state_label": state.label,
            }
        )
    # An item is a letter with its title: the source prints "v." and "w." twice for
    # different items, and "aa." once with two cells.
    keys = [(m.letter, m.title) for m in milestones]
    return {
        "counts": [
            {"state": s.value, "label": s.label, "count": counts[s.value]} for s in MilestoneState
        ],
        "items": items,
        # The plan's items (a, b, ... ee) versus its cells: an item planned at two meetings
        # (ZaWa's "aa. Voortgangsrapportage GHNT") is one milestone in two cells.
        "planned_items": len(set(keys)),
        "repeated": sorted({key[0] for key in keys if keys.count(key) > 1}),
    }


def _budget(rows: Iterable[Mapping[str, Any]], stated_total: Decimal | None = None) -> dict:
    sources = [
        {
            "name": row["funding_source__name"],
            "planned": _money(row["planned"]),
            "realised": _money(row["realised"]),
            "capacity_lines": row["capacity_lines"],
            "pm_lines": row["pm_lines"],
            "capacity_only": row["amount_lines"] == 0 and row["capacity_lines"] > 0,
            "per_year": _money(row["per_year_amount"]) if row["per_year_amount"] else None,
        }
        for row in rows
    ]
    return {
        "sources": sources,
        "open_ended": any(s["per_year"] for s in sources),
        "planned": _money(sum((Decimal(s["planned"]) for s in sources), Decimal(0))),
        "realised": _money(sum((Decimal(s["realised"]) for s in sources), Decimal(0))),
        # The plan's own total (None when it states none), shown beside the computed sum.
        "stated_total": _money(stated_total) if stated_total is not None else None,
    }


LATEST_PERIODS = 8


@dataclass(frozen=True)
class PeriodChoice:
    """Which periods of each indicator a dashboard reads from the database.

    By default the `latest` periods of every indicator (the last 8 quarters, or the last 8
    years where the figures are yearly); with `year` the periods starting in that year and
    the year before (the headline compares a period with the same period a year earlier;
    the tables show the chosen year only); `full` is the code of one indicator whose whole
    history is read.
    """

    latest: int = LATEST_PERIODS
    year: int | None = None
    full: str | None = None


def indicator_tables(region: Region, periods: PeriodChoice | None = None) -> list[dict]:
    """Per indicator: rows = municipalities, columns = periods, plus the region's total row.

    The total row is the region's own measurement where there is one (as the source prints
    it); otherwise, for a period where every cell is known, the computed sum of the cells.
    Each table says in `truncated` whether earlier periods were left out by `periods`.
    """
    municipalities = list(Municipality.objects.filter(region=region).order_by("name"))
    measurements = list(
        _measurements(region, periods)
        .select_related("indicator")
        .order_by("indicator__name", "period_start", "period_end")
    )
    # An indicator whose earliest period read is not its first one has earlier periods.
    first_rank: dict[int, int] = {}
    for m in measurements:
        rank = getattr(m, "rank_from_first", 1)
        first_rank[m.indicator_id] = min(rank, first_rank.get(m.indicator_id, rank))
    truncated = {pk for pk, rank in first_rank.items() if rank > 1}
    return [
        {**_indicator_table(table, municipalities, region), "truncated": pk in truncated}
        for pk, table in _collect_by_indicator(measurements).items()
    ]


def _measurements(region: Region, periods: PeriodChoice | None) -> QuerySet[Measurement]:
    """The region's measurements in `periods`, chosen in the database (one query)."""
    measurements = Measurement.objects.filter(Q(region=region) | Q(municipality__region=region))
    if periods is None:
        return measurements
    if periods.year is not None:
        return measurements.filter(period_start__year__in=[periods.year - 1, periods.year])
    by_indicator = [F("indicator_id")]
    limit = Case(
        When(indicator__code=periods.full or "", then=Value(2**31 - 1)),
        default=Value(periods.latest),
    )
    return measurements.annotate(
        rank_from_last=Window(
            DenseRank(),
            partition_by=by_indicator,
            order_by=[F("period_end").desc(), F("period_start").desc()],
        ),
        rank_from_first=Window(
            DenseRank(),
            partition_by=by_indicator,
            order_by=[F("period_start").asc(), F("period_end").asc()],
        ),
    ).filter(rank_from_last__lte=limit)


def empty_indicator_table(indicator: Any) -> dict[str, Any]:
    """An indicator's table before its measurements are collected into it."""
    return {
        "code": indicator.code,
        "name": indicator.name,
        "unit": indicator.unit,
        "source": indicator.source,
        "threshold": indicator.suppression_threshold,
        "periods": {},
        "cells": {},
        "totals": {},
        "notes": [],
        "stated": {},  # area ("total" or a municipality id) -> period key -> percent
    }


def collect_stated(table: dict[str, Any], m: Measurement, key: str) -> None:
    """Remember the change the source states for this measurement (if it states one)."""
    if m.source_stated_change is not None:
        area = str(m.municipality_id) if m.municipality_id else "total"
        table["stated"].setdefault(area, {})[key] = plain_number(m.source_stated_change)


def with_stated(row: dict[str, Any], stated: Mapping[str, Any] | None, keys: list[str]) -> dict:
    """`row` with `stated` (per period, the change its source states) when there is any: the
    key is left out otherwise, so tables and snapshots without such figures keep their shape."""
    if stated:
        row["stated"] = [stated.get(k) for k in keys]
    return row


def _collect_by_indicator(measurements: list[Measurement]) -> dict[int, dict[str, Any]]:
    """The measurements per indicator: its periods, the municipality cells, the totals."""
    tables: dict[int, dict[str, Any]] = {}
    for m in measurements:
        table = tables.get(m.indicator_id)
        if table is None:
            table = tables[m.indicator_id] = empty_indicator_table(m.indicator)
        key = f"{m.period_start.isoformat()}_{m.period_end.isoformat()}"
        table["periods"].setdefault(
            key,
            {
                "key": key,
                "label": m.period_display,
                "kind": m.period_kind,
                "partial": m.period_kind == PeriodKind.PART,
                "year": m.period_start.year,
                "start": m.period_start.isoformat(),
                "end": m.period_end.isoformat(),
            },
        )
        if m.municipality_id:
            table["cells"].setdefault(str(m.municipality_id), {})[key] = plain_number(m.value)
        else:
            table["totals"][key] = plain_number(m.value)
        if m.note and m.note not in table["notes"]:
            table["notes"].append(m.note)
        collect_stated(table, m, key)
    return tables


def _indicator_table(
    table: dict[str, Any], municipalities: list[Municipality], region: Region
) -> dict:
    periods = list(table["periods"].values())
    has_cells = bool(table["cells"])
    keys = [p["key"] for p in periods]
    stated = table.get("stated", {})
    rows: list[dict[str, Any]] = (
        [
            with_stated(
                {
                    "municipality_id": muni.pk,
                    "area": muni.name,
                    "values": [table["cells"].get(str(muni.pk), {}).get(k) for k in keys],
                },
                stated.get(str(muni.pk)),
                keys,
            )
            for muni in municipalities
        ]
        if has_cells
        else []
    )
    totals, computed = region_totals(periods, rows, table["totals"])
    total = {"area": f"Regio {region.name}", "values": totals, "computed": computed}
    return {
        "code": table["code"],
        "name": table["name"],
        "unit": table["unit"],
        "source": table["source"],
        "threshold": table["threshold"],
        "periods": periods,
        "rows": rows,
        "total": with_stated(total, stated.get("total"), keys),
        "notes": table["notes"],
    }


def region_totals(
    periods: list[dict[str, Any]], rows: list[dict[str, Any]], stored: Mapping[str, Any]
) -> tuple[list[Any], list[bool]]:
    """The region's value per period: as measured for the region when there is one, else the
    sum of the municipalities when every one of them has a value (marked computed), else
    unknown. Returns the values and, per period, whether it was computed."""
    totals: list[Any] = []
    computed: list[bool] = []
    for i, p in enumerate(periods):
        if p["key"] in stored:
            totals.append(stored[p["key"]])
            computed.append(False)
        elif rows and all(r["values"][i] is not None for r in rows):
            totals.append(plain_number(sum(Decimal(str(r["values"][i])) for r in rows)))
            computed.append(True)
        else:
            totals.append(None)
            computed.append(False)
    return totals, computed


def filter_years(programme: Programme) -> list[int]:
    """The years a reader can choose on the dashboard: those with a measurement of the
    region or a planned milestone of the programme, newest first (one query)."""
    region_id = programme.region_id
    measured = (
        Measurement.objects.filter(Q(region_id=region_id) | Q(municipality__region_id=region_id))
        .annotate(year=ExtractYear("period_start"))
        .values_list("year")
        .order_by()
    )
    planned = (
        Milestone.objects.filter(programme=programme, planned_year__isnull=False)
        .values_list("planned_year")
        .order_by()
    )
    return sorted({int(year) for (year,) in measured.union(planned)}, reverse=True)


def own_municipality(user: AnyUser, municipalities: Iterable[Municipality]) -> Municipality | None:
    """The reader's own municipality among `municipalities` (a region's), from their
    raadslid or wethouder membership: the dashboard opens on it. None when they have none
    there, or more than one (then no choice is made for them)."""
    mine = [m for m in municipalities if m.pk in scope_for(user).municipalities]
    return mine[0] if len(mine) == 1 else None


def latest_sent_report(programme: Programme, user: AnyUser) -> ProgressReport | None:
    """The last sent progress report of `programme`, whose dashboard `user` may open.

    Readers of the dashboard (a raadslid too) may see its "as reported" state: only the
    report's `snapshot["dashboard"]` is shown, the same data as the live dashboard, never the
    rest of the report.
    """
    return (
        ProgressReport.objects.filter(
            programme__in=dashboard_programmes(user),
            programme=programme,
            status=ReportStatus.SENT,
        )
        .order_by("-period", "-version")
        .first()
    )


def dashboard_programmes(user: AnyUser) -> QuerySet[Programme]:
    """Programmes whose dashboard the user may open: council, wethouder, project team, rijk.

    Starts from `Programme.objects.visible_to` (readers only see adopted programmes) and
    leaves out what a ketenpartner sees only through its actions: dashboards are for the
    council, the wethouder and the project team, not for partners.
    """
    scope = scope_for(user)
    programmes = Programme.objects.visible_to(user)
    if scope.is_admin:
        return programmes
    condition = Q(region_id__in=scope.projectleider_regions | scope.reader_regions)
    if scope.is_rijk:
        condition |= Q(status__in=PUBLISHED_STATUSES)
    return programmes.filter(condition)
