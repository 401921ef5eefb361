"""Indicator measurements with the portal's small-number suppression.

Each region's indicator table (municipalities x periods, with the region's total) is
suppressed whole, exactly as the dashboard does it for the same viewer, before any filter
or page is applied, so filtering and paging can never reveal a hidden number."""

from django.db.models import Q

from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.exceptions import ValidationError

from ghnt_portal.api import ReadOnlyListViewSet
from programmes.access import scope_for
from programmes.models import Municipality, Region

from ..dashboard.charts import format_number
from ..dashboard.presentation import viewer_must_see_suppressed
from ..dashboard.services import indicator_tables
from ..dashboard.suppression import suppress_table
from .serializers import MeasurementQuerySerializer, MeasurementSerializer


def measurement_regions(user):
    """The regions whose measurements the caller reads: as Measurement.visible_to, plus the
    regions that opened their data."""
    scope = scope_for(user)
    regions = Region.objects.all()
    if not (scope.is_admin or scope.is_rijk):
        readable = scope.projectleider_regions | scope.reader_regions
        regions = regions.filter(Q(pk__in=readable) | Q(public_data=True))
    return regions.order_by("name")


def measurement_rows(user, region: Region, codes: dict[int, str]) -> list[dict]:
    """The region's cells, suppressed for `user`; `codes`: municipality id -> CBS code."""
    suppress = viewer_must_see_suppressed(user, region.pk)
    out = []
    for table in indicator_tables(region):
        periods, rows, total = table["periods"], table["rows"], table["total"]
        has_total = any(v is not None for v in total["values"])
        cells, total_cells = suppress_table(
            [r["values"] for r in rows],
            total["values"] if has_total else None,
            table["threshold"] if suppress else 0,
            format_value=format_number,
            periods=periods,
        )
        areas = [(r["area"], codes.get(r["municipality_id"]), cells[i]) for i, r in enumerate(rows)]
        if total_cells is not None:
            areas.append((total["area"], None, total_cells))
        for area, code, row_cells in areas:
            for c, period in enumerate(periods):
                cell = row_cells[c]
                if cell.value is None and not cell.hidden:
                    continue  # no measurement
                out.append(
                    {
                        "region": region.slug,
                        "indicator": table["code"],
                        "indicator_name": table["name"],
                        "unit": table["unit"],
                        "area": area,
                        "municipality": code,
                        "period_start": period["start"],
                        "period_end": period["end"],
                        "period_label": period["label"],
                        "partial": period["partial"],
                        "value": None if cell.value is None else float(cell.value),
                        "display": cell.display,
                        "suppressed": cell.hidden,
                        "computed_total": code is None and total["computed"][c],
                    }
                )
    return out


class MeasurementViewSet(mixins.ListModelMixin, ReadOnlyListViewSet):
    """Metingen per indicator, gebied en periode. Voor lezers zijn kleine aantallen
    afgeschermd zoals op het dashboard; de projectleider van de regio ziet echte waarden."""

    serializer_class = MeasurementSerializer
    filter_backends: list = []

    @extend_schema(parameters=[MeasurementQuerySerializer])
    def list(self, request, *args, **kwargs):
        query = MeasurementQuerySerializer(data=request.query_params)
        # Every bad parameter in one 400, the filters' and the page's.
        errors = {} if query.is_valid() else dict(query.errors)
        errors.update(self.paginator.parameter_errors(request))
        if errors:
            raise ValidationError(errors)
        filters = query.validated_data
        regions = measurement_regions(request.user)
        if "region" in filters:
            regions = regions.filter(slug=filters["region"])
        regions = list(regions)
        codes = dict(Municipality.objects.filter(region__in=regions).values_list("pk", "cbs_code"))
        rows = [r for region in regions for r in measurement_rows(request.user, region, codes)]
        rows = [
            r
            for r in rows
            if filters.get("indicator", r["indicator"]) == r["indicator"]
            and filters.get("municipality", r["municipality"]) == r["municipality"]
            and filters.get("year", int(r["period_start"][:4])) == int(r["period_start"][:4])
        ]
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def get_queryset(self):  # for the schema generator only; list() builds the rows
        return Region.objects.none()
