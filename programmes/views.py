from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView

from actions.budget import budget_overview
from actions.constants import MilestoneState
from actions.models import Action, Milestone
from actions.planning import milestone_grid

from .models import ActionLine, Programme, Region


class HomeView(ListView):
    """Start page: the programmes of the user's region(s), grouped by region."""

    template_name = "programmes/home.html"
    context_object_name = "programmes"

    def get_queryset(self):
        return (
            Programme.objects.visible_to(self.request.user)
            .select_related("region")
            .annotate(action_count=Count("actions", distinct=True))
            .order_by("region__name", "-period_start", "title")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        regions: dict[Region, list[Programme]] = {}
        for programme in context["programmes"]:
            regions.setdefault(programme.region, []).append(programme)
        context["regions"] = regions
        return context


class ProgrammeDetailView(DetailView):
    template_name = "programmes/programme_detail.html"
    context_object_name = "programme"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Programme.objects.visible_to(self.request.user).select_related("region"),
            pk=self.kwargs["pk"],
        )

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
        for m in milestones:
            m.current_state = m.state()
        context["action_lines"] = action_lines
        context["goals"] = programme.goals.all()
        context["milestones"] = milestones
        context["milestone_grid"] = milestone_grid(action_lines, milestones)
        context["overdue_milestones"] = [
            m for m in milestones if m.current_state == MilestoneState.OVERDUE
        ]
        context["next_milestones"] = sorted(
            (
                m
                for m in milestones
                if m.current_state in (MilestoneState.DUE, MilestoneState.PLANNED)
            ),
            key=lambda m: (m.quarter, m.order),
        )[:8]
        context["budget"] = budget_overview(programme)
        context["can_edit"] = Programme.objects.editable_by(user).filter(pk=programme.pk).exists()
        context["next_url"] = self.request.get_full_path()
        return context
