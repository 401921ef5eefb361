"""An Excel export of the action list made in the background (issue 26): the beheerder's list
of every region is thousands of rows, too much to write within a page's time."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from ..constants import ExportState


class ActionExportQuerySet(models.QuerySet["ActionExport"]):
    # An export holds what its requester could see when it was made: only they may reach it.
    def visible_to(self, user) -> "ActionExportQuerySet":
        if not user.is_authenticated:
            return self.none()
        return self.filter(requested_by=user)

    def editable_by(self, user) -> "ActionExportQuerySet":
        return self.visible_to(user)


class ActionExport(models.Model):
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="action_exports",
        verbose_name="aangevraagd door",
    )
    query = models.CharField(
        "filters",
        max_length=2000,
        blank=True,
        help_text="De filters van de actielijst, als querystring.",
    )
    state = models.CharField(
        "stand", max_length=12, choices=ExportState.choices, default=ExportState.QUEUED
    )
    rows_total = models.PositiveIntegerField("rijen in totaal", default=0)
    rows_done = models.PositiveIntegerField("rijen geschreven", default=0)
    file = models.FileField("bestand", upload_to="exports/acties/%Y/", blank=True)
    failure = models.TextField("fout", blank=True)
    created_at = models.DateTimeField("aangevraagd", default=timezone.now)
    finished_at = models.DateTimeField("klaar", null=True, blank=True)

    objects = ActionExportQuerySet.as_manager()

    class Meta:
        verbose_name = "export van acties"
        verbose_name_plural = "exports van acties"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Export {self.pk} ({self.get_state_display()})"

    def get_absolute_url(self) -> str:
        return reverse("actions:export_detail", args=[self.pk])

    @property
    def is_in_progress(self) -> bool:
        return self.state in (ExportState.QUEUED, ExportState.RUNNING)

    @property
    def percent(self) -> int:
        if not self.rows_total:
            return 0
        return min(100, self.rows_done * 100 // self.rows_total)

    @property
    def outbox_key(self) -> str:
        """Under this key the page finds the state of the background work."""
        return f"action-export:{self.pk}"
