import django_filters

from ghnt_portal.api import ReadOnlyViewSet

from ..constants import PUBLISHED_STATUSES, ProgrammeStatus
from ..models import Programme
from .serializers import ProgrammeSerializer


class ProgrammeFilter(django_filters.FilterSet):
    region = django_filters.CharFilter(field_name="region__slug", label="regio (korte naam)")
    status = django_filters.ChoiceFilter(
        choices=[(s.value, s.label) for s in ProgrammeStatus if s in PUBLISHED_STATUSES]
    )

    class Meta:
        model = Programme
        fields = ["region", "status"]


class ProgrammeViewSet(ReadOnlyViewSet):
    """Vastgestelde (en afgeronde) actieprogramma's; nooit concepten."""

    serializer_class = ProgrammeSerializer
    filterset_class = ProgrammeFilter

    def get_queryset(self):
        return (
            Programme.objects.open_data_for(self.request.user)
            .select_related("region")
            .order_by("region__name", "pk")
        )
