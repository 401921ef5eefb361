"""The national overview: every region side by side, for the Rijk and beheerders."""

from django.core.exceptions import PermissionDenied
from django.views.generic import TemplateView

from programmes.access import scope_for

from .services import national_overview


class NationalView(TemplateView):
    template_name = "monitoring/national.html"

    def get(self, request, *args, **kwargs):
        scope = scope_for(request.user)
        if not (scope.is_rijk or scope.is_admin):
            raise PermissionDenied("Het landelijke overzicht is voor het Rijk en beheerders.")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = national_overview(self.request.user)
        context["rows"] = rows
        context["totals"] = {
            "programmes": sum(r["programmes"] for r in rows),
            "overdue": sum(r["overdue"] for r in rows),
            "reports_sent": sum(r["reports_sent"] for r in rows),
        }
        return context
