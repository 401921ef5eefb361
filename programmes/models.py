import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from ghnt_portal.colours import MIN_TEXT_CONTRAST, WHITE, contrast_ratio
from ghnt_portal.formats import format_number
from ghnt_portal.validators import no_client_data

from .access import AnyUser, scope_for
from .constants import OrganisationKind, ProgrammeStatus, Role, SectionKind
from .querysets import (
    MembershipQuerySet,
    NationalFrameQuerySet,
    ProgrammeQuerySet,
    RegionQuerySet,
)

cbs_code_validator = RegexValidator(
    r"^GM\d{4}$", "Een CBS-gemeentecode bestaat uit GM en vier cijfers, bijvoorbeeld GM0479."
)


class Region(models.Model):
    name = models.CharField("naam", max_length=120, unique=True, validators=[no_client_data])
    slug = models.SlugField("korte naam", max_length=60, unique=True, validators=[no_client_data])
    centrumgemeente = models.ForeignKey(
        "Municipality",
        verbose_name="centrumgemeente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    rijk_report_email = models.EmailField(
        "e-mailadres Rijk",
        blank=True,
        help_text="Adres waarnaar de halfjaarlijkse voortgangsrapportage wordt verzonden.",
        validators=[no_client_data],
    )
    accent_colour = models.CharField(
        "accentkleur",
        max_length=7,
        default="#154273",
        validators=[
            RegexValidator(r"^#[0-9a-fA-F]{6}$", "Gebruik een kleurcode als #154273."),
            no_client_data,
        ],
        help_text="Kleur van de regio in het portaal; moet voldoende contrast hebben met wit.",
    )
    public_data = models.BooleanField(
        "vastgestelde gegevens openbaar",
        default=False,
        help_text=(
            "Vastgestelde programma's van de regio (acties, voortgang, mijlpalen, begroting, "
            "besluitvorming, cijfers met afscherming van kleine aantallen) zijn dan zonder "
            "inloggen te zien op de openbare pagina's en in de API. Concepten nooit."
        ),
    )

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = "regio"
        verbose_name_plural = "regio's"
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        # White text sits on the accent colour (header, buttons): it must stay readable.
        if re.fullmatch(r"#[0-9a-fA-F]{6}", self.accent_colour or ""):
            ratio = contrast_ratio(self.accent_colour, WHITE)
            if ratio < MIN_TEXT_CONTRAST:
                shown = format_number(ratio, 1)
                raise ValidationError(
                    {
                        "accent_colour": (
                            f"Witte tekst is slecht leesbaar op deze accentkleur (contrast "
                            f"{shown}:1, minimaal 4,5:1 nodig). Kies een donkerdere kleur."
                        )
                    }
                )


class Municipality(models.Model):
    region = models.ForeignKey(
        Region, verbose_name="regio", on_delete=models.PROTECT, related_name="municipalities"
    )
    name = models.CharField("naam", max_length=120, validators=[no_client_data])
    cbs_code = models.CharField(
        "CBS-code", max_length=6, unique=True, validators=[cbs_code_validator, no_client_data]
    )

    class Meta:
        verbose_name = "gemeente"
        verbose_name_plural = "gemeenten"
        ordering = ["name"]

    def __str__(self):
        return self.name


class Organisation(models.Model):
    name = models.CharField("naam", max_length=160, validators=[no_client_data])
    kind = models.CharField("soort", max_length=20, choices=OrganisationKind.choices)
    region = models.ForeignKey(
        Region,
        verbose_name="regio",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        help_text="Leeg voor landelijke organisaties.",
    )
    municipality = models.OneToOneField(
        Municipality,
        verbose_name="gemeente",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisation",
        help_text="Alleen voor organisaties van het soort gemeente.",
    )
    contact_email = models.EmailField(
        "e-mailadres contactpersoon", blank=True, validators=[no_client_data]
    )

    class Meta:
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "name"], name="organisation_unique_name_per_region"
            ),
            models.CheckConstraint(
                condition=Q(kind=OrganisationKind.MUNICIPALITY, municipality__isnull=False)
                | (~Q(kind=OrganisationKind.MUNICIPALITY) & Q(municipality__isnull=True)),
                name="organisation_municipality_iff_kind_gemeente",
                violation_error_message="Een gemeente-organisatie hoort bij precies één gemeente.",
            ),
        ]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A user's role, scoped to a region, an organisation or a municipality."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gebruiker",
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField("rol", max_length=20, choices=Role.choices)
    region = models.ForeignKey(
        Region, verbose_name="regio", on_delete=models.CASCADE, null=True, blank=True
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name="organisatie", on_delete=models.CASCADE, null=True, blank=True
    )
    municipality = models.ForeignKey(
        Municipality, verbose_name="gemeente", on_delete=models.CASCADE, null=True, blank=True
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = "lidmaatschap"
        verbose_name_plural = "lidmaatschappen"
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(role=Role.PROJECTLEIDER, region__isnull=False)
                    | Q(role=Role.KETENPARTNER, organisation__isnull=False)
                    | Q(role__in=[Role.WETHOUDER, Role.RAADSLID], municipality__isnull=False)
                    | Q(role__in=[Role.RIJK, Role.BEHEERDER])
                ),
                name="membership_scope_matches_role",
                violation_error_message=(
                    "Een projectleider hoort bij een regio, een ketenpartner bij een organisatie, "
                    "een wethouder of raadslid bij een gemeente."
                ),
            ),
        ]

    def __str__(self):
        scope = self.region or self.organisation or self.municipality or "landelijk"
        return f"{self.user} – {self.get_role_display()} ({scope})"


class Programme(models.Model):
    region = models.ForeignKey(
        Region, verbose_name="regio", on_delete=models.PROTECT, related_name="programmes"
    )
    title = models.CharField("titel", max_length=300, validators=[no_client_data])
    short_name = models.CharField(
        "korte naam", max_length=80, blank=True, validators=[no_client_data]
    )
    period_start = models.DateField("looptijd vanaf", null=True, blank=True)
    period_end = models.DateField("looptijd tot en met", null=True, blank=True)
    status = models.CharField(
        "status", max_length=20, choices=ProgrammeStatus.choices, default=ProgrammeStatus.CONCEPT
    )
    document_date = models.DateField("datum document", null=True, blank=True)
    version_label = models.CharField(
        "versie", max_length=200, blank=True, validators=[no_client_data]
    )
    summary = models.TextField("samenvatting", blank=True, validators=[no_client_data])
    source_remarks = models.TextField(
        "opmerkingen bij de bron",
        blank=True,
        help_text="Tegenstrijdigheden of onvolledigheden in het brondocument, zoals gevonden.",
        validators=[no_client_data],
    )
    # The plan's own total as it prints it ("De begroting voor het project is € 186.000"):
    # shown beside the sum the portal computes from the budget lines, never instead of it.
    stated_budget_total = models.DecimalField(
        "begroting volgens het plan",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=(
            "Het totaal dat het plan zelf noemt, in euro's; leeg als het plan geen totaal noemt."
        ),
    )
    participants = models.ManyToManyField(
        Organisation,
        verbose_name="deelnemende organisaties",
        blank=True,
        related_name="programmes",
    )

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = "actieprogramma"
        verbose_name_plural = "actieprogramma's"
        ordering = ["region__name", "-period_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="programme_period_end_not_before_start",
                violation_error_message="De einddatum ligt vóór de begindatum.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("programmes:detail", args=[self.pk])

    def is_editable_by(self, user: AnyUser) -> bool:
        """`Programme.objects.editable_by(user)` for this one programme, without a query
        (the user's scope is read once per request)."""
        return scope_for(user).edits_region(self.region_id)

    @property
    def period_label(self):
        if self.period_start and self.period_end:
            if self.period_start.year == self.period_end.year:
                return str(self.period_start.year)
            return f"{self.period_start.year}-{self.period_end.year}"
        if self.period_start:
            return f"vanaf {self.period_start.year}"
        return "looptijd niet vermeld"


class Goal(models.Model):
    """A goal (doelstelling) of the regional vision behind a programme."""

    programme = models.ForeignKey(
        Programme, verbose_name="actieprogramma", on_delete=models.CASCADE, related_name="goals"
    )
    number = models.PositiveSmallIntegerField("nummer")
    title = models.CharField("titel", max_length=300, validators=[no_client_data])
    description = models.TextField("toelichting", blank=True, validators=[no_client_data])
    in_focus = models.BooleanField(
        "in focus", default=False, help_text="Doelstelling waar het programma nu aan werkt."
    )

    class Meta:
        verbose_name = "regiovisie-doelstelling"
        verbose_name_plural = "regiovisie-doelstellingen"
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "number"], name="goal_unique_number_per_programme"
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class NationalActionLine(models.Model):
    """One of the three action lines of the national programme (the national frame)."""

    number = models.PositiveSmallIntegerField("nummer", unique=True)
    title = models.CharField("titel", max_length=200, validators=[no_client_data])
    description = models.TextField("toelichting", blank=True, validators=[no_client_data])

    objects = NationalFrameQuerySet.as_manager()

    class Meta:
        verbose_name = "landelijke actielijn"
        verbose_name_plural = "landelijke actielijnen"
        ordering = ["number"]

    def __str__(self):
        return f"{self.number}. {self.title}"


class BuildingBlock(models.Model):
    """A bouwsteen of a national action line; regional actions contribute to one or more.
    Kept as data the Rijk edits (programmes/frame.py seeds the national structure)."""

    national_line = models.ForeignKey(
        NationalActionLine,
        verbose_name="landelijke actielijn",
        on_delete=models.PROTECT,
        related_name="building_blocks",
    )
    code = models.CharField(
        "code",
        max_length=10,
        unique=True,
        help_text="Kort en vast, bijvoorbeeld 1.2; zo staat de bouwsteen in het planbestand.",
        validators=[
            RegexValidator(r"^[0-9A-Za-z.]+$", "Gebruik alleen cijfers, letters en punten."),
        ],
    )
    title = models.CharField("titel", max_length=200, validators=[no_client_data])
    themes = models.TextField(
        "thema's",
        blank=True,
        help_text="Eén thema per regel.",
        validators=[no_client_data],
    )
    order = models.PositiveSmallIntegerField("volgorde", default=0)
    active = models.BooleanField(
        "in gebruik",
        default=True,
        help_text="Uit: niet meer te kiezen, bestaande koppelingen blijven.",
    )

    objects = NationalFrameQuerySet.as_manager()

    class Meta:
        verbose_name = "bouwsteen"
        verbose_name_plural = "bouwstenen"
        ordering = ["national_line__number", "order", "code"]

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def theme_list(self) -> list[str]:
        return [t.strip() for t in self.themes.splitlines() if t.strip()]


class ActionLine(models.Model):
    programme = models.ForeignKey(
        Programme,
        verbose_name="actieprogramma",
        on_delete=models.CASCADE,
        related_name="action_lines",
    )
    order = models.PositiveSmallIntegerField("volgorde")
    title = models.CharField("titel", max_length=200, validators=[no_client_data])
    is_national = models.BooleanField(
        "landelijke actielijn",
        default=True,
        help_text="Uit het landelijke programma; anders een eigen actielijn van de regio.",
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name="doelstelling",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="action_lines",
    )
    description = models.TextField("toelichting", blank=True, validators=[no_client_data])
    building_blocks = models.ManyToManyField(
        BuildingBlock,
        verbose_name="landelijke bouwstenen",
        blank=True,
        related_name="action_lines",
        help_text="De bouwstenen van het landelijke programma waaraan deze actielijn bijdraagt.",
    )

    class Meta:
        verbose_name = "actielijn"
        verbose_name_plural = "actielijnen"
        ordering = ["programme", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "order"], name="actionline_unique_order_per_programme"
            )
        ]

    def __str__(self):
        return self.title


class ProgrammeSection(models.Model):
    """A narrative part of the programme document (context, project organisation, the
    regiovisie's speerpunten, existing measures, planning phases), in the document's order."""

    programme = models.ForeignKey(
        Programme,
        verbose_name="actieprogramma",
        on_delete=models.CASCADE,
        related_name="sections",
    )
    order = models.PositiveSmallIntegerField("volgorde")
    kind = models.CharField("soort", max_length=30, choices=SectionKind.choices)
    title = models.CharField("titel", max_length=200, validators=[no_client_data])
    body = models.TextField(
        "tekst",
        validators=[no_client_data],
        help_text="Zoals in het brondocument; een regel die met '- ' begint is een opsomming.",
    )
    source = models.CharField(
        "bron",
        max_length=200,
        blank=True,
        help_text="Bijvoorbeeld: § 3.2.",
        validators=[no_client_data],
    )

    class Meta:
        verbose_name = "tekstdeel van het programma"
        verbose_name_plural = "tekstdelen van het programma"
        ordering = ["programme", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "order"], name="section_unique_order_per_programme"
            )
        ]

    def __str__(self):
        return self.title


# Documents attached to records of every app (programmes/documents/; a registry says which).
from .documents.models import Document, DocumentVersion  # noqa: E402, F401
from .search.models import SearchEntry  # noqa: E402, F401

# A region's own theme (programmes/theme/).
from .theme.models import RegionTheme  # noqa: E402, F401
