from __future__ import annotations

from typing import Self

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from programmes.access import AnyUser, scope_for

from .registry import Scoped, attachables


def _parents_q(user: AnyUser, which: str, prefix: str = "") -> Q:
    """Rows whose parent is among each registered parent model's `which` queryset for the
    user (`visible` or `editable`): one OR of subqueries, one query in all."""
    condition = Q(pk__in=[])
    for entry in attachables():
        scoped: Scoped = getattr(entry, which)
        content_type = ContentType.objects.get_for_model(entry.model)  # cached per process
        condition |= Q(
            **{
                f"{prefix}content_type_id": content_type.pk,
                f"{prefix}object_id__in": scoped(user).values("pk"),
            }
        )
    return condition


class DocumentQuerySet(models.QuerySet):
    def alive(self) -> Self:
        return self.filter(deleted_at__isnull=True)

    def visible_to(self, user: AnyUser) -> Self:
        """Documents whose parent the user may see; soft-deleted ones never."""
        if not scope_for(user).is_authenticated:
            return self.none()
        return self.alive().filter(_parents_q(user, "visible"))

    def editable_by(self, user: AnyUser) -> Self:
        """Documents whose parent the user may change (projectleider of the region, beheerder):
        add versions, delete."""
        if not scope_for(user).is_authenticated:
            return self.none()
        return self.alive().filter(_parents_q(user, "editable"))

    def of(self, obj: models.Model) -> Self:
        content_type = ContentType.objects.get_for_model(obj)
        return self.filter(content_type=content_type, object_id=obj.pk)


class DocumentVersionQuerySet(models.QuerySet):
    def visible_to(self, user: AnyUser) -> Self:
        from .models import Document

        return self.filter(document__in=Document.objects.visible_to(user))
