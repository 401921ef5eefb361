"""The risk register of a programme: risks of the programme as a whole or of one action,
each with its likelihood and impact in words, the measure taken, an owner and a status."""

from django.db import models
from django.urls import reverse

from ghnt_portal.validators import no_client_data

from ..constants import RiskLevel, RiskStatus
from ..querysets import RiskQuerySet
from .actions import Action


class Risk(models.Model):
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name="actieprogramma",
        on_delete=models.CASCADE,
        related_name="risks",
    )
    action = models.ForeignKey(
        Action,
        verbose_name="actie",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="risks",
        help_text="Leeg voor een risico van het programma als geheel.",
    )
    order = models.PositiveSmallIntegerField("volgorde", default=0)
    title = models.CharField("risico", max_length=200, validators=[no_client_data])
    description = models.TextField("omschrijving", blank=True, validators=[no_client_data])
    likelihood = models.CharField(
        "kans", max_length=20, choices=RiskLevel.choices, default=RiskLevel.NOT_ASSESSED
    )
    impact = models.CharField(
        "gevolgen", max_length=20, choices=RiskLevel.choices, default=RiskLevel.NOT_ASSESSED
    )
    measure = models.TextField(
        "beheersmaatregel",
        blank=True,
        help_text="Wat er wordt gedaan om het risico te beperken.",
        validators=[no_client_data],
    )
    owner = models.CharField("eigenaar", max_length=200, blank=True, validators=[no_client_data])
    status = models.CharField(
        "status", max_length=20, choices=RiskStatus.choices, default=RiskStatus.OPEN
    )
    source = models.CharField(
        "bron",
        max_length=300,
        blank=True,
        help_text="Waar het risico is beschreven.",
        validators=[no_client_data],
    )

    objects = RiskQuerySet.as_manager()

    class Meta:
        verbose_name = "risico"
        verbose_name_plural = "risico's"
        ordering = ["programme", "order", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("actions:risk_list", args=[self.programme_id]) + f"#risico-{self.pk}"
