from django.db.models import Count
from django.views.generic import ListView

from .models import Programme, Region
from .start import panels_for


class HomeView(ListView):
    """The personal start page: what the user has to do next (the panels the apps register,
    programmes.start), then the programmes of the user's region(s), grouped by region."""

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
        context["panels"] = panels_for(self.request)
        return context
