from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from .models import Action


class ActionDetailView(DetailView):
    template_name = "actions/action_detail.html"
    context_object_name = "action"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Action.objects.visible_to(self.request.user)
            .select_related("programme__region", "action_line", "goal")
            .prefetch_related(
                "owners", "expected_results", "milestones", "budget_lines__funding_source"
            ),
            pk=self.kwargs["pk"],
        )
