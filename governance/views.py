"""Governance pages: thin views over scoped querysets, forms and services.

Every page hangs off a region the user may read (`governance_region_ids`); objects come
from `visible_to(user)` (404 otherwise) and change views require `editable_by(user)`
(403 when the user may read but not change).
"""

import itertools

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.views import View
from django.views.generic import DetailView, TemplateView

from actions.models import Action, Milestone
from programmes.access import scope_for
from programmes.models import Region

from . import services
from .filters import CommitmentFilterSet, DecisionFilterSet, MeetingFilterSet
from .forms import (
    CommitmentForm,
    DecisionForm,
    DecisionPointFormSet,
    DecisionRouteForm,
    MeetingForm,
    RouteStepFormSet,
    SettleCommitmentForm,
)
from .ical import region_calendar
from .models import Commitment, Decision, DecisionRoute, Meeting, RouteStep
from .querysets import governance_region_ids


def regions_visible_to(user):
    ids = governance_region_ids(user)
    regions = Region.objects.all()
    return regions if ids is None else regions.filter(pk__in=ids)


def _can_edit_region(user, region) -> bool:
    return scope_for(user).edits_region(region.pk)


def _require_editable(queryset, user, obj):
    """403 when the user may read the object (it was found) but not change it."""
    if not queryset.editable_by(user).filter(pk=obj.pk).exists():
        raise PermissionDenied("U mag dit niet wijzigen.")


class RegionMixin:
    """Resolves the region from the URL among the regions the user may read (else 404)."""

    edit = False

    def dispatch(self, request, *args, **kwargs):
        if not hasattr(self, request.method.lower()):
            return self.http_method_not_allowed(request, *args, **kwargs)
        self.region = get_object_or_404(
            regions_visible_to(request.user), slug=self.kwargs["region"]
        )
        self.can_edit = _can_edit_region(request.user, self.region)
        if self.edit and not self.can_edit:
            raise PermissionDenied("Alleen de projectleider van de regio mag dit wijzigen.")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(region=self.region, can_edit=self.can_edit)
        return context


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
        context["routes"] = _routes(user, self.region)
        context["commitment_counts"] = commitments.aggregate(
            open=Count("pk", filter=Q(status="open")),
            overdue=Count("pk", filter=Q(status="open", due_date__lt=today)),
        )
        context["upcoming_meetings"] = (
            Meeting.objects.visible_to(user)
            .filter(body__region=self.region, date__gte=today)
            .select_related("body")
            .order_by("date")[:5]
        )
        return context


class MeetingListView(RegionMixin, TemplateView):
    template_name = "governance/meeting_list.html"

    def get_filter(self):
        queryset = (
            Meeting.objects.visible_to(self.request.user)
            .filter(body__region=self.region)
            .select_related("body")
            .annotate(
                milestone_count=Count("milestones", distinct=True),
                step_count=Count("route_steps", distinct=True),
            )
            .order_by("date", "body__name")
        )
        return MeetingFilterSet(self.request.GET or None, queryset=queryset, region=self.region)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.get_filter()
        context["meetings"] = context["filter"].qs
        return context


class MeetingMonthView(MeetingListView):
    """The calendar as one accessible table per month."""

    template_name = "governance/meeting_months.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        months = []
        for _month, group in itertools.groupby(
            context["meetings"], key=lambda m: (m.date.year, m.date.month)
        ):
            meetings = list(group)
            months.append((date_format(meetings[0].date, "F Y"), meetings))
        context["months"] = months
        return context


class MeetingDetailView(DetailView):
    """The agenda of a meeting: milestones, documents on their route, toezeggingen due."""

    template_name = "governance/meeting_detail.html"
    context_object_name = "meeting"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Meeting.objects.visible_to(self.request.user).select_related("body__region"),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, meeting = self.request.user, self.object
        region = meeting.body.region
        first, last = meeting.period
        context["region"] = region
        context["can_edit"] = _can_edit_region(user, region)
        context["milestones"] = (
            Milestone.objects.visible_to(user)
            .filter(meeting=meeting)
            .select_related("action", "programme")
            .order_by("programme__title", "order")
        )
        context["steps"] = (
            RouteStep.objects.filter(route__in=DecisionRoute.objects.visible_to(user))
            .filter(
                Q(meeting=meeting)
                | Q(meeting__isnull=True, body_id=meeting.body_id, date__range=(first, last))
            )
            .select_related("route__programme", "body")
            .order_by("route__title", "order")
        )
        next_meeting = Meeting.objects.visible_to(user).next_of_body(meeting)
        commitments = (
            Commitment.objects.visible_to(user)
            .open()
            .filter(region=region, due_date__isnull=False)
            .select_related("made_to")
            .order_by("due_date", "number")
        )
        if next_meeting:
            commitments = commitments.filter(due_date__lt=next_meeting.date)
        context["next_meeting"] = next_meeting
        context["commitments"] = commitments
        context["today"] = timezone.localdate()
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


class FormPageMixin:
    """Shared GET/POST handling for a model form with optional inline formset."""

    template_name = "governance/form.html"
    form_class = None
    formset_class = None
    title = ""

    def get_form_kwargs(self):
        return {"region": self.region}

    def build(self, instance, data=None):
        form = self.form_class(data, instance=instance, **self.get_form_kwargs())
        formset = None
        if self.formset_class:
            formset = self.formset_class(
                data,
                instance=instance,
                form_kwargs=self.get_formset_form_kwargs(),
                prefix=self.formset_prefix,
            )
        return form, formset

    def get_formset_form_kwargs(self):
        return {}

    def render_page(self, form, formset):
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "formset": formset,
                "region": self.region,
                "title": self.get_title(),
                "cancel_url": self.get_cancel_url(),
                "formset_legend": getattr(self, "formset_legend", ""),
                "row_label": getattr(self, "row_label", ""),
            },
        )

    def get_title(self):
        return self.title

    def get(self, request, *args, **kwargs):
        form, formset = self.build(self.get_instance())
        return self.render_page(form, formset)

    def post(self, request, *args, **kwargs):
        form, formset = self.build(self.get_instance(), request.POST)
        if form.is_valid() and (formset is None or formset.is_valid()):
            obj = self.save(form, formset)
            messages.success(request, self.success_message)
            return redirect(obj.get_absolute_url())
        messages.error(request, "Er ging iets mis: bekijk de meldingen bij de velden.")
        return self.render_page(form, formset)


class RegionCreateMixin(RegionMixin):
    edit = True

    def get_cancel_url(self):
        return reverse(self.cancel_url_name, kwargs={"region": self.region.slug})


class ObjectEditMixin:
    """Edits an object found among the visible ones (404), if editable (else 403)."""

    model = None

    def dispatch(self, request, *args, **kwargs):
        if not hasattr(self, request.method.lower()):
            return self.http_method_not_allowed(request, *args, **kwargs)
        queryset = self.model.objects.visible_to(request.user)
        self.object = get_object_or_404(self.scoped(queryset), pk=kwargs["pk"])
        _require_editable(self.model.objects, request.user, self.object)
        self.region = self.object_region()
        return super().dispatch(request, *args, **kwargs)

    def scoped(self, queryset):
        return queryset.select_related("region")

    def object_region(self):
        return self.object.region

    def get_instance(self):
        return self.object

    def get_cancel_url(self):
        return self.object.get_absolute_url()


# --- meetings -----------------------------------------------------------------------------


class MeetingCreateView(RegionCreateMixin, FormPageMixin, View):
    form_class = MeetingForm
    title = "Nieuwe vergadering"
    success_message = "De vergadering is opgeslagen."
    cancel_url_name = "governance:meeting_list"

    def get_instance(self):
        return Meeting()

    def save(self, form, formset):
        return form.save()


class MeetingUpdateView(ObjectEditMixin, FormPageMixin, View):
    model = Meeting
    form_class = MeetingForm
    success_message = "De vergadering is opgeslagen."

    def scoped(self, queryset):
        return queryset.select_related("body__region")

    def object_region(self):
        return self.object.body.region

    def get_title(self):
        return f"Vergadering wijzigen: {self.object}"

    def save(self, form, formset):
        return form.save()


# --- routes -------------------------------------------------------------------------------


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


# --- decisions ----------------------------------------------------------------------------


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
        context["can_edit"] = _can_edit_region(self.request.user, self.object.region)
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


# --- toezeggingen -------------------------------------------------------------------------


class CommitmentListView(RegionMixin, TemplateView):
    """Open and overdue toezeggingen of the region, and a filterable list of all."""

    template_name = "governance/commitment_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        queryset = (
            Commitment.objects.visible_to(self.request.user)
            .filter(region=self.region)
            .select_related("made_to", "made_in__body")
            .order_by("status", "due_date", "number")
        )
        context["today"] = today
        context["counts"] = queryset.aggregate(
            open=Count("pk", filter=Q(status="open")),
            overdue=Count("pk", filter=Q(status="open", due_date__lt=today)),
        )
        context["filter"] = CommitmentFilterSet(
            self.request.GET or None, queryset=queryset, region=self.region
        )
        context["commitments"] = context["filter"].qs
        return context


class CommitmentDetailView(DetailView):
    template_name = "governance/commitment_detail.html"
    context_object_name = "commitment"

    def get_object(self, queryset=None):
        user = self.request.user
        actions = Action.objects.visible_to(user).select_related("programme").order_by("code")
        return get_object_or_404(
            Commitment.objects.visible_to(user)
            .select_related("region", "made_to", "made_in__body")
            .prefetch_related(Prefetch("actions", queryset=actions)),
            pk=self.kwargs["pk"],
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["region"] = self.object.region
        context["can_edit"] = _can_edit_region(self.request.user, self.object.region)
        return context


class CommitmentFormMixin(FormPageMixin):
    form_class = CommitmentForm
    success_message = "De toezegging is opgeslagen."

    def get_form_kwargs(self):
        return {"region": self.region, "user": self.request.user}

    def save(self, form, formset):
        return services.save_commitment(form)


class CommitmentCreateView(RegionCreateMixin, CommitmentFormMixin, View):
    title = "Nieuwe toezegging"
    cancel_url_name = "governance:commitment_list"

    def get_instance(self):
        return Commitment(region=self.region)


class CommitmentUpdateView(ObjectEditMixin, CommitmentFormMixin, View):
    model = Commitment

    def get_title(self):
        return f"Toezegging wijzigen: {self.object.number}"


class CommitmentSettleView(ObjectEditMixin, View):
    """Afdoen: the answer, the document that settles it and the date."""

    model = Commitment
    template_name = "governance/commitment_settle.html"

    def render_page(self, form):
        return render(
            self.request,
            self.template_name,
            {"form": form, "commitment": self.object, "region": self.region},
        )

    def get(self, request, *args, **kwargs):
        initial = {
            "answer": self.object.answer,
            "settled_by": self.object.settled_by,
            "settled_on": self.object.settled_on or timezone.localdate(),
        }
        return self.render_page(SettleCommitmentForm(initial=initial, commitment=self.object))

    def post(self, request, *args, **kwargs):
        form = SettleCommitmentForm(request.POST, commitment=self.object)
        if not form.is_valid():
            messages.error(request, "Er ging iets mis: bekijk de meldingen bij de velden.")
            return self.render_page(form)
        services.settle_commitment(self.object, **form.cleaned_data)
        messages.success(request, f"Toezegging {self.object.number} is afgedaan.")
        return redirect(self.object.get_absolute_url())


# --- calendar export ----------------------------------------------------------------------


class CalendarExportView(RegionMixin, View):
    def get(self, request, *args, **kwargs):
        calendar = region_calendar(self.region, request.user)
        response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="ghnt-{self.region.slug}.ics"'
        return response
