"""The programme page (journey 1): the plan as the region prints it.

Action lines with their actions, overdue and next milestones, the milestone grid (table
3.3) and the finance table (table 3.4). Everything on it is actions data, so the page lives
here, one floor above `programmes`; its URL stays /programmas/<pk>/ (name
`programmes:detail`), mounted by the composition root `ghnt_portal/urls.py`.
"""

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.views import View
from django.views.generic import DetailView

from programmes.access import get_editable_or_403, get_visible_or_404
from programmes.documents.querysets import documents_json
from programmes.models import ActionLine, Programme

from ..constants import MilestoneState
from ..forms import StatedBudgetForm
from ..models import Action, Milestone, Risk
from ..services.budget import budget_overview
from ..services.planning import milestone_grid


class ProgrammeDetailView(DetailView):
    template_name = "actions/programme_detail.html"
    context_object_name = "programme"

    def get_object(self, queryset=None):
        # The documents panel's rows ride along (programmes/documents: no query of its own).
        programmes = Programme.objects.select_related("region").annotate(
            document_items=documents_json(Programme)
        )
        return get_visible_or_404(programmes, self.request.user, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = self.object
        user = self.request.user
        actions = (
            Action.objects.order_by("order", "code")
            .prefetch_related("owners")
            .with_overdue()
            .with_latest_update(user)
        )
        action_lines = list(
            ActionLine.objects.filter(programme=programme)
            .select_related("goal")
            .prefetch_related(Prefetch("actions", queryset=actions))
        )
        milestones = list(
            Milestone.objects.filter(programme=programme).select_related("action", "meeting")
        )
        state = {m.pk: m.state() for m in milestones}
        context["action_lines"] = action_lines
        context["goals"] = programme.goals.all()
        context["sections"] = programme.sections.all()
        context["participants"] = programme.participants.all()
        context["milestones"] = milestones
        context["milestone_grid"] = milestone_grid(action_lines, milestones)
        context["overdue_milestones"] = [
            m for m in milestones if state[m.pk] == MilestoneState.OVERDUE
        ]
        context["next_milestones"] = sorted(
            (m for m in milestones if state[m.pk] in (MilestoneState.DUE, MilestoneState.PLANNED)),
            key=lambda m: (m.quarter, m.order),
        )[:8]
        context["budget"] = budget_overview(programme)
        context["risks"] = Risk.objects.filter(programme=programme).select_related("action")
        context["can_edit"] = programme.is_editable_by(user)
        context["next_url"] = self.request.get_full_path()
        return context


class StatedBudgetView(View):
    """The plan's own budget total (`Programme.stated_budget_total`): set by the region's
    projectleider, shown beside the sum the portal computes from the budget lines."""

    template_name = "actions/stated_budget_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.programme = get_editable_or_403(
            Programme.objects.select_related("region"),
            request.user,
            "Alleen de projectleider van de regio wijzigt de begroting.",
            pk=kwargs["pk"],
        )
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk):
        return self._render(StatedBudgetForm(instance=self.programme))

    def post(self, request, pk):
        form = StatedBudgetForm(request.POST, instance=self.programme)
        if not form.is_valid():
            return self._render(form)
        form.save()
        messages.success(request, "De begroting volgens het plan is opgeslagen.")
        return redirect(f"{self.programme.get_absolute_url()}#budget-per-bron")

    def _render(self, form):
        overview = budget_overview(self.programme)
        context = {"form": form, "programme": self.programme, "budget": overview}
        return render(self.request, self.template_name, context)
