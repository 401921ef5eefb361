from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from programmes.access import may

from ..models import Action, BudgetLine
from ..services.history import action_timeline


class ActionDetailView(DetailView):
    template_name = "actions/action_detail.html"
    context_object_name = "action"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Action.objects.visible_to(self.request.user)
            .select_related("programme__region", "action_line", "goal")
            .prefetch_related(
                "owners",
                "expected_results",
                "milestones",
                "risks",
                Prefetch(
                    "budget_lines",
                    queryset=BudgetLine.objects.select_related("funding_source").order_by(
                        "order", "funding_source__order"
                    ),
                ),
            ),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        action = self.object
        context["can_edit"] = may(self.request.user, action.programme)
        context["timeline"] = action_timeline(action)
        context["risks"] = action.risks.all()
        context["next_url"] = self.request.get_full_path()
        return context
