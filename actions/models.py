from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from simple_history.models import HistoricalRecords

from ghnt_portal.periods import HalfYear, Quarter

from .constants import (
    ActionStatus,
    BudgetKind,
    FundingKind,
    MilestoneState,
    ReviewStatus,
)
from .querysets import (
    ActionQuerySet,
    BudgetLineQuerySet,
    MilestoneQuerySet,
    StatusUpdateQuerySet,
)

non_negative = MinValueValidator(0, "Een bedrag kan niet negatief zijn.")


class FundingSource(models.Model):
    """A column of the finance table: who pays (Gemeente, Partner, DUVO, ...)."""

    name = models.CharField("naam", max_length=120, unique=True)
    kind = models.CharField("soort", max_length=30, choices=FundingKind.choices)
    order = models.PositiveSmallIntegerField("volgorde", default=0)
    description = models.TextField("toelichting", blank=True)

    class Meta:
        verbose_name = "financieringsbron"
        verbose_name_plural = "financieringsbronnen"
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Action(models.Model):
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name="actieprogramma",
        on_delete=models.CASCADE,
        related_name="actions",
    )
    action_line = models.ForeignKey(
        "programmes.ActionLine",
        verbose_name="actielijn",
        on_delete=models.PROTECT,
        related_name="actions",
    )
    goal = models.ForeignKey(
        "programmes.Goal",
        verbose_name="doelstelling",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    code = models.CharField("code", max_length=10, help_text="Zoals in het plan, bijvoorbeeld 2B.")
    order = models.PositiveSmallIntegerField("volgorde", default=0)
    title = models.CharField("titel", max_length=300)
    summary_title = models.CharField(
        "titel in de samenvatting",
        max_length=300,
        blank=True,
        help_text="Zoals de actie in de samenvatting van het plan heet, als dat anders is.",
    )
    wat = models.TextField("wat", blank=True)
    doel = models.TextField("doel", blank=True)
    hoe = models.TextField("hoe", blank=True)
    door = models.TextField("door (zoals in het plan)", blank=True)
    owners = models.ManyToManyField(
        "programmes.Organisation",
        verbose_name="eigenaren",
        blank=True,
        related_name="owned_actions",
        help_text="Organisaties die de actie uitvoeren en de voortgang bijhouden.",
    )
    # The toezeggingen (governance) this action helps to fulfil. The relation is declared
    # here, on the higher app, so governance neither imports nor migrates after actions; the
    # table keeps the name it had when the field lived on Commitment.
    commitments = models.ManyToManyField(
        "governance.Commitment",
        verbose_name="toezeggingen",
        blank=True,
        related_name="actions",
        db_table="governance_commitment_actions",
    )
    wanneer = models.TextField("wanneer", blank=True)
    resultaten = models.TextField("resultaten en effecten", blank=True)
    kosten = models.TextField("kosten (zoals in het plan)", blank=True)
    status = models.CharField(
        "status", max_length=20, choices=ActionStatus.choices, default=ActionStatus.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(
        "voortgang (%)",
        default=0,
        validators=[
            MinValueValidator(0, "De voortgang ligt tussen 0 en 100 procent."),
            MaxValueValidator(100, "De voortgang ligt tussen 0 en 100 procent."),
        ],
    )
    version = models.PositiveIntegerField("versie", default=1, editable=False)
    updated_at = models.DateTimeField("laatst gewijzigd", auto_now=True)

    # Set before save() to label the history record (django-simple-history reads them).
    _change_reason: str
    _history_user: Any
    history = HistoricalRecords(
        verbose_name="historie actie", excluded_fields=["updated_at"], m2m_fields=[owners]
    )
    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = "actie"
        verbose_name_plural = "acties"
        ordering = ["programme", "order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "code"],
                name="action_unique_code_per_programme",
                violation_error_message="Deze actiecode bestaat al in dit actieprogramma.",
            ),
            models.CheckConstraint(
                condition=Q(progress__gte=0) & Q(progress__lte=100),
                name="action_progress_percentage",
                violation_error_message="De voortgang ligt tussen 0 en 100 procent.",
            ),
        ]

    def __str__(self):
        return f"{self.code}. {self.title}"

    def get_absolute_url(self):
        return reverse("actions:detail", args=[self.pk])


class ExpectedResult(models.Model):
    action = models.ForeignKey(
        Action, verbose_name="actie", on_delete=models.CASCADE, related_name="expected_results"
    )
    order = models.PositiveSmallIntegerField("volgorde", default=0)
    description = models.TextField("beoogd resultaat")
    target_value = models.DecimalField(
        "streefwaarde", max_digits=12, decimal_places=2, null=True, blank=True
    )
    achieved_value = models.DecimalField(
        "behaalde waarde", max_digits=12, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField("eenheid", max_length=80, blank=True)

    # Set before save() to label the history record (django-simple-history reads them).
    _change_reason: str
    _history_user: Any
    history = HistoricalRecords(verbose_name="historie beoogd resultaat")

    class Meta:
        verbose_name = "beoogd resultaat"
        verbose_name_plural = "beoogde resultaten"
        ordering = ["action", "order"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_value__isnull=True) | Q(target_value__gte=0),
                name="expectedresult_target_non_negative",
                violation_error_message="Een streefwaarde kan niet negatief zijn.",
            ),
            models.CheckConstraint(
                condition=Q(achieved_value__isnull=True) | Q(achieved_value__gte=0),
                name="expectedresult_achieved_non_negative",
                violation_error_message="Een behaalde waarde kan niet negatief zijn.",
            ),
        ]

    def __str__(self):
        return self.description[:80]


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
        "letter", max_length=4, help_text="Zoals gedrukt in de mijlpalenplanning."
    )
    order = models.PositiveSmallIntegerField("volgorde")
    title = models.CharField("omschrijving", max_length=300)
    planned_year = models.PositiveSmallIntegerField("gepland jaar", null=True, blank=True)
    planned_quarter = models.PositiveSmallIntegerField(
        "gepland kwartaal",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    meeting_label = models.CharField(
        "overleg (zoals gedrukt)", max_length=60, blank=True, help_text="Bijvoorbeeld AO-jan."
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


class BudgetLine(models.Model):
    """One cell of the finance table: a row's amount, capacity or p.m. for one funding source."""

    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name="actieprogramma",
        on_delete=models.CASCADE,
        related_name="budget_lines",
    )
    action = models.ForeignKey(
        Action,
        verbose_name="actie",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="budget_lines",
        help_text="Leeg voor regels die bij geen actie horen, zoals projectkosten.",
    )
    section = models.CharField(
        "rubriek", max_length=120, blank=True, help_text="Kop in de tabel, zoals Projectkosten."
    )
    row_label = models.CharField(
        "actielabel (zoals gedrukt)", max_length=20, blank=True, help_text="Bijvoorbeeld 2B."
    )
    description = models.CharField("omschrijving", max_length=300)
    order = models.PositiveSmallIntegerField("volgorde", default=0)
    funding_source = models.ForeignKey(
        FundingSource,
        verbose_name="financieringsbron",
        on_delete=models.PROTECT,
        related_name="budget_lines",
    )
    year = models.PositiveSmallIntegerField("jaar", null=True, blank=True)
    kind = models.CharField("soort", max_length=12, choices=BudgetKind.choices)
    amount = models.DecimalField(
        "begroot bedrag (€)",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[non_negative],
    )
    is_estimate = models.BooleanField(
        "bedrag bij benadering", default=False, help_text="In de bron 'ca.' of 'onder voorbehoud'."
    )
    realised = models.DecimalField(
        "gerealiseerd (€)",
        max_digits=12,
        decimal_places=2,
        default=0,
        validators=[non_negative],
    )
    note = models.CharField(
        "toelichting", max_length=200, blank=True, help_text="Bijvoorbeeld ZonMW of GHNT landelijk."
    )

    # Set before save() to label the history record (django-simple-history reads them).
    _change_reason: str
    _history_user: Any
    history = HistoricalRecords(verbose_name="historie begrotingsregel")
    objects = BudgetLineQuerySet.as_manager()

    class Meta:
        verbose_name = "begrotingsregel"
        verbose_name_plural = "begrotingsregels"
        ordering = ["programme", "order", "funding_source__order"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="budgetline_amount_non_negative",
                violation_error_message="Een bedrag kan niet negatief zijn.",
            ),
            models.CheckConstraint(
                condition=Q(realised__gte=0),
                name="budgetline_realised_non_negative",
                violation_error_message="Een gerealiseerd bedrag kan niet negatief zijn.",
            ),
            models.CheckConstraint(
                condition=Q(kind=BudgetKind.AMOUNT, amount__isnull=False)
                | (~Q(kind=BudgetKind.AMOUNT) & Q(amount__isnull=True)),
                name="budgetline_amount_iff_kind_amount",
                violation_error_message=(
                    "Een regel van het soort bedrag heeft een bedrag; capaciteit en "
                    "pro memorie hebben er geen."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.row_label} {self.description} – {self.funding_source}"

    @property
    def is_amount(self) -> bool:
        return self.kind == BudgetKind.AMOUNT

    @property
    def is_capacity(self) -> bool:
        return self.kind == BudgetKind.CAPACITY

    @property
    def label_differs_from_action(self) -> bool:
        """The source printed this row under another action code than the one it funds."""
        action = self.action
        return bool(action is not None and self.row_label and self.row_label != action.code)


class PrintedBudgetTotal(models.Model):
    """A column total as printed in the source, kept to show where it differs from the sum."""

    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name="actieprogramma",
        on_delete=models.CASCADE,
        related_name="printed_budget_totals",
    )
    funding_source = models.ForeignKey(
        FundingSource, verbose_name="financieringsbron", on_delete=models.PROTECT
    )
    amount = models.DecimalField(
        "totaal zoals gedrukt (€)", max_digits=12, decimal_places=2, validators=[non_negative]
    )

    class Meta:
        verbose_name = "totaal zoals gedrukt"
        verbose_name_plural = "totalen zoals gedrukt"
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "funding_source"], name="printedtotal_unique_per_source"
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="printedtotal_amount_non_negative"
            ),
        ]

    def __str__(self):
        return f"{self.funding_source}: {self.amount}"


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
    remark = models.TextField("toelichting", blank=True)
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
    review_remark = models.TextField("opmerking bij beoordeling", blank=True)

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

    @property
    def is_submitted(self) -> bool:
        """Waiting for the projectleider's review."""
        return self.review_status == ReviewStatus.SUBMITTED

    @property
    def period(self) -> HalfYear:
        return HalfYear.of(timezone.localdate(self.created_at))


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

    email = models.EmailField("e-mailadres")
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
