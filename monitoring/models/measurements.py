"""Indicators and their measurements: the figures shared by the monitoring features
(written by `imports`, shown by `dashboard` and `national`, frozen by `reports`)."""

from django.db import models
from django.db.models import F, Q

from ghnt_portal.validators import no_client_data

from ..constants import COUNT_UNIT, PeriodKind
from ..querysets import MeasurementQuerySet


class Indicator(models.Model):
    code = models.SlugField("code", max_length=60, unique=True, validators=[no_client_data])
    name = models.CharField("naam", max_length=200, validators=[no_client_data])
    unit = models.CharField(
        "eenheid", max_length=60, default=COUNT_UNIT, validators=[no_client_data]
    )
    source = models.CharField("bron", max_length=200, blank=True, validators=[no_client_data])
    description = models.TextField("toelichting", blank=True, validators=[no_client_data])
    suppression_threshold = models.PositiveSmallIntegerField(
        "onderdrukkingsgrens",
        default=5,
        help_text=(
            "Aantallen onder deze grens worden voor lezers getoond als '<grens'. "
            "0 voor cijfers die al openbaar zijn."
        ),
    )

    class Meta:
        verbose_name = "indicator"
        verbose_name_plural = "indicatoren"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Measurement(models.Model):
    """An indicator's value for one municipality or one region in one period."""

    indicator = models.ForeignKey(
        Indicator, verbose_name="indicator", on_delete=models.CASCADE, related_name="measurements"
    )
    municipality = models.ForeignKey(
        "programmes.Municipality",
        verbose_name="gemeente",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="measurements",
    )
    region = models.ForeignKey(
        "programmes.Region",
        verbose_name="regio",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="measurements",
        help_text="Alleen voor cijfers van de hele regio; anders de gemeente invullen.",
    )
    period_kind = models.CharField("soort periode", max_length=12, choices=PeriodKind.choices)
    period_start = models.DateField("periode vanaf")
    period_end = models.DateField("periode tot en met")
    period_label = models.CharField(
        "periode (zoals gedrukt)",
        max_length=60,
        blank=True,
        help_text="Bijvoorbeeld t/m mei 2020.",
        validators=[no_client_data],
    )
    value = models.DecimalField("waarde", max_digits=14, decimal_places=2)
    note = models.CharField("toelichting", max_length=200, blank=True, validators=[no_client_data])
    # What the source itself says the change since the area's previous figure is, in percent
    # (the ZaWa plan: crisis call-outs "met 50% gestegen van 74 naar 148"): the dashboard
    # shows it beside the change it computes when the two differ.
    source_stated_change = models.DecimalField(
        "verandering volgens de bron (%)",
        max_digits=7,
        decimal_places=1,
        null=True,
        blank=True,
        help_text="De verandering ten opzichte van het vorige cijfer zoals de bron die noemt.",
    )

    objects = MeasurementQuerySet.as_manager()

    class Meta:
        verbose_name = "meting"
        verbose_name_plural = "metingen"
        ordering = ["indicator", "period_start", "municipality__name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(municipality__isnull=False, region__isnull=True)
                | Q(municipality__isnull=True, region__isnull=False),
                name="measurement_one_area",
                violation_error_message="Een meting hoort bij een gemeente óf bij een regio.",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="measurement_period_end_not_before_start",
                violation_error_message="Het einde van de periode ligt vóór het begin.",
            ),
            models.UniqueConstraint(
                fields=["indicator", "municipality", "period_start", "period_end"],
                condition=Q(municipality__isnull=False),
                name="measurement_unique_per_municipality_period",
                violation_error_message=(
                    "Voor deze indicator, gemeente en periode is al een meting."
                ),
            ),
            models.UniqueConstraint(
                fields=["indicator", "region", "period_start", "period_end"],
                condition=Q(region__isnull=False),
                name="measurement_unique_per_region_period",
                violation_error_message="Voor deze indicator, regio en periode is al een meting.",
            ),
        ]

    def __str__(self):
        return f"{self.indicator} {self.area} {self.period_display}: {self.value}"

    @property
    def area(self):
        return self.municipality or self.region

    @property
    def period_display(self):
        if self.period_label:
            return self.period_label
        if self.period_kind == PeriodKind.YEAR:
            return str(self.period_start.year)
        return f"{self.period_start:%d-%m-%Y} t/m {self.period_end:%d-%m-%Y}"
