"""The national regional part of the voortgangsrapportage for one half year: made in the
background from the regions' verzonden reports and answers, as PDF and Word."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from ghnt_portal.periods import HalfYear

from ..constants import GenerationState


class NationalDocument(models.Model):
    period = models.CharField("halfjaar", max_length=7, unique=True)
    state = models.CharField(
        "stand van het maken",
        max_length=12,
        choices=GenerationState.choices,
        default=GenerationState.QUEUED,
    )
    progress = models.PositiveSmallIntegerField("voortgang (%)", default=0)
    step = models.CharField("stap", max_length=120, blank=True)
    failure = models.TextField("foutmelding", blank=True)
    pdf = models.FileField("PDF", upload_to="landelijk/%Y/", blank=True)
    docx = models.FileField("Word", upload_to="landelijk/%Y/", blank=True)
    regions = models.PositiveSmallIntegerField("regio's met antwoorden", default=0)
    requested_at = models.DateTimeField("aangevraagd op", auto_now=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="aangevraagd door",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    generated_at = models.DateTimeField("gemaakt op", null=True, blank=True)

    class Meta:
        verbose_name = "landelijk regionaal deel"
        verbose_name_plural = "landelijke regionale delen"
        ordering = ["-period"]

    def __str__(self):
        return f"Regionaal deel voortgangsrapportage {self.half_year}"

    def get_absolute_url(self):
        return reverse("monitoring:national_document", args=[self.period])

    @property
    def half_year(self) -> HalfYear:
        return HalfYear.parse(self.period)

    @property
    def is_in_progress(self) -> bool:
        return self.state in (GenerationState.QUEUED, GenerationState.RUNNING)


class SentDigest(models.Model):
    """What the national picture reads of one verzonden report, taken out of its frozen
    snapshot and texts once (when it is sent, or the first time the picture meets it):
    per action its code, title, status, the region's judgement and explanation, the
    milestones done in the half year and its risks; and the uitvraag answers it carries
    (the values only). A sent report never changes, so neither does its digest: the picture
    reads one small row per region instead of every whole snapshot (monitoring/national/
    digest.py)."""

    report = models.OneToOneField(
        "monitoring.ProgressReport",
        verbose_name="rapportage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="national_digest",
    )
    actions = models.JSONField("acties", default=list)
    uitvraag = models.JSONField("antwoorden op de uitvraag", default=dict)

    class Meta:
        verbose_name = "uittreksel voor het landelijke beeld"
        verbose_name_plural = "uittreksels voor het landelijke beeld"

    def __str__(self):
        return f"Uittreksel van rapportage {self.report_id}"
