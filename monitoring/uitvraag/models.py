"""The Rijk's half-yearly questionnaire (uitvraag), its questions, and the answer page of a
region that answers outside a report. Answers given inside a report live in the report's
`texts` (see answers.py), so the report's freeze rule and triggers cover them."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from ghnt_portal.periods import HalfYear
from ghnt_portal.validators import no_client_data

from .constants import QuestionKind, QuestionnaireKind, QuestionnaireStatus, SheetStatus
from .querysets import AnswerSheetQuerySet, QuestionnaireQuerySet


def validate_period(value: str) -> None:
    try:
        HalfYear.parse(value)
    except ValueError as exc:
        raise ValidationError("Geef een halfjaar als 2021-H1 of 2021-H2.") from exc


class Questionnaire(models.Model):
    title = models.CharField("titel", max_length=200, validators=[no_client_data])
    period = models.CharField(
        "halfjaar",
        max_length=7,
        unique=True,
        validators=[validate_period],
        help_text="Het halfjaar waarover de regio's rapporteren, bijvoorbeeld 2021-H1.",
        error_messages={"unique": "Voor dit halfjaar is al een uitvraag."},
    )
    kind = models.CharField(
        "soort", max_length=10, choices=QuestionnaireKind.choices, default=QuestionnaireKind.FULL
    )
    introduction = models.TextField("inleiding", blank=True, validators=[no_client_data])
    deadline = models.DateField("uiterste datum")
    status = models.CharField(
        "status",
        max_length=15,
        choices=QuestionnaireStatus.choices,
        default=QuestionnaireStatus.CONCEPT,
    )
    based_on = models.ForeignKey(
        "self",
        verbose_name="vragen overgenomen uit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    published_at = models.DateTimeField("gepubliceerd op", null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gepubliceerd door",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = QuestionnaireQuerySet.as_manager()

    class Meta:
        verbose_name = "uitvraag"
        verbose_name_plural = "uitvragen"
        ordering = ["-period"]

    def __str__(self):
        return f"{self.title} ({self.half_year})"

    def get_absolute_url(self):
        return reverse("monitoring:uitvraag_detail", args=[self.pk])

    @property
    def half_year(self) -> HalfYear:
        return HalfYear.parse(self.period)

    @property
    def is_published(self) -> bool:
        return self.status == QuestionnaireStatus.PUBLISHED


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name="uitvraag", on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField("volgorde", default=0)
    theme = models.CharField("thema", max_length=120, validators=[no_client_data])
    text = models.TextField("vraag", validators=[no_client_data])
    kind = models.CharField("soort antwoord", max_length=12, choices=QuestionKind.choices)
    choices = models.TextField(
        "opties",
        blank=True,
        help_text="Bij een keuzevraag: één optie per regel.",
        validators=[no_client_data],
    )
    building_block = models.ForeignKey(
        "programmes.BuildingBlock",
        verbose_name="bouwsteen",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="questions",
        help_text="Bij de vraag naar de stand van de acties: de bouwsteen.",
    )

    class Meta:
        verbose_name = "vraag"
        verbose_name_plural = "vragen"
        ordering = ["questionnaire", "order", "pk"]

    def __str__(self):
        return self.text[:80]

    @property
    def choice_list(self) -> list[str]:
        return [c.strip() for c in self.choices.splitlines() if c.strip()]

    def record(self) -> dict:
        """The question as asked, for a frozen report (JSON)."""
        return {
            "id": self.pk,
            "order": self.order,
            "theme": self.theme,
            "text": self.text,
            "kind": self.kind,
            "choices": self.choice_list,
            "building_block": str(self.building_block) if self.building_block_id else "",
        }


class AnswerSheet(models.Model):
    """The answers of a region that has no adopted programme to report on: the same
    questions on a page of their own. Sent once, then frozen (`save` refuses a change)."""

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name="uitvraag", on_delete=models.PROTECT, related_name="sheets"
    )
    region = models.ForeignKey(
        "programmes.Region", verbose_name="regio", on_delete=models.PROTECT, related_name="+"
    )
    answers = models.JSONField("antwoorden", default=dict, blank=True)
    status = models.CharField(
        "status", max_length=10, choices=SheetStatus.choices, default=SheetStatus.CONCEPT
    )
    sent_at = models.DateTimeField("verzonden op", null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="verzonden door",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = AnswerSheetQuerySet.as_manager()

    class Meta:
        verbose_name = "antwoordblad"
        verbose_name_plural = "antwoordbladen"
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "region"], name="one_sheet_per_region")
        ]

    def __str__(self):
        return f"{self.questionnaire} – {self.region}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored == SheetStatus.SENT:
                raise ValidationError("Verzonden antwoorden kunnen niet meer worden gewijzigd.")
        super().save(*args, **kwargs)

    @property
    def is_sent(self) -> bool:
        return self.status == SheetStatus.SENT
