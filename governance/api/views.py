"""Decision routes and toezeggingen of adopted programmes: what a region's readers may see
(`reader_condition`), for the regions the caller reads or that opened their data."""

from django.db.models import Prefetch, Q

import django_filters

from ghnt_portal.api import ReadOnlyViewSet, int_filter
from programmes.models import Programme

from ..models import Commitment, DecisionRoute, RouteStep
from ..querysets import route_readable_q
from .serializers import CommitmentSerializer, DecisionRouteSerializer


def _in_scope(queryset, user):
    return queryset.filter(
        Q(pk__in=queryset.visible_to(user).values("pk")) | Q(region__public_data=True)
    )


class DecisionRouteFilter(django_filters.FilterSet):
    programme = int_filter()

    class Meta:
        model = DecisionRoute
        fields = ["programme"]


class DecisionRouteViewSet(ReadOnlyViewSet):
    """Besluitvormingsroutes van vastgestelde programma's (en vastgestelde andere stukken)."""

    serializer_class = DecisionRouteSerializer
    filterset_class = DecisionRouteFilter

    def get_queryset(self):
        routes = DecisionRoute.objects.filter(route_readable_q())
        return (
            _in_scope(routes, self.request.user)
            .select_related("region")
            .prefetch_related(Prefetch("steps", queryset=RouteStep.objects.select_related("body")))
            .order_by("region__name", "title", "pk")
        )


class CommitmentViewSet(ReadOnlyViewSet):
    """Toezeggingen aan de raad, behalve die bij acties van een concept."""

    serializer_class = CommitmentSerializer
    filterset_fields = ["status"]

    def get_queryset(self):
        user = self.request.user
        commitments = Commitment.objects.filter(Commitment.objects.reader_condition())
        # Action, without importing the actions app (it sits above governance); its only
        # manager is `objects`.
        action_model = Commitment._meta.get_field("actions").related_model
        open_actions = action_model._default_manager.filter(
            programme__in=Programme.objects.open_data_for(user).values("pk")
        )
        return (
            _in_scope(commitments, user)
            .select_related("region", "made_to")
            .prefetch_related(Prefetch("actions", queryset=open_actions, to_attr="open_actions"))
            .order_by("region__name", "due_date", "number", "pk")
        )
