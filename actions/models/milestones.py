"""Milestones: the planning of a programme (table 3.3), by quarter or by meeting."""

from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from simple_history.models import HistoricalRecords

from ghnt_portal.periods import Quarter
from ghnt_portal.validators import no_client_data

from ..constants import (
    MilestoneState,
)
from ..querysets import (
    MilestoneQuerySet,
)
from .actions import Action


class Milestone(models.Model):
    """An item of the milestone plan (a ... ee), planned in a quarter, decided in a meeting."""

    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name="actieprogramma",
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    action = models.ForeignKey(
        Action,
        verbose_name="actie",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="milestones",
    )
    letter = models.CharField(
        "letter",
        max_length=4,
        help_text="Zoals gedrukt in de mijlpalenplanning.",
        validators=[no_client_data],
    )
    order = models.PositiveSmallIntegerField("volgorde")
    title = models.CharField("omschrijving", max_length=300, validators=[no_client_data])
    planned_year = models.PositiveSmallIntegerField("gepland jaar", null=True, blank=True)
    planned_quarter = models.PositiveSmallIntegerField(
        "gepland kwartaal",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    meeting_label = models.CharField(
        "overleg (zoals gedrukt)",
        max_length=60,
        blank=True,
        help_text="Bijvoorbeeld AO-jan.",
        validators=[no_client_data],
    )
    body = models.ForeignKey(
        "governance.DecisionBody",
        verbose_name="overleg",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="milestones",
    )
    meeting = models.ForeignKey(
        "governance.Meeting",
        verbose_name="vergadering",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="milestones",
    )
    done_on = models.DateField("gereed op", null=True, blank=True)

    # Set before save() to label the history record (django-simple-history reads them).
    _change_reason: str
    _history_user: Any
    history = HistoricalRecords(verbose_name="historie mijlpaal")
    objects = MilestoneQuerySet.as_manager()

    class Meta:
        verbose_name = "mijlpaal"
        verbose_name_plural = "mijlpalen"
        ordering = ["programme", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "order"], name="milestone_unique_order_per_programme"
            ),
            models.CheckConstraint(
                condition=Q(planned_quarter__isnull=True, planned_year__isnull=True)
                | Q(planned_quarter__gte=1, planned_quarter__lte=4, planned_year__isnull=False),
                name="milestone_quarter_complete",
                violation_error_message=(
                    "Kies een jaar én een kwartaal (1 tot en met 4), of geen van beide."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.letter}. {self.title}"

    @property
    def quarter(self) -> Quarter | None:
        if self.planned_year and self.planned_quarter:
            return Quarter(self.planned_year, self.planned_quarter)
        return None

    def state(self, today=None) -> MilestoneState:
        """The state as it stands on `today` (a report asks for the last day of its period)."""
        today = today or timezone.localdate()
        if self.done_on and self.done_on <= today:
            return MilestoneState.DONE
        quarter = self.quarter
        if quarter is None:
            return MilestoneState.UNPLANNED
        if quarter.end < today:
            return MilestoneState.OVERDUE
        if quarter.start <= today:
            return MilestoneState.DUE
        return MilestoneState.PLANNED
