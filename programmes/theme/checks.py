"""The installation's theme (settings THEME_*) is checked at start-up like a region's theme
before it is saved: a bad colour, too little contrast or a file that is not what it should
be stops `manage.py check` (and the server) with the reason."""

from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.exceptions import ValidationError

from . import contrast
from .constants import DEFAULT_COLOURS, FONT_MAX_BYTES, LOGO_MAX_BYTES
from .models import HEX_COLOUR
from .uploads import check_font, check_logo


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [str(m) for m in error.message_dict.get("__all__", error.messages)]
    return list(error.messages)


@checks.register()
def installation_theme(app_configs=None, **kwargs):
    errors = []
    configured = getattr(settings, "THEME_COLOURS", {}) or {}
    for name, value in configured.items():
        if value and not HEX_COLOUR.match(value):
            errors.append(
                checks.Error(
                    f"THEME_{name.upper()}={value!r} is geen kleurcode als #154273.",
                    id="ghnt.theme.E001",
                )
            )
    if not errors:
        colours = {k: configured.get(k) or v for k, v in DEFAULT_COLOURS.items()}
        if not configured.get("primary_hover_colour") and configured.get("primary_colour"):
            colours["primary_hover_colour"] = ""
        try:
            contrast.check(colours)
        except ValidationError as error:
            for message in _messages(error):
                errors.append(checks.Error(message, id="ghnt.theme.E002"))
    for setting, kind in (
        ("THEME_LOGO", "logo"),
        ("THEME_FONT", "font"),
        ("THEME_HEADING_FONT", "font"),
    ):
        path = getattr(settings, setting, "")
        if not path:
            continue
        file = Path(path)
        if not file.is_file():
            errors.append(
                checks.Error(f"{setting}: bestand {path} bestaat niet.", id="ghnt.theme.E003")
            )
            continue
        limit = LOGO_MAX_BYTES if kind == "logo" else FONT_MAX_BYTES
        data = file.read_bytes()[: limit + 1]
        try:
            check_logo(file.name, data) if kind == "logo" else check_font(data)
        except ValidationError as error:
            errors.append(
                checks.Error(f"{setting}: {' '.join(error.messages)}", id="ghnt.theme.E004")
            )
    return errors
