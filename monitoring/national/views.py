"""The national portfolio for the Rijk and beheerders: all regions side by side, one region,
and the inbox of every sent report. Others are refused (403)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.views.generic import ListView, TemplateView

from programmes.access import scope_for
from programmes.models import Region

from .services import national_portfolio, sent_reports


class NationalAccessMixin:
    def dispatch(self, request, *args, **kwargs):
        scope = scope_for(request.user)
        offered = hasattr(self, request.method.lower())  # else the view answers 405
        if offered and not (scope.is_rijk or scope.is_admin):
            raise PermissionDenied("Het landelijke overzicht is voor het Rijk en beheerders.")
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class NationalView(NationalAccessMixin, TemplateView):
    """Every region with its programmes in any public state and their headline figures."""

    template_name = "monitoring/national.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["regions"], context["national"] = national_portfolio(self.request.user)
        return context


class NationalRegionView(NationalAccessMixin, TemplateView):
    """One region in the national portfolio: its programmes, figures and sent reports."""

    template_name = "monitoring/national_region.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Every region is the Rijk's to see (Region.visible_to); not found is a 404.
        region = get_object_or_404(
            Region.objects.visible_to(self.request.user), slug=kwargs["slug"]
        )
        regions, _ = national_portfolio(self.request.user, region=region)
        context["entry"] = regions[0]
        context["reports"] = list(sent_reports(self.request.user).filter(programme__region=region))
        return context


class NationalReportsView(NationalAccessMixin, ListView):
    """The inbox: every sent report of every region, newest first, with its download."""

    template_name = "monitoring/national_reports.html"
    context_object_name = "reports"
    paginate_by = 50

    def get_queryset(self):
        return sent_reports(self.request.user)
