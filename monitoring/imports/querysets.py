from django.db import models

from programmes.access import scope_for
from programmes.models import Region


class ImportBatchQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Batches of regions the user may see at all (the view answers 403 unless editable)."""
        return self.filter(region__in=Region.objects.visible_to(user))

    def editable_by(self, user):
        scope = scope_for(user)
        if scope.is_admin:
            return self.all()
        return self.filter(region_id__in=scope.projectleider_regions)
