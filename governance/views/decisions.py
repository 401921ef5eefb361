"""Decisions (besluiten) with their besluitpunten."""

from django.db.models import Count
from django.shortcuts import get_object_or_404
from django.views import View
from django.views.generic import DetailView, TemplateView

from .. import services
from ..filters import DecisionFilterSet
from ..forms import DecisionForm, DecisionPointFormSet
from ..models import Decision, DecisionRoute
from .base import FormPageMixin, ObjectEditMixin, RegionCreateMixin, RegionMixin, can_edit_region


class DecisionListView(RegionMixin, TemplateView):
    template_name = "governance/decision_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queryset = (
            Decision.objects.visible_to(self.request.user)
            .filter(region=self.region)
            .select_related("body", "route_step__route")
            .annotate(point_count=Count("points"))
            .order_by("-date", "number")
        )
        context["filter"] = DecisionFilterSet(
            self.request.GET or None, queryset=queryset, region=self.region
        )
        context["decisions"] = context["filter"].qs
        return context


class DecisionDetailView(DetailView):
    template_name = "governance/decision_detail.html"
    context_object_name = "decision"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Decision.objects.visible_to(self.request.user)
            .select_related("region", "body", "route_step__route", "route_step__body")
            .prefetch_related("points"),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["region"] = self.object.region
        context["can_edit"] = can_edit_region(self.request.user, self.object.region)
        step = self.object.route_step
        # The route is shown as a link only if the reader may open it.
        context["route_visible"] = bool(
            step
            and DecisionRoute.objects.visible_to(self.request.user)
            .filter(pk=step.route_id)
            .exists()
        )
        return context


class DecisionFormMixin(FormPageMixin):
    form_class = DecisionForm
    formset_class = DecisionPointFormSet
    formset_prefix = "points"
    formset_legend = "Besluitpunten (in volgorde)"
    row_label = "Besluitpunt"
    success_message = "Het besluit is opgeslagen."

    def save(self, form, formset):
        return services.save_decision(form, formset)


class DecisionCreateView(RegionCreateMixin, DecisionFormMixin, View):
    title = "Nieuw besluit"
    cancel_url_name = "governance:decision_list"

    def get_instance(self):
        return Decision(region=self.region)


class DecisionUpdateView(ObjectEditMixin, DecisionFormMixin, View):
    model = Decision

    def get_title(self):
        return f"Besluit wijzigen: {self.object.number}"
