"""The half-yearly progress report and its downloads (journey 3)."""

__all__ = ["FrozenReportError", "ProgressReport", "ReportDownload"]

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from ghnt_portal.periods import HalfYear

from ..constants import GenerationState, ReportStatus
from .freeze import DELETE_REFUSED, FrozenReportError, change_allowed, is_frozen
from .querysets import ProgressReportQuerySet


class ProgressReport(models.Model):
    """The half-yearly report to the Rijk: a frozen snapshot of a programme.

    A concept may be regenerated; once definitief nothing in it changes, except the one
    step definitief -> verzonden (the rule: `monitoring.reports.freeze`). A correction is a
    new version that `replaces` the old one.
    """

    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name="actieprogramma",
        on_delete=models.PROTECT,
        related_name="progress_reports",
    )
    period = models.CharField("periode", max_length=7, help_text="Bijvoorbeeld 2021-H1.")
    version = models.PositiveSmallIntegerField("versie", default=1)
    replaces = models.ForeignKey(
        "self",
        verbose_name="vervangt",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        help_text="De eerdere versie die deze rapportage corrigeert.",
    )
    status = models.CharField(
        "status", max_length=12, choices=ReportStatus.choices, default=ReportStatus.CONCEPT
    )
    generation_state = models.CharField(
        "stand van het maken",
        max_length=12,
        choices=GenerationState.choices,
        default=GenerationState.QUEUED,
    )
    failure = models.TextField(
        "foutmelding", blank=True, help_text="Waarom het maken van de rapportage mislukte."
    )
    snapshot = models.JSONField("momentopname", default=dict, blank=True)
    texts = models.JSONField(
        "teksten",
        default=dict,
        blank=True,
        help_text="Samenvatting, tekst per actielijn en toelichting per actie, zoals de "
        "projectleider ze opstelde (zie monitoring.reports.texts).",
    )
    route = models.OneToOneField(
        "governance.DecisionRoute",
        verbose_name="besluitvormingsroute",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="progress_report",
        help_text="De bespreking in het ambtelijk overleg en de vaststelling in het bestuurlijk "
        "overleg van deze rapportage.",
    )
    pdf = models.FileField("PDF", upload_to="rapportages/%Y/", blank=True)
    pdf_sha256 = models.CharField("SHA-256 van de PDF", max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="aangevraagd door",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    generated_at = models.DateTimeField("gegenereerd op", null=True, blank=True)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gegenereerd door",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    finalised_at = models.DateTimeField("definitief gemaakt op", null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="definitief gemaakt door",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    sent_at = models.DateTimeField("verzonden op", null=True, blank=True)
    sent_to = models.EmailField("verzonden aan", blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="verzonden door",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ProgressReportQuerySet.as_manager()

    class Meta:
        verbose_name = "voortgangsrapportage"
        verbose_name_plural = "voortgangsrapportages"
        ordering = ["-period", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "period", "version"], name="report_unique_version"
            ),
            models.UniqueConstraint(
                fields=["programme", "period"],
                condition=Q(status=ReportStatus.CONCEPT),
                name="report_one_concept_per_period",
                violation_error_message="Voor deze periode is al een conceptrapportage.",
            ),
        ]

    def __str__(self):
        return f"{self.programme} {self.period} v{self.version}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            self._check_change_allowed()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("monitoring:report_detail", args=[self.pk])

    def delete(self, *args, **kwargs):
        if type(self).objects.filter(pk=self.pk).frozen().exists():
            raise FrozenReportError(DELETE_REFUSED)
        return super().delete(*args, **kwargs)

    def _check_change_allowed(self) -> None:
        """The rule of `freeze.change_allowed`, comparing every column with the stored row."""
        stored = type(self).objects.filter(pk=self.pk).first()
        if stored is None:
            return
        changed = {
            f.name
            for f in self._meta.concrete_fields
            if getattr(stored, f.attname) != getattr(self, f.attname)
        }
        if not change_allowed(stored.status, self.status, changed):
            raise FrozenReportError(
                f"Rapportage {self} is {stored.get_status_display().lower()} en kan niet meer "
                f"worden gewijzigd (gewijzigd: {', '.join(sorted(changed))})."
            )

    @property
    def half_year(self) -> HalfYear:
        return HalfYear.parse(self.period)

    @property
    def is_frozen(self) -> bool:
        return is_frozen(self.status)

    @property
    def is_concept(self) -> bool:
        return self.status == ReportStatus.CONCEPT

    @property
    def is_final(self) -> bool:
        """Definitief and not yet sent: the one state from which it can be sent."""
        return self.status == ReportStatus.FINAL

    @property
    def is_generated(self) -> bool:
        return self.generation_state == GenerationState.DONE

    @property
    def generation_failed(self) -> bool:
        return self.generation_state == GenerationState.FAILED

    @property
    def is_in_progress(self) -> bool:
        return self.generation_state in (GenerationState.QUEUED, GenerationState.RUNNING)

    @property
    def pdf_outdated(self) -> bool:
        """A concept whose texts changed after its PDF was made: the texts the PDF printed
        are in its snapshot, so this is read from the data, never set by hand."""
        return (
            self.status == ReportStatus.CONCEPT
            and self.generation_state == GenerationState.DONE
            and bool(self.pdf)
            and (self.texts or {}) != ((self.snapshot or {}).get("texts") or {})
        )


class ReportDownload(models.Model):
    """Who downloaded which report when: every download is recorded."""

    report = models.ForeignKey(
        ProgressReport,
        verbose_name="rapportage",
        on_delete=models.CASCADE,
        related_name="downloads",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gebruiker",
        on_delete=models.PROTECT,
        related_name="report_downloads",
    )
    downloaded_at = models.DateTimeField("gedownload op", default=timezone.now)

    class Meta:
        verbose_name = "download van een rapportage"
        verbose_name_plural = "downloads van rapportages"
        ordering = ["-downloaded_at"]

    def __str__(self):
        return f"{self.report} – {self.user} ({self.downloaded_at:%d-%m-%Y %H:%M})"
