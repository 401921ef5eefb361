from __future__ import annotations

from typing import TYPE_CHECKING, Self

from django.db import models

from programmes.access import scope_for
from programmes.models import Region

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser


class ImportBatchQuerySet(models.QuerySet):
    def visible_to(self, user: AnyUser) -> Self:
        """Batches of regions the user may see at all (the view answers 403 unless editable)."""
        return self.filter(region__in=Region.objects.visible_to(user))

    def editable_by(self, user: AnyUser) -> Self:
        scope = scope_for(user)
        if scope.is_admin:
            return self.all()
        return self.filter(region_id__in=scope.projectleider_regions)
