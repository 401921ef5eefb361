"""Documents attached to records (programme, action, route, step, meeting, decision,
toezegging, report), each with its versions. The file itself sits in the configured storage
under a random key (`document_key`), never under its name; it is served only by the download
view, which checks access like the parent (`querysets.py`, `registry.py`)."""

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone

from ghnt_portal.validators import no_client_data

from .constants import DocumentKind
from .querysets import DocumentQuerySet, DocumentVersionQuerySet


def document_key(instance, filename):
    """An unguessable storage key; the file's (cleaned) name is kept in the row only."""
    return f"documents/{timezone.now():%Y}/{secrets.token_urlsafe(24)}"


class Document(models.Model):
    content_type = models.ForeignKey(
        ContentType, verbose_name="soort record", on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField("record")
    parent = GenericForeignKey("content_type", "object_id")
    title = models.CharField("titel", max_length=300, validators=[no_client_data])
    kind = models.CharField("soort", max_length=20, choices=DocumentKind.choices)
    date = models.DateField("datum", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="toegevoegd door",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField("toegevoegd op", default=timezone.now)
    deleted_at = models.DateTimeField("verwijderd op", null=True, blank=True)
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="verwijderd door",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = "document"
        verbose_name_plural = "documenten"
        ordering = ["-date", "-created_at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="document_parent_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("documents:detail", args=[self.pk])


class DocumentVersion(models.Model):
    document = models.ForeignKey(
        Document, verbose_name="document", on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField("versie")
    file = models.FileField("bestand", upload_to=document_key, max_length=200)
    filename = models.CharField("bestandsnaam", max_length=120, validators=[no_client_data])
    mime_type = models.CharField("bestandstype", max_length=120)
    size = models.PositiveBigIntegerField("grootte")
    sha256 = models.CharField("controlegetal", max_length=64)
    # The extracted text, for search; not run through no_client_data here: the upload check
    # (uploads.inspect_upload) refused every file whose text holds a BSN before it got here.
    text = models.TextField("tekst", blank=True)
    text_searched = models.BooleanField("tekst doorzocht", default=True)
    # Reading stopped at its time or character bound (uploads.extract_text): only the text up
    # to this place ("pagina 212") was searched for a BSN and is findable; "" when all was.
    text_read_until = models.CharField(
        "tekst doorzocht tot en met", max_length=60, blank=True, validators=[no_client_data]
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="geüpload door",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("geüpload op", default=timezone.now)

    objects = DocumentVersionQuerySet.as_manager()

    class Meta:
        verbose_name = "documentversie"
        verbose_name_plural = "documentversies"
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_unique")
        ]

    def __str__(self):
        return f"{self.filename} (versie {self.number})"

    def get_download_url(self):
        return reverse("documents:download", args=[self.pk])
