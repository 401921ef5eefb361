"""An uploaded measurements file: checked (in the request when small, in the background when
large), shown as a preview, and imported after confirmation (journey 4, import)."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models

from ghnt_portal.validators import no_client_data

from .querysets import ImportBatchQuerySet


class ImportPhase(models.TextChoices):
    CHECKING = "checking", "Wordt gecontroleerd"
    CHECKED = "checked", "Gecontroleerd"
    IMPORTING = "importing", "Wordt geïmporteerd"
    IMPORTED = "imported", "Geïmporteerd"
    FAILED = "failed", "Mislukt"


# Phases in which a background job is (or should be) at work on the batch.
BUSY_PHASES = (ImportPhase.CHECKING, ImportPhase.IMPORTING)


def _upload_path(instance: "ImportBatch", filename: str) -> str:
    """A random name on disk (the user's file name is kept in `filename` only); the
    extension says how to read it."""
    suffix = PurePath(filename).suffix.lower()
    return f"imports/{uuid.uuid4().hex}{suffix if suffix in ('.csv', '.xlsx') else ''}"


class ImportBatch(models.Model):
    """One upload. Small files keep every checked row here as JSON until the projectleider
    confirms; large files are kept in the storage (`file`) until imported, with only the
    first rows here for the preview."""

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
    phase = models.CharField(
        "stand", max_length=10, choices=ImportPhase.choices, default=ImportPhase.CHECKED
    )
    file = models.FileField(
        "bestand",
        upload_to=_upload_path,
        blank=True,
        help_text="Een groot bestand, bewaard tot het is geïmporteerd of afgekeurd.",
    )
    row_count = models.PositiveIntegerField(
        "aantal goede regels", null=True, blank=True, help_text="Leeg zolang niet gecontroleerd."
    )
    error_count = models.PositiveIntegerField("aantal fouten", default=0)
    failure = models.TextField("technische fout", blank=True)

    objects = ImportBatchQuerySet.as_manager()

    class Meta:
        verbose_name = "import van metingen"
        verbose_name_plural = "imports van metingen"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.filename} ({self.region})"

    @property
    def good_rows(self) -> int:
        return len(self.rows) if self.row_count is None else self.row_count

    @property
    def total_errors(self) -> int:
        return max(self.error_count, len(self.errors))

    @property
    def is_valid(self) -> bool:
        return self.phase == ImportPhase.CHECKED and self.good_rows > 0 and not self.total_errors

    @property
    def in_background(self) -> bool:
        return bool(self.file)

    @property
    def is_busy(self) -> bool:
        return self.phase in BUSY_PHASES
