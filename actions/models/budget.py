"""The budget: one line per cell of the finance table (table 3.4) and printed totals."""

from typing import Any

from django.db import models
from django.db.models import Q

from simple_history.models import HistoricalRecords

from ghnt_portal.validators import no_client_data

from ..constants import (
    BudgetKind,
)
from ..querysets import (
    BudgetLineQuerySet,
)
from .actions import Action, FundingSource, non_negative


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
        "rubriek",
        max_length=120,
        blank=True,
        help_text="Kop in de tabel, zoals Projectkosten.",
        validators=[no_client_data],
    )
    row_label = models.CharField(
        "actielabel (zoals gedrukt)",
        max_length=20,
        blank=True,
        help_text="Bijvoorbeeld 2B.",
        validators=[no_client_data],
    )
    description = models.CharField("omschrijving", max_length=300, validators=[no_client_data])
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
    per_year = models.BooleanField(
        "bedrag per jaar, looptijd niet vermeld",
        default=False,
        help_text="Zoals 'ca. € 75.000 per jaar' zonder jaren: telt niet mee in een totaal, "
        "want de bron zegt niet hoe vaak.",
    )
    realised = models.DecimalField(
        "gerealiseerd (€)",
        max_digits=12,
        decimal_places=2,
        default=0,
        validators=[non_negative],
    )
    note = models.CharField(
        "toelichting",
        max_length=200,
        blank=True,
        help_text="Bijvoorbeeld ZonMW of GHNT landelijk.",
        validators=[no_client_data],
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
