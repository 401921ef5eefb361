from django.db import models
from django.db.models import Q
from django.utils import timezone

from programmes.access import scope_for

from .constants import CommitmentStatus


class GovernanceQuerySet(models.QuerySet):
    """Region-scoped governance records: the region's people read, its projectleider edits."""

    region_field = "region_id"

    def visible_to(self, user):
        scope = scope_for(user)
        if scope.is_admin:
            return self.all()
        regions = scope.projectleider_regions | scope.reader_regions
        return self.filter(**{f"{self.region_field}__in": regions})

    def editable_by(self, user):
        scope = scope_for(user)
        if scope.is_admin:
            return self.all()
        return self.filter(**{f"{self.region_field}__in": scope.projectleider_regions})


class MeetingQuerySet(GovernanceQuerySet):
    region_field = "body__region_id"


class CommitmentQuerySet(GovernanceQuerySet):
    def open(self):
        return self.filter(status=CommitmentStatus.OPEN)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.open().filter(Q(due_date__lt=today))
