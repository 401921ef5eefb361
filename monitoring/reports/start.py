"""The reports' panels on the personal start page (programmes.start).

Projectleider: the next report date, the half year it covers and, per programme of the
region, how far that report is (not made yet, concept, definitief, verzonden). Readers
(wethouder, rijk) and the beheerder: the latest sent reports they may read.
"""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from ghnt_portal.periods import next_report_deadline, reported_half_year
from programmes.access import Scope
from programmes.constants import ProgrammeStatus
from programmes.models import Programme
from programmes.start import StartPanel, register_start_panel

from ..constants import ReportStatus
from ..models import ProgressReport

LATEST_SENT_ROWS = 5


def _next_report_panel(request: HttpRequest, scope: Scope) -> dict[str, Any] | None:
    if not (scope.projectleider_regions or scope.is_admin):
        return None
    report_date = next_report_deadline(timezone.localdate())
    half = reported_half_year(report_date)
    programmes = list(
        Programme.objects.editable_by(request.user)
        .filter(status=ProgrammeStatus.ADOPTED)
        .exclude(period_start__gt=half.end)
        .exclude(period_end__lt=half.start)
        .select_related("region")
        .order_by("region__name", "title")
    )  # 1
    latest: dict[int, ProgressReport] = {}
    reports = ProgressReport.objects.filter(programme__in=programmes, period=half.code)
    for report in reports.order_by("programme_id", "version"):  # 2
        latest[report.programme_id] = report  # the highest version wins
    return {
        "report_date": report_date,
        "half": half,
        "rows": [{"programme": p, "report": latest.get(p.pk)} for p in programmes],
    }


def _latest_sent_panel(request: HttpRequest, scope: Scope) -> dict[str, Any] | None:
    if not (scope.wethouder_regions or scope.is_rijk or scope.is_admin):
        return None
    sent = (
        ProgressReport.objects.visible_to(request.user)
        .filter(status=ReportStatus.SENT)
        .select_related("programme__region")
        .order_by("-sent_at", "-pk")
    )
    return {
        "reports": list(sent[:LATEST_SENT_ROWS]),
        "is_national": scope.is_rijk or scope.is_admin,
    }


def register_panels() -> None:
    register_start_panel(
        StartPanel("rapportage", 40, "monitoring/start/next_report.html", _next_report_panel)
    )
    register_start_panel(
        StartPanel("verzonden", 50, "monitoring/start/latest_sent.html", _latest_sent_panel)
    )
