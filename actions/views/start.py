"""The actions app's panels on the personal start page (programmes.start) and the
projectleider's review queue.

Projectleider: the updates waiting for review (oldest first) and the milestones due this
quarter or overdue. Ketenpartner: its actions that still need an update for the coming report
(the half year that report covers) and the review state of its last updates.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ghnt_portal.periods import Quarter, next_report_deadline, reported_half_year
from programmes.access import AnyUser, Scope, scope_for
from programmes.constants import ProgrammeStatus
from programmes.start import StartPanel, register_start_panel

from ..models import Action, Milestone, StatusUpdate

# How many rows a panel shows before it links to the full list.
PANEL_ROWS = 8


def updates_to_review(user: AnyUser) -> QuerySet[StatusUpdate]:
    """Submitted updates the user may accept or return, oldest first."""
    return (
        StatusUpdate.objects.reviewable_by(user)
        .submitted()
        .select_related("action__programme__region", "organisation", "author")
        .order_by("created_at", "pk")
    )


def actions_needing_update(user: AnyUser, today: datetime.date) -> QuerySet[Action]:
    """The user's organisations' actions in adopted programmes without a submitted or accepted
    update in the half year the next report covers."""
    half = reported_half_year(next_report_deadline(today))
    return (
        Action.objects.owned_by(user)
        .visible_to(user)
        .filter(programme__status=ProgrammeStatus.ADOPTED)
        .without_update_in(half)
        .select_related("programme")
        .order_by("programme__title", "order", "code")
    )


def _review_panel(request: HttpRequest, scope: Scope) -> dict[str, Any] | None:
    if not (scope.projectleider_regions or scope.is_admin):
        return None
    updates = updates_to_review(request.user)
    return {"updates": list(updates[:PANEL_ROWS]), "total": updates.count()}  # 2


def _milestone_panel(request: HttpRequest, scope: Scope) -> dict[str, Any] | None:
    if not (scope.projectleider_regions or scope.is_admin):
        return None
    today = timezone.localdate()
    quarter = Quarter.of(today)
    mine = Milestone.objects.editable_by(request.user).select_related("action", "programme")
    due = mine.due_in(quarter).order_by("programme__title", "order")
    overdue = mine.overdue(today).order_by("planned_year", "planned_quarter", "order")
    return {  # 4
        "quarter": quarter,
        "due": list(due[:PANEL_ROWS]),
        "due_total": due.count(),
        "overdue": list(overdue[:PANEL_ROWS]),
        "overdue_total": overdue.count(),
    }


def _partner_actions_panel(request: HttpRequest, scope: Scope) -> dict[str, Any] | None:
    if not scope.partner_organisations:
        return None
    today = timezone.localdate()
    report_date = next_report_deadline(today)
    return {
        "actions": list(actions_needing_update(request.user, today)),  # 1
        "report_date": report_date,
        "half": reported_half_year(report_date),
        "half_over": reported_half_year(report_date).end < today,
    }


def _partner_updates_panel(request: HttpRequest, scope: Scope) -> dict[str, Any] | None:
    if not scope.partner_organisations:
        return None
    updates = (
        StatusUpdate.objects.visible_to(request.user)
        .filter(organisation_id__in=scope.partner_organisations)
        .select_related("action", "reviewed_by")
        .order_by("-created_at", "-pk")[:PANEL_ROWS]
    )
    return {"updates": list(updates)}  # 1


def register_panels() -> None:
    for panel in (
        StartPanel("te-beoordelen", 10, "actions/start/review.html", _review_panel),
        StartPanel("mijlpalen", 20, "actions/start/milestones.html", _milestone_panel),
        StartPanel(
            "updates-nodig", 10, "actions/start/partner_actions.html", _partner_actions_panel
        ),
        StartPanel(
            "mijn-updates", 20, "actions/start/partner_updates.html", _partner_updates_panel
        ),
    ):
        register_start_panel(panel)


@require_http_methods(["GET"])
def review_queue(request):
    """Every update the projectleider still has to review, across the region's programmes."""
    scope = scope_for(request.user)
    if not (scope.projectleider_regions or scope.is_admin):
        raise PermissionDenied("Deze pagina is er voor projectleiders.")
    return TemplateResponse(
        request, "actions/review_queue.html", {"updates": list(updates_to_review(request.user))}
    )
