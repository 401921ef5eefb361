"""Querysets shared by the monitoring features: who sees and edits which measurements."""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from django.db import models
from django.db.models import Q

from programmes.access import scope_for

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser


class MeasurementQuerySet(models.QuerySet):
    def visible_to(self, user: AnyUser) -> Self:
        scope = scope_for(user)
        if scope.is_admin or scope.is_rijk:
            return self.all()
        regions = scope.projectleider_regions | scope.reader_regions
        return self.filter(Q(region_id__in=regions) | Q(municipality__region_id__in=regions))

    def editable_by(self, user: AnyUser) -> Self:
        scope = scope_for(user)
        if scope.is_admin:
            return self.all()
        regions = scope.projectleider_regions
        return self.filter(Q(region_id__in=regions) | Q(municipality__region_id__in=regions))
