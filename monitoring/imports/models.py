"""An uploaded measurements file between preview and confirmation (journey 4, import)."""

from django.conf import settings
from django.db import models

from ghnt_portal.validators import no_client_data

from .querysets import ImportBatchQuerySet


class ImportBatch(models.Model):
    """The validated rows of one upload, kept as JSON until the projectleider confirms."""

    region = models.ForeignKey(
        "programmes.Region",
        verbose_name="regio",
        on_delete=models.CASCADE,
        related_name="import_batches",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="geüpload door",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    filename = models.CharField("bestandsnaam", max_length=200, validators=[no_client_data])
    created_at = models.DateTimeField("geüpload op", auto_now_add=True)
    rows = models.JSONField("gelezen regels", default=list, blank=True)
    errors = models.JSONField("fouten", default=list, blank=True)
    imported_at = models.DateTimeField("geïmporteerd op", null=True, blank=True)
    result = models.JSONField("resultaat", default=dict, blank=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        verbose_name = "import van metingen"
        verbose_name_plural = "imports van metingen"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename} ({self.region})"

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.errors
