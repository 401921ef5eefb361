"""The national portfolio, for the Rijk and beheerders: every region with its programmes in
any public state, their headline figures side by side, and every sent report.

Programmes in besluitvorming are listed with their state (the Rijk knows they exist), but
their figures and pages open only once they are published (`Programme.visible_to`).
A fixed number of queries, whatever the number of regions, programmes or reports.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Count, QuerySet
from django.utils import timezone

from actions.constants import ActionStatus
from actions.models import Action, BudgetLine, Milestone
from programmes.models import Programme, Region

from ..constants import ReportStatus
from ..models import ProgressReport

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser

ZERO = Decimal("0.00")
EPOCH = datetime.datetime.min.replace(tzinfo=datetime.UTC)


def _sent(report: ProgressReport) -> datetime.datetime:
    return report.sent_at or EPOCH


@dataclass
class Figures:
    """Headline figures of one programme, or summed over a region or the country."""

    actions_by_status: dict[str, int] = field(default_factory=dict)
    overdue: int = 0
    planned: Decimal = ZERO
    realised: Decimal = ZERO
    reports_sent: int = 0

    @property
    def actions(self) -> int:
        return sum(self.actions_by_status.values())

    def status_rows(self) -> list[tuple[str, str, int]]:
        """(value, Dutch label, count) for every action status, in the workflow's order."""
        return [(s.value, s.label, self.actions_by_status.get(s.value, 0)) for s in ActionStatus]

    def add(self, other: Figures) -> None:
        for status, n in other.actions_by_status.items():
            self.actions_by_status[status] = self.actions_by_status.get(status, 0) + n
        self.overdue += other.overdue
        self.planned += other.planned
        self.realised += other.realised
        self.reports_sent += other.reports_sent


@dataclass
class ProgrammeEntry:
    programme: Programme
    visible: bool  # published for this user: figures shown, pages open
    figures: Figures
    latest_report: ProgressReport | None = None


@dataclass
class RegionEntry:
    region: Region
    programmes: list[ProgrammeEntry] = field(default_factory=list)
    figures: Figures = field(default_factory=Figures)
    latest_report: ProgressReport | None = None


def sent_reports(user: AnyUser) -> QuerySet[ProgressReport]:
    """Every sent report the user may read, newest first (the national inbox). Without the
    frozen snapshot and texts: a list shows none of them, and with every region's reports
    they are megabytes of JSON to read and decode per request."""
    return (
        ProgressReport.objects.visible_to(user)
        .filter(status=ReportStatus.SENT)
        .select_related("programme__region")
        .defer("snapshot", "texts", "failure")
        .order_by("-sent_at", "-pk")
    )


def _figures_by_programme(
    programme_ids: list[int], user: AnyUser, today: datetime.date
) -> tuple[dict[int, Figures], dict[int, ProgressReport]]:
    figures: dict[int, Figures] = defaultdict(Figures)
    by_status = (
        Action.objects.filter(programme_id__in=programme_ids)
        .order_by()
        .values("programme_id", "status")
        .annotate(n=Count("pk"))
    )
    for row in by_status:  # 1
        figures[row["programme_id"]].actions_by_status[row["status"]] = row["n"]
    overdue = (
        Milestone.objects.filter(programme_id__in=programme_ids)
        .overdue(today)
        .order_by()
        .values("programme_id")
        .annotate(n=Count("pk"))
    )
    for late in overdue:  # 2
        figures[late["programme_id"]].overdue = late["n"]
    budget = BudgetLine.objects.filter(programme_id__in=programme_ids).totals_by_programme()
    for totals in budget:  # 3
        figures[totals["programme_id"]].planned = totals["planned"]
        figures[totals["programme_id"]].realised = totals["realised"]
    latest: dict[int, ProgressReport] = {}
    for report in sent_reports(user).filter(programme_id__in=programme_ids):  # 4
        figures[report.programme_id].reports_sent += 1
        latest.setdefault(report.programme_id, report)  # newest first
    return figures, latest


def national_portfolio(
    user: AnyUser, *, region: Region | None = None, today: datetime.date | None = None
) -> tuple[list[RegionEntry], Figures]:
    """Every region (or the one given) with its programmes and their figures, and the
    national totals. Six queries."""
    today = today or timezone.localdate()
    regions = Region.objects.order_by("name")
    if region is not None:
        regions = regions.filter(pk=region.pk)
    entries = {r.pk: RegionEntry(r) for r in regions}  # 1
    listed = list(
        Programme.objects.listed_nationally_for(user)
        .filter(region_id__in=entries)
        .order_by("region__name", "-period_start", "title")
    )  # 2
    visible = set(
        Programme.objects.visible_to(user)
        .filter(pk__in=[p.pk for p in listed])
        .values_list("pk", flat=True)
    )  # 3
    figures, latest = _figures_by_programme(sorted(visible), user, today)  # 4-7
    national = Figures()
    for programme in listed:
        shown = programme.pk in visible
        entry = ProgrammeEntry(
            programme,
            shown,
            figures.get(programme.pk, Figures()) if shown else Figures(),
            latest.get(programme.pk),
        )
        region_entry = entries[programme.region_id]
        region_entry.programmes.append(entry)
        region_entry.figures.add(entry.figures)
        report, newest = entry.latest_report, region_entry.latest_report
        if report and (newest is None or _sent(report) > _sent(newest)):
            region_entry.latest_report = report
    for region_entry in entries.values():
        national.add(region_entry.figures)
    return list(entries.values()), national
