from __future__ import annotations

from typing import TYPE_CHECKING, Any, Self

from django.db import models
from django.db.models import Q

from programmes.access import scope_for
from programmes.constants import PUBLISHED_STATUSES

from ..constants import ReportStatus
from .freeze import CHANGE_REFUSED, DELETE_REFUSED, FrozenReportError, change_allowed

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser


class ProgressReportQuerySet(models.QuerySet):
    def visible_to(self, user: AnyUser) -> Self:
        """Projectleider: every report of the region; wethouder: the region's reports once
        definitief; rijk: sent reports of every region; beheerder: all. Readers outside the
        project team (wethouder, rijk) see reports of published programmes only, as they see
        the programme itself (`ProgrammeQuerySet.visible_to`)."""
        scope = scope_for(user)
        if not scope.is_authenticated:
            return self.none()
        if scope.is_admin:
            return self.all()
        published = Q(programme__status__in=PUBLISHED_STATUSES)
        condition = Q(programme__region_id__in=scope.projectleider_regions)
        condition |= (
            Q(programme__region_id__in=scope.wethouder_regions)
            & ~Q(status=ReportStatus.CONCEPT)
            & published
        )
        if scope.is_rijk:
            condition |= Q(status=ReportStatus.SENT) & published
        return self.filter(condition)

    def downloadable_by(self, user: AnyUser) -> Self:
        """Everyone who sees a report may download its PDF, once there is one."""
        return self.visible_to(user).exclude(pdf="")

    def editable_by(self, user: AnyUser) -> Self:
        """Generate, finalise, send and correct: the region's projectleider (and beheerder)."""
        scope = scope_for(user)
        if scope.is_admin:
            return self.all()
        return self.filter(programme__region_id__in=scope.projectleider_regions)

    def frozen(self) -> Self:
        return self.exclude(status=ReportStatus.CONCEPT)

    def update(self, **kwargs: Any) -> int:
        """Refuse what `freeze.change_allowed` refuses for any frozen row (one query)."""
        stored = self.frozen().order_by().values_list("status", flat=True).distinct()
        for status in set(stored):
            if not change_allowed(status, kwargs.get("status", status), kwargs):
                raise FrozenReportError(CHANGE_REFUSED)
        return super().update(**kwargs)

    update.queryset_only = True  # type: ignore[attr-defined]

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.frozen().exists():
            raise FrozenReportError(DELETE_REFUSED)
        return super().delete()

    delete.queryset_only = True  # type: ignore[attr-defined]
