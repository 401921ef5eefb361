"""Public pages: every object comes from `Programme.objects.public()` (adopted programmes of
regions with `public_data`), for every visitor alike, signed in or not; the rest is 404."""

from django.contrib.auth.decorators import login_not_required
from django.db.models import OuterRef, Prefetch, Subquery
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView

from actions.constants import MilestoneState, ReviewStatus
from actions.models import Action, Milestone, StatusUpdate
from actions.services.planning import milestone_grid
from programmes.models import Programme

from ..dashboard.services import PROGRESS_RULE, action_line_progress


def _with_explanation(actions):
    """The remark of the latest *accepted* status update: the public explanation. Submitted
    and returned updates and review remarks are internal and never shown here."""
    accepted = StatusUpdate.objects.filter(
        action=OuterRef("pk"), review_status=ReviewStatus.ACCEPTED
    ).order_by("-created_at", "-pk")
    return actions.annotate(
        explanation=Subquery(accepted.values("remark")[:1]),
        explanation_date=Subquery(accepted.values("created_at")[:1]),
    )


@method_decorator(login_not_required, name="dispatch")
class PublicIndexView(ListView):
    template_name = "monitoring/public/index.html"
    context_object_name = "programmes"

    def get_queryset(self):
        return Programme.objects.public().select_related("region").order_by("region__name", "pk")


@method_decorator(login_not_required, name="dispatch")
class PublicProgrammeView(DetailView):
    template_name = "monitoring/public/programme.html"
    context_object_name = "programme"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Programme.objects.public().select_related("region"), pk=self.kwargs["pk"]
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = self.object
        actions = _with_explanation(Action.objects.order_by("order", "code"))
        lines = list(
            action_line_progress(programme).prefetch_related(Prefetch("actions", queryset=actions))
        )
        milestones = list(Milestone.objects.filter(programme=programme).select_related("action"))
        context.update(
            action_lines=lines,
            progress_rule=PROGRESS_RULE,
            milestone_grid=milestone_grid(lines, milestones),
            milestone_count=len(milestones),
            done_count=sum(1 for m in milestones if m.state() == MilestoneState.DONE),
        )
        return context


@method_decorator(login_not_required, name="dispatch")
class PublicActionView(DetailView):
    template_name = "monitoring/public/action.html"
    context_object_name = "action"

    def get_object(self, queryset=None):
        return get_object_or_404(
            _with_explanation(
                Action.objects.filter(programme__in=Programme.objects.public())
            ).select_related("programme__region", "action_line"),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        milestones = list(self.object.milestones.order_by("order"))
        for m in milestones:
            m.current_state = m.state()
        context["milestones"] = milestones
        context["programme"] = self.object.programme
        return context
