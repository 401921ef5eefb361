"""The search index: one row per findable record, kept current by signals (`index.py`) and by
an explicit reindex after bulk writes. On PostgreSQL the row carries a generated `search`
tsvector column (Dutch configuration: title weighted A, body B) with a GIN index, added by
the migration in SQL (Django's model does not know the column; `query.py` reads it)."""

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from .constants import SearchKind


class SearchEntry(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    kind = models.CharField("soort", max_length=20, choices=SearchKind.choices)
    region = models.ForeignKey(
        "programmes.Region", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    programme = models.ForeignKey(
        "programmes.Programme", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField("jaar", null=True, blank=True)
    # The record whose visibility decides, when it is not the entry's own (a document: its
    # parent), so search checks the parent directly instead of the documents table.
    scope_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    scope_id = models.PositiveBigIntegerField(null=True, blank=True)
    title = models.CharField("titel", max_length=400)
    body = models.TextField("tekst", blank=True)
    url = models.CharField(max_length=300)
    public_url = models.CharField(max_length=300, blank=True)
    indexed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "zoekindex-regel"
        verbose_name_plural = "zoekindex"
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id"], name="searchentry_unique_object"
            )
        ]
        indexes = [models.Index(fields=["kind", "year"], name="searchentry_kind_year_idx")]

    def __str__(self):
        return self.title
