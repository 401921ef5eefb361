from django.db.models import Avg, Case, Count, F, IntegerField, OuterRef, Q, Subquery, Value, When

import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins

from ghnt_portal.api import ReadOnlyListViewSet, ReadOnlyViewSet, int_filter, text_filter
from programmes.models import ActionLine, Programme

from ..constants import ActionStatus, ReviewStatus
from ..models import Action, BudgetLine, Milestone, StatusUpdate
from .serializers import (
    ActionLineSerializer,
    ActionSerializer,
    BudgetTotalSerializer,
    MilestoneSerializer,
)


def _programmes(request):
    return Programme.objects.open_data_for(request.user).values("pk")


class ActionFilter(django_filters.FilterSet):
    # Plain numbers: an id outside the caller's scope filters to nothing, it is no error
    # (and does not reveal whether the object exists). Query keys in lowerCamelCase
    # (/core/query-keys-camel-case).
    programme = int_filter()
    actionLine = int_filter(field_name="action_line")
    status = django_filters.ChoiceFilter(choices=ActionStatus.choices)
    code = text_filter(10)

    class Meta:
        model = Action
        fields = ["programme", "actionLine", "status", "code"]


class ActionLineFilter(django_filters.FilterSet):
    programme = int_filter()

    class Meta:
        model = ActionLine
        fields = ["programme"]


class MilestoneFilter(django_filters.FilterSet):
    programme = int_filter()
    action = int_filter()
    plannedYear = int_filter(1900, 2100, field_name="planned_year")
    plannedQuarter = int_filter(1, 4, field_name="planned_quarter")
    letter = text_filter(4)

    class Meta:
        model = Milestone
        fields = ["programme", "action", "letter", "plannedYear", "plannedQuarter"]


class ActionLineViewSet(ReadOnlyViewSet):
    """Actielijnen van vastgestelde programma's, met de voortgang van hun acties."""

    serializer_class = ActionLineSerializer
    filterset_class = ActionLineFilter

    def get_queryset(self):
        counted = ~Q(actions__status=ActionStatus.CANCELLED) & Q(actions__isnull=False)
        return (
            ActionLine.objects.filter(programme__in=_programmes(self.request))
            .annotate(
                action_count=Count("actions", filter=counted),
                done_count=Count("actions", filter=Q(actions__status=ActionStatus.DONE)),
                progress_avg=Avg(
                    Case(
                        When(actions__status=ActionStatus.DONE, then=Value(100)),
                        default=F("actions__progress"),
                        output_field=IntegerField(),
                    ),
                    filter=counted,
                ),
            )
            .order_by("programme_id", "order")
        )


class ActionViewSet(ReadOnlyViewSet):
    """Acties met status, voortgang en de toelichting van de laatste geaccepteerde update.
    Ingediende of teruggestuurde updates en beoordelingsopmerkingen staan er nooit in."""

    serializer_class = ActionSerializer
    filterset_class = ActionFilter

    def get_queryset(self):
        accepted = StatusUpdate.objects.filter(
            action=OuterRef("pk"), review_status=ReviewStatus.ACCEPTED
        ).order_by("-created_at", "-pk")
        return (
            Action.objects.filter(programme__in=_programmes(self.request))
            .prefetch_related("owners")
            .annotate(
                explanation=Subquery(accepted.values("remark")[:1]),
                explanation_date=Subquery(accepted.values("created_at")[:1]),
            )
            .order_by("programme_id", "order", "code")
        )


class MilestoneViewSet(ReadOnlyViewSet):
    """Mijlpalen van de mijlpalenplanning, met hun stand van vandaag."""

    serializer_class = MilestoneSerializer
    filterset_class = MilestoneFilter

    def get_queryset(self):
        return (
            Milestone.objects.filter(programme__in=_programmes(self.request))
            .select_related("action")
            .order_by("programme_id", "order")
        )


class BudgetTotalFilter(django_filters.FilterSet):
    programme = int_filter(field_name="programme")


@extend_schema(responses=BudgetTotalSerializer(many=True))
class BudgetTotalViewSet(mixins.ListModelMixin, ReadOnlyListViewSet):
    """Begroting per programma en financieringsbron, opgeteld uit de regels (bedragen);
    capaciteit en pro memorie als aantal regels."""

    serializer_class = BudgetTotalSerializer
    filterset_class = BudgetTotalFilter

    def get_queryset(self):
        return (
            BudgetLine.objects.filter(programme__in=_programmes(self.request))
            ._totals("programme", "funding_source__name", "funding_source__order")
            .order_by("programme", "funding_source__order", "funding_source__name")
        )
