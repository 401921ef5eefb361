"""An action of a programme, its expected results, and the funding sources of the budget."""

from typing import Any

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse

from simple_history.models import HistoricalRecords

from ghnt_portal.validators import no_client_data

from ..constants import (
    ActionStatus,
    FundingKind,
)
from ..querysets import (
    ActionQuerySet,
)

non_negative = MinValueValidator(0, "Een bedrag kan niet negatief zijn.")


class FundingSource(models.Model):
    """A column of the finance table: who pays (Gemeente, Partner, DUVO, ...)."""

    name = models.CharField("naam", max_length=120, unique=True, validators=[no_client_data])
    kind = models.CharField("soort", max_length=30, choices=FundingKind.choices)
    order = models.PositiveSmallIntegerField("volgorde", default=0)
    description = models.TextField("toelichting", blank=True, validators=[no_client_data])

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
    code = models.CharField(
        "code",
        max_length=10,
        help_text="Zoals in het plan, bijvoorbeeld 2B.",
        validators=[no_client_data],
    )
    order = models.PositiveSmallIntegerField("volgorde", default=0)
    title = models.CharField("titel", max_length=300, validators=[no_client_data])
    summary_title = models.CharField(
        "titel in de samenvatting",
        max_length=300,
        blank=True,
        help_text="Zoals de actie in de samenvatting van het plan heet, als dat anders is.",
        validators=[no_client_data],
    )
    wat = models.TextField("wat", blank=True, validators=[no_client_data])
    doel = models.TextField("doel", blank=True, validators=[no_client_data])
    hoe = models.TextField("hoe", blank=True, validators=[no_client_data])
    door = models.TextField("door (zoals in het plan)", blank=True, validators=[no_client_data])
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
    # The national bouwstenen the action contributes to (programmes' national frame).
    building_blocks = models.ManyToManyField(
        "programmes.BuildingBlock",
        verbose_name="landelijke bouwstenen",
        blank=True,
        related_name="actions",
        help_text="De bouwstenen van het landelijke programma waaraan deze actie bijdraagt.",
    )
    wanneer = models.TextField("wanneer", blank=True, validators=[no_client_data])
    resultaten = models.TextField("resultaten en effecten", blank=True, validators=[no_client_data])
    kosten = models.TextField("kosten (zoals in het plan)", blank=True, validators=[no_client_data])
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
    description = models.TextField("beoogd resultaat", validators=[no_client_data])
    target_value = models.DecimalField(
        "streefwaarde", max_digits=12, decimal_places=2, null=True, blank=True
    )
    achieved_value = models.DecimalField(
        "behaalde waarde", max_digits=12, decimal_places=2, null=True, blank=True
    )
    unit = models.CharField("eenheid", max_length=80, blank=True, validators=[no_client_data])

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
