"""Journey 2: ketenpartners report progress on their actions; the projectleider reviews.

Every object is fetched from a scoped queryset: what a user cannot see answers 404; what it
can see but may not change answers 403 (Action.objects.updatable_by,
StatusUpdate.objects.reviewable_by).
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from ghnt_portal.periods import Quarter, reporting_period
from programmes.access import get_editable_or_403, scope_for

from .. import services
from ..constants import MilestoneState, ReviewStatus
from ..forms import ReviewForm, StatusUpdateForm
from ..models import Action, Milestone, StatusUpdate
from ..models.updates import EXPLANATION_FIELDS


@require_http_methods(["GET"])
def my_actions(request):
    """A ketenpartner's actions across its programmes, with what is due."""
    user = request.user
    if not scope_for(user).partner_organisations:
        raise PermissionDenied("Deze pagina is er voor ketenpartners.")
    today = timezone.localdate()
    period = reporting_period(today)  # what the next report covers
    this_quarter = Quarter.of(today)
    coming = {this_quarter, this_quarter.next()}
    actions: list[Any] = list(  # annotated rows that get the page's per-action lists below
        Action.objects.owned_by(user)
        .visible_to(user)
        .select_related("programme__region", "action_line")
        .prefetch_related(
            "owners",
            Prefetch(
                "milestones",
                queryset=Milestone.objects.open().order_by("order"),
                to_attr="open_milestones",
            ),
        )
        .with_update_in(period)
        .with_latest_update(user)
        .order_by("programme__region__name", "programme__title", "order", "code")
    )
    totals = {"without_update": 0, "overdue": 0, "due": 0}
    for action in actions:
        action.overdue_milestones = [
            m for m in action.open_milestones if m.state(today) == MilestoneState.OVERDUE
        ]
        action.due_milestones = [m for m in action.open_milestones if m.quarter in coming]
        action.latest_update_returned = action.latest_update_status == ReviewStatus.RETURNED
        totals["without_update"] += not action.has_update
        totals["overdue"] += len(action.overdue_milestones)
        totals["due"] += len(action.due_milestones)
    return TemplateResponse(
        request,
        "actions/my_actions.html",
        {
            "actions": actions,
            "period": period,
            "this_quarter": this_quarter,
            "next_quarter": this_quarter.next(),
            "totals": totals,
        },
    )


def _latest_own_update(user, action):
    """The newest update on the action by the user's organisation(s), or by the user."""
    scope = scope_for(user)
    updates = StatusUpdate.objects.visible_to(user).filter(action=action)
    if scope.partner_organisations:
        updates = updates.filter(organisation_id__in=scope.partner_organisations)
    else:
        updates = updates.filter(author=user)
    return updates.prefetch_related("results").order_by("-created_at").first()


def _remark_and_explanation(explanation: dict[str, str]) -> dict[str, Any]:
    remark = explanation.pop("remark", "")
    return {"remark": remark, "explanation": explanation}


@require_http_methods(["GET", "POST"])
def update_create(request, pk):
    """Post a status update on an action the user's organisation owns."""
    user = request.user
    action = get_editable_or_403(
        Action.objects.select_related("programme__region", "action_line").prefetch_related(
            "owners", "expected_results", "milestones"
        ),
        user,
        "Alleen de eigenaren van deze actie geven er voortgang op.",
        "updatable_by",
        pk=pk,
    )

    previous = _latest_own_update(user, action)
    returned = previous if previous and previous.review_status == ReviewStatus.RETURNED else None
    initial: dict[str, Any] = {"status": action.status, "progress": action.progress}
    if request.GET.get("periode"):  # the reminder's link names the period to report on
        initial["period"] = request.GET["periode"]
    if returned:
        initial = {"status": returned.status, "progress": returned.progress}
        initial["period"] = returned.reporting_period
        for name in EXPLANATION_FIELDS:
            initial[name] = getattr(returned, name)
        for reported in returned.results.all():
            initial[f"resultaat_{reported.expected_result_id}"] = reported.achieved_value

    form = StatusUpdateForm(request.POST or None, action=action, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            update = services.submit_status_update(
                action=action,
                author=user,
                status=form.cleaned_data["status"],
                progress=form.cleaned_data["progress"],
                results=form.results(),
                milestones_done=form.milestones(),
                period=form.half_year,
                **_remark_and_explanation(form.explanation()),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if update.review_status == ReviewStatus.ACCEPTED:
                messages.success(request, "De voortgang is bijgewerkt.")
                return redirect(action)
            messages.success(
                request,
                f"Uw voortgangsupdate op actie {action.code} is ingediend. De projectleider "
                "beoordeelt hem; na acceptatie worden de waarden in de actie overgenomen.",
            )
            if scope_for(user).partner_organisations:
                return redirect("actions:mine")
            return redirect(action)
    return TemplateResponse(
        request,
        "actions/update_form.html",
        {"action": action, "form": form, "returned": returned, "previous": previous},
    )


@require_http_methods(["GET", "POST"])
def update_review(request, pk):
    """The projectleider accepts a status update or returns it with a remark."""
    user = request.user
    update = get_editable_or_403(
        StatusUpdate.objects.select_related(
            "action__programme__region", "author", "organisation", "reviewed_by"
        ).prefetch_related("results__expected_result", "milestone_reports__milestone"),
        user,
        "Alleen de projectleider beoordeelt voortgangsupdates.",
        "reviewable_by",
        pk=pk,
    )
    form = ReviewForm(request.POST or None, update=update)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == ReviewForm.ACCEPT:
                services.accept_update(update=update, reviewer=user, explanation=form.explanation())
                messages.success(
                    request, "De update is geaccepteerd en de waarden staan nu in de actie."
                )
            else:
                services.return_update(
                    update=update, reviewer=user, remark=form.cleaned_data["review_remark"]
                )
                messages.success(request, "De update is teruggestuurd naar de ketenpartner.")
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(update.action)
    return TemplateResponse(
        request,
        "actions/update_review.html",
        {"update": update, "action": update.action, "form": form},
    )


@require_http_methods(["POST"])
def updates_accept_all(request, pk):
    """The projectleider accepts every pending update of the action, oldest first."""
    action = get_editable_or_403(
        Action.objects.all(),
        request.user,
        "Alleen de projectleider beoordeelt voortgangsupdates.",
        pk=pk,
    )
    accepted = services.accept_all_in_order(action=action, reviewer=request.user)
    if accepted:
        messages.success(
            request,
            f"{len(accepted)} update{'s' if len(accepted) != 1 else ''} in volgorde "
            "geaccepteerd (oudste eerst); de waarden van de nieuwste staan nu in de actie.",
        )
    else:
        messages.info(request, "Er wachtten geen updates meer op beoordeling.")
    return redirect(action)
