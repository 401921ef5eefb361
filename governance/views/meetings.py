"""Meetings: the calendar as a list and per month, and a meeting's agenda."""

import itertools

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.formats import date_format
from django.views import View
from django.views.generic import DetailView, TemplateView

from ghnt_portal.relations import model_across

from ..filters import MeetingFilterSet
from ..forms import MeetingForm
from ..models import Commitment, DecisionRoute, Meeting, RouteStep
from .base import FormPageMixin, ObjectEditMixin, RegionCreateMixin, RegionMixin, can_edit_region


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
        context["can_edit"] = can_edit_region(user, region)
        # Milestones (actions, one floor up) tied to this meeting: Milestone.meeting's
        # reverse side, scoped by the milestones' own visible_to.
        milestone_model = model_across(Meeting, "milestones")
        context["milestones"] = (
            milestone_model.objects.visible_to(user)
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
