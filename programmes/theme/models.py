"""A region's own theme: one row per region (RegionTheme, one-to-one with Region)."""

import hashlib
import re
import secrets

from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone

from . import contrast
from .constants import DEFAULT_COLOURS

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
colour_validator = RegexValidator(
    HEX_COLOUR, "Gebruik een kleurcode van een hekje en zes tekens, bijvoorbeeld #154273."
)


def theme_file_key(instance, filename):
    """An unguessable storage key; the served URL names the region and the kind only."""
    return f"themes/{secrets.token_urlsafe(18)}"


def _colour(verbose_name, default="", help_text="", blank=False):
    return models.CharField(
        verbose_name,
        max_length=7,
        default=default,
        blank=blank,
        validators=[colour_validator],
        help_text=help_text,
    )


class RegionTheme(models.Model):
    region = models.OneToOneField(
        "programmes.Region", verbose_name="regio", on_delete=models.CASCADE, related_name="theme"
    )
    primary_colour = _colour(
        "primaire kleur",
        DEFAULT_COLOURS["primary_colour"],
        "Huisstijlkleur: kop van de pagina, primaire knoppen en links.",
    )
    primary_hover_colour = _colour(
        "hoverkleur",
        blank=True,
        help_text="Kleur van knoppen onder de muis. Leeg: afgeleid van de primaire kleur.",
    )
    on_primary_colour = _colour(
        "kleur op primaire kleur",
        DEFAULT_COLOURS["on_primary_colour"],
        "Tekst en pictogrammen op de primaire kleur (meestal wit).",
    )
    text_colour = _colour("tekstkleur", DEFAULT_COLOURS["text_colour"])
    background_colour = _colour("achtergrondkleur", DEFAULT_COLOURS["background_colour"])
    focus_colour = _colour(
        "focuskleur",
        DEFAULT_COLOURS["focus_colour"],
        "Rand om het element waar de toetsenbordfocus staat.",
    )
    logo = models.FileField(
        "logo",
        upload_to=theme_file_key,
        max_length=200,
        blank=True,
        help_text="PNG of JPEG, ten hoogste 512 kB. Komt in de kop en op het voorblad van de "
        "voortgangsrapportage.",
    )
    logo_mime = models.CharField("bestandstype logo", max_length=40, blank=True, editable=False)
    font = models.FileField(
        "lettertype",
        upload_to=theme_file_key,
        max_length=200,
        blank=True,
        help_text="Eigen lettertype voor de tekst, als WOFF2-bestand (ten hoogste 2 MB). Leeg: "
        "het standaardlettertype.",
    )
    heading_font = models.FileField(
        "lettertype voor koppen",
        upload_to=theme_file_key,
        max_length=200,
        blank=True,
        help_text="WOFF2-bestand. Leeg: het lettertype van de tekst.",
    )
    version = models.CharField("versie", max_length=16, blank=True, editable=False)
    updated_at = models.DateTimeField("gewijzigd op", default=timezone.now, editable=False)

    class Meta:
        verbose_name = "regiothema"
        verbose_name_plural = "regiothema's"

    def __str__(self):
        return f"Thema van {self.region}"

    def save(self, *args, **kwargs):
        for name in DEFAULT_COLOURS:
            setattr(self, name, (getattr(self, name) or "").lower())
        self.version = self.compute_version()
        self.updated_at = timezone.now()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        colours = self.colours()
        # Only well-formed colours can be compared; a malformed one has its own field error.
        if all(
            HEX_COLOUR.match(value)
            for name, value in colours.items()
            if value or name != "primary_hover_colour"
        ):
            contrast.check(colours)

    def colours(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in DEFAULT_COLOURS}

    def compute_version(self) -> str:
        """Changes whenever what the theme's CSS says changes: the cache-busting part of its
        URL."""
        files = (self.logo.name, self.font.name, self.heading_font.name)
        parts = [*self.colours().values(), *(name or "" for name in files)]
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:12]
