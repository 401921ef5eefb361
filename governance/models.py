import datetime
from functools import cached_property

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from ghnt_portal.periods import Quarter
from ghnt_portal.validators import no_client_data

from .constants import BodyKind, CommitmentStatus, Conclusion, DatePrecision, Purpose
from .querysets import (
    CommitmentQuerySet,
    DecisionQuerySet,
    DecisionRouteQuerySet,
    GovernanceQuerySet,
    MeetingQuerySet,
)


class DecisionBody(models.Model):
    """An official or administrative body (overleg, gremium) of a region."""

    region = models.ForeignKey(
        "programmes.Region",
        verbose_name="regio",
        on_delete=models.CASCADE,
        related_name="decision_bodies",
    )
    municipality = models.ForeignKey(
        "programmes.Municipality",
        verbose_name="gemeente",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text="Voor het college of de raad van één gemeente.",
    )
    name = models.CharField("naam", max_length=200, validators=[no_client_data])
    abbreviation = models.CharField(
        "afkorting", max_length=20, blank=True, validators=[no_client_data]
    )
    kind = models.CharField("soort", max_length=30, choices=BodyKind.choices)
    is_competent = models.BooleanField(
        "bevoegd tot vaststellen",
        default=False,
        help_text="Een 'akkoord' van dit gremium op 'vaststellen' stelt een programma vast.",
    )

    objects = GovernanceQuerySet.as_manager()

    class Meta:
        verbose_name = "overleg"
        verbose_name_plural = "overleggen"
        ordering = ["region", "name"]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="body_unique_name_per_region")
        ]

    def __str__(self):
        return self.abbreviation or self.name


class Meeting(models.Model):
    body = models.ForeignKey(
        DecisionBody, verbose_name="overleg", on_delete=models.CASCADE, related_name="meetings"
    )
    date = models.DateField("datum")
    date_precision = models.CharField(
        "nauwkeurigheid datum",
        max_length=10,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        help_text="Maand als alleen de maand bekend is (bijvoorbeeld AO-jan).",
    )
    label = models.CharField(
        "aanduiding (zoals gedrukt)", max_length=60, blank=True, validators=[no_client_data]
    )
    location = models.CharField("locatie", max_length=200, blank=True, validators=[no_client_data])

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = "vergadering"
        verbose_name_plural = "vergaderingen"
        ordering = ["date", "body__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "date", "date_precision"], name="meeting_unique_per_body_date"
            )
        ]

    def __str__(self):
        return f"{self.body} {self.date_display}"

    def get_absolute_url(self):
        return reverse("governance:meeting_detail", args=[self.pk])

    @property
    def choice_label(self) -> str:
        """How a meeting is offered in a form: body and date, and the label as printed
        ("AO januari 2021 (AO-jan)"), so meetings of one body are told apart."""
        if self.label and self.label != str(self.body):
            return f"{self} ({self.label})"
        return str(self)

    @property
    def date_is_exact(self) -> bool:
        """The day is known (not only the month or quarter)."""
        return self.date_precision == DatePrecision.DAY

    @property
    def date_display(self) -> str:
        if self.date_precision == DatePrecision.MONTH:
            return date_format(self.date, "F Y")
        if self.date_precision == DatePrecision.QUARTER:
            return f"Q{(self.date.month - 1) // 3 + 1} {self.date.year}"
        return date_format(self.date, "j F Y")

    @property
    def period(self) -> tuple[datetime.date, datetime.date]:
        """First and last day the meeting may fall on, given the precision of its date."""
        if self.date_precision == DatePrecision.QUARTER:
            quarter = Quarter.of(self.date)
            return quarter.start, quarter.end
        if self.date_precision == DatePrecision.MONTH:
            first = self.date.replace(day=1)
            next_month = (first + datetime.timedelta(days=32)).replace(day=1)
            return first, next_month - datetime.timedelta(days=1)
        return self.date, self.date


class DecisionRoute(models.Model):
    """The passage of one document through the bodies of a region."""

    region = models.ForeignKey(
        "programmes.Region",
        verbose_name="regio",
        on_delete=models.CASCADE,
        related_name="decision_routes",
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name="actieprogramma",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="decision_routes",
    )
    title = models.CharField("document", max_length=300, validators=[no_client_data])
    reference = models.CharField("kenmerk", max_length=60, blank=True, validators=[no_client_data])
    adopts_programme = models.BooleanField(
        "route tot vaststelling van het programma",
        default=True,
        help_text="Uit voor routes van andere stukken, zoals een voortgangsrapportage.",
    )

    objects = DecisionRouteQuerySet.as_manager()

    class Meta:
        verbose_name = "besluitvormingsroute"
        verbose_name_plural = "besluitvormingsroutes"
        ordering = ["region", "title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("governance:route_detail", args=[self.pk])

    @cached_property
    def ordered_steps(self) -> list["RouteStep"]:
        """The steps in order; uses prefetched steps when the view prefetched them."""
        return sorted(self.steps.all(), key=lambda step: step.order)

    @cached_property
    def current_step(self) -> "RouteStep | None":
        """Where the document is now: the last step with a conclusion."""
        concluded = [step for step in self.ordered_steps if step.conclusion]
        return concluded[-1] if concluded else None

    @cached_property
    def next_step(self) -> "RouteStep | None":
        """What comes next: the first step without a conclusion after the current one.

        Steps without a conclusion before the current step were passed (e.g. a
        "bespreken" in a stuurgroep that records no conclusion).
        """
        after = self.current_step.order if self.current_step else 0
        for step in self.ordered_steps:
            if step.order > after and not step.conclusion:
                return step
        return None


class RouteStep(models.Model):
    route = models.ForeignKey(
        DecisionRoute, verbose_name="route", on_delete=models.CASCADE, related_name="steps"
    )
    order = models.PositiveSmallIntegerField("volgorde")
    date = models.DateField("datum", null=True, blank=True)
    # A month-only date stays month-only ("maart 2020"), as the plan prints it (issue 22).
    # Empty is a day (the default stays empty so an untouched new row of the route form is
    # still "unchanged").
    date_precision = models.CharField(
        "nauwkeurigheid datum",
        max_length=10,
        choices=DatePrecision.choices,
        default="",
        blank=True,
        help_text="Leeg of dag: de datum is precies bekend.",
    )
    body = models.ForeignKey(
        DecisionBody, verbose_name="overleg", on_delete=models.PROTECT, related_name="route_steps"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name="vergadering",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="route_steps",
    )
    purpose = models.CharField("doel", max_length=20, choices=Purpose.choices)
    conclusion = models.CharField(
        "conclusie", max_length=30, choices=Conclusion.choices, blank=True
    )
    conditions = models.TextField("voorwaarden", blank=True, validators=[no_client_data])
    remarks = models.TextField("opmerkingen", blank=True, validators=[no_client_data])

    class Meta:
        verbose_name = "behandeling"
        verbose_name_plural = "behandelingen"
        ordering = ["route", "order"]
        constraints = [
            models.UniqueConstraint(fields=["route", "order"], name="routestep_unique_order")
        ]

    def __str__(self):
        return f"{self.order}. {self.body} ({self.get_purpose_display()})"

    @property
    def date_display(self) -> str:
        """The date as precise as it is known: "maart 2020" for a month-only date."""
        if self.date is None:
            return ""
        if self.date_precision == DatePrecision.MONTH:
            return date_format(self.date, "F Y")
        if self.date_precision == DatePrecision.QUARTER:
            return f"Q{(self.date.month - 1) // 3 + 1} {self.date.year}"
        return date_format(self.date, "j F Y")


class Decision(models.Model):
    region = models.ForeignKey(
        "programmes.Region",
        verbose_name="regio",
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    number = models.CharField("besluitnummer", max_length=60, validators=[no_client_data])
    title = models.CharField("onderwerp", max_length=300, validators=[no_client_data])
    date = models.DateField("datum", null=True, blank=True)
    body = models.ForeignKey(
        DecisionBody, verbose_name="genomen door", on_delete=models.PROTECT, null=True, blank=True
    )
    route_step = models.ForeignKey(
        RouteStep,
        verbose_name="behandeling",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="decisions",
    )
    portfolio_holders = models.CharField(
        "portefeuillehouder(s)", max_length=200, blank=True, validators=[no_client_data]
    )
    policy_area = models.CharField(
        "programma/beleidsveld", max_length=200, blank=True, validators=[no_client_data]
    )
    summary = models.TextField("kernboodschap", blank=True, validators=[no_client_data])

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = "besluit"
        verbose_name_plural = "besluiten"
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["region", "number"], name="decision_unique_number")
        ]

    def __str__(self):
        return f"{self.number} {self.title}"

    def get_absolute_url(self):
        return reverse("governance:decision_detail", args=[self.pk])


class DecisionPoint(models.Model):
    decision = models.ForeignKey(
        Decision, verbose_name="besluit", on_delete=models.CASCADE, related_name="points"
    )
    number = models.PositiveSmallIntegerField("nummer")
    text = models.TextField("besluitpunt", validators=[no_client_data])

    class Meta:
        verbose_name = "besluitpunt"
        verbose_name_plural = "besluitpunten"
        ordering = ["decision", "number"]
        constraints = [
            models.UniqueConstraint(fields=["decision", "number"], name="decisionpoint_unique")
        ]

    def __str__(self):
        return f"{self.number}. {self.text[:60]}"


class Commitment(models.Model):
    """A promise (toezegging) to the council, open until an answer settles it."""

    region = models.ForeignKey(
        "programmes.Region",
        verbose_name="regio",
        on_delete=models.CASCADE,
        related_name="commitments",
    )
    number = models.CharField("nummer", max_length=60, validators=[no_client_data])
    text = models.TextField("toezegging", validators=[no_client_data])
    made_to = models.ForeignKey(
        DecisionBody,
        verbose_name="gedaan aan",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
    )
    made_in = models.ForeignKey(
        Meeting,
        verbose_name="gedaan in vergadering",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="commitments_made",
    )
    made_on = models.DateField("gedaan op", null=True, blank=True)
    due_date = models.DateField("uiterlijk af", null=True, blank=True)
    status = models.CharField(
        "status", max_length=10, choices=CommitmentStatus.choices, default=CommitmentStatus.OPEN
    )
    settled_by = models.CharField(
        "afgedaan met (document)", max_length=300, blank=True, validators=[no_client_data]
    )
    answer = models.TextField("antwoord", blank=True, validators=[no_client_data])
    settled_on = models.DateField("afgedaan op", null=True, blank=True)
    # `actions` (the actions that fulfil it) is the reverse side of Action.commitments: the
    # relation is declared in the higher app, actions.

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        verbose_name = "toezegging"
        verbose_name_plural = "toezeggingen"
        ordering = ["due_date", "number"]
        constraints = [
            models.UniqueConstraint(fields=["region", "number"], name="commitment_unique_number"),
            models.CheckConstraint(
                condition=Q(status=CommitmentStatus.OPEN) | Q(settled_on__isnull=False),
                name="commitment_settled_has_date",
                violation_error_message="Een afgedane toezegging heeft een datum van afdoening.",
            ),
        ]

    def __str__(self):
        return f"{self.number}"

    def get_absolute_url(self):
        return reverse("governance:commitment_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == CommitmentStatus.OPEN

    @property
    def is_overdue(self):
        return (
            self.status == CommitmentStatus.OPEN
            and self.due_date is not None
            and self.due_date < timezone.localdate()
        )
