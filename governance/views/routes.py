"""The region's start page and its decision routes: where each document is, what comes next."""

from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View
from django.views.generic import DetailView, TemplateView

from programmes.access import scope_for

from .. import services
from ..constants import CommitmentStatus
from ..forms import DecisionRouteForm, RouteStepFormSet
from ..models import Commitment, Decision, DecisionRoute, Meeting, RouteStep
from .base import FormPageMixin, ObjectEditMixin, RegionCreateMixin, RegionMixin, regions_visible_to


class IndexView(View):
    """Besluitvorming: straight to the user's region, or a choice of regions (beheerder)."""

    def get(self, request):
        regions = list(regions_visible_to(request.user))
        if not regions:
            raise Http404("Geen besluitvorming zichtbaar.")
        if len(regions) == 1:
            return redirect("governance:region", region=regions[0].slug)
        return render(request, "governance/index.html", {"regions": regions})


def _routes(user, region):
    steps = RouteStep.objects.select_related("body", "meeting").order_by("order")
    return (
        DecisionRoute.objects.visible_to(user)
        .filter(region=region)
        .select_related("programme")
        .prefetch_related(Prefetch("steps", queryset=steps))
        .order_by("title")
    )


class RegionView(RegionMixin, TemplateView):
    """The region's decision routes, where each document is and what comes next."""

    template_name = "governance/region.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, today = self.request.user, timezone.localdate()
        commitments = Commitment.objects.visible_to(user).filter(region=self.region)
        is_open = Q(status=CommitmentStatus.OPEN)
        context["routes"] = _routes(user, self.region)
        context["commitment_counts"] = commitments.aggregate(
            open=Count("pk", filter=is_open),
            overdue=Count("pk", filter=is_open & Q(due_date__lt=today)),
        )
        context["upcoming_meetings"] = (
            Meeting.objects.visible_to(user)
            .filter(body__region=self.region, date__gte=today)
            .select_related("body")
            .order_by("date")[:5]
        )
        return context


class RouteDetailView(DetailView):
    template_name = "governance/route_detail.html"
    context_object_name = "route"

    def get_object(self, queryset=None):
        user = self.request.user
        steps = RouteStep.objects.select_related("body", "meeting").prefetch_related(
            Prefetch(
                "decisions",
                queryset=Decision.objects.visible_to(user).order_by("number"),
            )
        )
        return get_object_or_404(
            DecisionRoute.objects.visible_to(user)
            .select_related("region", "programme")
            .prefetch_related(Prefetch("steps", queryset=steps.order_by("order"))),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        scope = scope_for(self.request.user)
        context["region"] = self.object.region
        context["can_edit"] = scope.edits_region(self.object.region_id)
        # Remarks are the project team's working notes: not for raadsleden.
        context["show_remarks"] = context["can_edit"] or not scope.raadslid_regions
        return context


class RouteFormMixin(FormPageMixin):
    form_class = DecisionRouteForm
    formset_class = RouteStepFormSet
    formset_prefix = "steps"
    formset_legend = "Behandelingen (in volgorde)"
    row_label = "Behandeling"
    success_message = (
        "De besluitvormingsroute is opgeslagen; de status van het programma is bijgewerkt."
    )

    def get_formset_form_kwargs(self):
        return {"region": self.region}

    def save(self, form, formset):
        return services.save_route(form, formset)


class RouteCreateView(RegionCreateMixin, RouteFormMixin, View):
    title = "Nieuwe besluitvormingsroute"
    cancel_url_name = "governance:region"

    def get_instance(self):
        return DecisionRoute(region=self.region)


class RouteUpdateView(ObjectEditMixin, RouteFormMixin, View):
    model = DecisionRoute

    def get_title(self):
        return f"Route wijzigen: {self.object.title}"
