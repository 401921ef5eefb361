"""Status updates by ketenpartners (journey 2) and the reminders sent for them.

Each update explains the action's course in words: a judgement (op schema, aandachtspunt,
achterstand), what was done and achieved, why milestones were missed, the next steps, and
the risks with the corrective action (bijsturing). The half-yearly report quotes the
accepted explanation of the period (`reporting_period`).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from ghnt_portal.periods import HalfYear
from ghnt_portal.validators import no_client_data

from ..constants import (
    ActionStatus,
    Judgement,
    ReviewStatus,
)
from ..querysets import (
    StatusUpdateQuerySet,
)
from .actions import Action, ExpectedResult
from .milestones import Milestone

# Fields of the written explanation, in the order forms and the report show them.
EXPLANATION_FIELDS = (
    "judgement",
    "remark",
    "missed_milestones",
    "next_steps",
    "risks",
    "corrective_action",
)


class StatusUpdate(models.Model):
    """A dated progress report on an action by the person or partner doing it."""

    action = models.ForeignKey(
        Action, verbose_name="actie", on_delete=models.CASCADE, related_name="status_updates"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="auteur",
        on_delete=models.PROTECT,
        related_name="status_updates",
    )
    organisation = models.ForeignKey(
        "programmes.Organisation",
        verbose_name="organisatie",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="status_updates",
    )
    created_at = models.DateTimeField("datum", default=timezone.now)
    status = models.CharField("status", max_length=20, choices=ActionStatus.choices)
    progress = models.PositiveSmallIntegerField(
        "voortgang (%)",
        validators=[
            MinValueValidator(0, "De voortgang ligt tussen 0 en 100 procent."),
            MaxValueValidator(100, "De voortgang ligt tussen 0 en 100 procent."),
        ],
    )
    reporting_period = models.CharField(
        "verslagperiode",
        max_length=7,
        blank=True,
        help_text="Het halfjaar waarover de update rapporteert, bijvoorbeeld 2021-H1.",
    )
    judgement = models.CharField("oordeel", max_length=20, choices=Judgement.choices, blank=True)
    remark = models.TextField(
        "toelichting",
        blank=True,
        help_text="Wat is er gedaan en wat is er bereikt?",
        validators=[no_client_data],
    )
    missed_milestones = models.TextField(
        "redenen gemiste mijlpalen",
        blank=True,
        help_text="Welke mijlpalen zijn niet gehaald, en waarom?",
        validators=[no_client_data],
    )
    next_steps = models.TextField("volgende stappen", blank=True, validators=[no_client_data])
    risks = models.TextField("risico's", blank=True, validators=[no_client_data])
    corrective_action = models.TextField(
        "bijsturing",
        blank=True,
        help_text="Wat wordt er gedaan aan de risico's en achterstand?",
        validators=[no_client_data],
    )
    explanation_edited = models.BooleanField(
        "toelichting aangepast door de projectleider",
        default=False,
        help_text="De projectleider paste de toelichting aan bij het accepteren.",
    )
    review_status = models.CharField(
        "beoordeling",
        max_length=20,
        choices=ReviewStatus.choices,
        default=ReviewStatus.SUBMITTED,
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="beoordeeld door",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed_updates",
    )
    reviewed_at = models.DateTimeField("beoordeeld op", null=True, blank=True)
    review_remark = models.TextField(
        "opmerking bij beoordeling", blank=True, validators=[no_client_data]
    )

    objects = StatusUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = "voortgangsupdate"
        verbose_name_plural = "voortgangsupdates"
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100),
                name="statusupdate_progress_percentage",
            ),
        ]

    def __str__(self):
        return f"{self.action.code} – {self.created_at:%d-%m-%Y}"

    def save(self, *args, **kwargs):
        if not self.reporting_period and self.created_at:
            written = self.created_at
            if isinstance(written, str):
                written = parse_datetime(written) or timezone.now()
            self.reporting_period = HalfYear.of(timezone.localdate(written)).code
        super().save(*args, **kwargs)

    @property
    def is_submitted(self) -> bool:
        """Waiting for the projectleider's review."""
        return self.review_status == ReviewStatus.SUBMITTED

    @property
    def period(self) -> HalfYear:
        """The half year the update reports on (not necessarily the one it was written in:
        in September a partner reports on the first half year)."""
        if self.reporting_period:
            return HalfYear.parse(self.reporting_period)
        return HalfYear.of(timezone.localdate(self.created_at))

    @property
    def has_explanation(self) -> bool:
        return any(getattr(self, name) for name in EXPLANATION_FIELDS)


class StatusUpdateResult(models.Model):
    """The achieved value of one expected result as a status update reports it."""

    update = models.ForeignKey(
        StatusUpdate,
        verbose_name="voortgangsupdate",
        on_delete=models.CASCADE,
        related_name="results",
    )
    expected_result = models.ForeignKey(
        ExpectedResult,
        verbose_name="beoogd resultaat",
        on_delete=models.CASCADE,
        related_name="reported_values",
    )
    achieved_value = models.DecimalField(
        "behaalde waarde",
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0, "Een behaalde waarde kan niet negatief zijn.")],
    )

    class Meta:
        verbose_name = "gerapporteerd resultaat"
        verbose_name_plural = "gerapporteerde resultaten"
        constraints = [
            models.UniqueConstraint(
                fields=["update", "expected_result"], name="updateresult_unique_per_result"
            ),
            models.CheckConstraint(
                condition=Q(achieved_value__gte=0),
                name="updateresult_achieved_non_negative",
                violation_error_message="Een behaalde waarde kan niet negatief zijn.",
            ),
        ]

    def __str__(self):
        return f"{self.expected_result}: {self.achieved_value}"


class StatusUpdateMilestone(models.Model):
    """A milestone that a status update reports as done."""

    update = models.ForeignKey(
        StatusUpdate,
        verbose_name="voortgangsupdate",
        on_delete=models.CASCADE,
        related_name="milestone_reports",
    )
    milestone = models.ForeignKey(
        Milestone, verbose_name="mijlpaal", on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = "gemelde gereed mijlpaal"
        verbose_name_plural = "gemelde gerede mijlpalen"
        constraints = [
            models.UniqueConstraint(
                fields=["update", "milestone"], name="updatemilestone_unique_per_milestone"
            ),
        ]

    def __str__(self):
        return str(self.milestone)


class ReminderLog(models.Model):
    """One reminder e-mail sent to one address for one report deadline: sent at most once."""

    email = models.EmailField("e-mailadres", validators=[no_client_data])
    deadline = models.DateField(
        "rapportagedatum", help_text="De halfjaarlijkse rapportage waarvoor herinnerd is."
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gebruiker",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    sent_at = models.DateTimeField("verzonden op", default=timezone.now)
    action_count = models.PositiveSmallIntegerField("aantal acties zonder update", default=0)

    class Meta:
        verbose_name = "verzonden herinnering"
        verbose_name_plural = "verzonden herinneringen"
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["email", "deadline"], name="reminderlog_once_per_address_per_deadline"
            ),
        ]

    def __str__(self):
        return f"{self.email} – {self.deadline:%d-%m-%Y}"
