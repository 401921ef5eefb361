"""Querysets shared by the monitoring features: who sees and edits which measurements."""

from django.db import models
from django.db.models import Q

from programmes.access import scope_for


class MeasurementQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = scope_for(user)
        if scope.is_admin or scope.is_rijk:
            return self.all()
        regions = scope.projectleider_regions | scope.reader_regions
        return self.filter(Q(region_id__in=regions) | Q(municipality__region_id__in=regions))

    def editable_by(self, user):
        scope = scope_for(user)
        if scope.is_admin:
            return self.all()
        regions = scope.projectleider_regions
        return self.filter(Q(region_id__in=regions) | Q(municipality__region_id__in=regions))
