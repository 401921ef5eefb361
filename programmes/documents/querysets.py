from __future__ import annotations

from typing import Self

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import OuterRef, Q, Subquery

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


class _JSONList(models.Aggregate):
    """The rows' values as one JSON array (SQLite json_group_array, PostgreSQL jsonb_agg)."""

    function = "JSON_GROUP_ARRAY"
    output_field = models.JSONField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="JSONB_AGG", **extra_context)


def documents_json(model: type[models.Model]) -> models.Subquery:
    """An annotation for a query of `model` (a registered parent): its live documents as a
    JSON list, with their latest version's figures, so a page that fetched the parent through
    `visible_to` shows its documents panel without a query of its own (pages at their query
    budget: the action and programme pages). Read it with `services.documents_from_json`."""
    from django.db.models.functions import JSONObject

    from .models import Document, DocumentVersion

    content_type = ContentType.objects.get_for_model(model)
    latest = DocumentVersion.objects.filter(document=OuterRef("pk")).order_by("-number")
    count = (
        DocumentVersion.objects.filter(document=OuterRef("pk"))
        .order_by()
        .values("document")
        .annotate(n=models.Count("pk"))
        .values("n")
    )
    rows = (
        Document.objects.alive()
        .filter(content_type_id=content_type.pk, object_id=OuterRef("pk"))
        .order_by()
        .values("object_id")
        .annotate(
            items=_JSONList(
                JSONObject(
                    pk="pk",
                    title="title",
                    kind="kind",
                    date="date",
                    created_at="created_at",
                    version_count=Subquery(count[:1]),
                    latest_pk=Subquery(latest.values("pk")[:1]),
                    latest_size=Subquery(latest.values("size")[:1]),
                    latest_searched=Subquery(latest.values("text_searched")[:1]),
                    latest_read_until=Subquery(latest.values("text_read_until")[:1]),
                )
            )
        )
        .values("items")
    )
    return Subquery(rows, output_field=models.JSONField())
