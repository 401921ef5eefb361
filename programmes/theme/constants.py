"""The portal's default theme (the values of static/css/tokens.css) and the limits of a
theme's files."""

from types import MappingProxyType

# Colour tokens a theme sets, in the order the form and the CSS list them: the model field,
# the CSS custom property and the Dutch name used in messages.
COLOUR_TOKENS = (
    ("primary_colour", "--ghnt-color-primary", "primaire kleur"),
    ("primary_hover_colour", "--ghnt-color-primary-hover", "hoverkleur"),
    ("on_primary_colour", "--ghnt-color-on-primary", "kleur op primaire kleur"),
    ("text_colour", "--ghnt-color-text", "tekstkleur"),
    ("background_colour", "--ghnt-color-background", "achtergrondkleur"),
    ("focus_colour", "--ghnt-color-focus", "focuskleur"),
)

# The default theme: what tokens.css sets (a test compares them).
DEFAULT_COLOURS = MappingProxyType(
    {
        "primary_colour": "#154273",
        "primary_hover_colour": "#0b2a4a",
        "on_primary_colour": "#ffffff",
        "text_colour": "#1a1a1a",
        "background_colour": "#ffffff",
        "focus_colour": "#ffbf47",
    }
)
DEFAULT_FONT_STACK = '"Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif'

# WCAG 2.1 AA: 1.4.3 text, 1.4.11 non-text (UI components, focus indicator).
MIN_TEXT_CONTRAST = 4.5
MIN_UI_CONTRAST = 3.0

# A logo is a small picture in the header and on the report's cover; a font file one face.
LOGO_MAX_BYTES = 512 * 1024
FONT_MAX_BYTES = 2 * 1024 * 1024
WOFF2_MAGIC = b"wOF2"
WOFF2_MIME = "font/woff2"

# The files a theme may have, by the name in their URL: (model field, Dutch name).
ASSETS = MappingProxyType(
    {
        "logo": ("logo", "logo"),
        "lettertype": ("font", "lettertype"),
        "kop-lettertype": ("heading_font", "lettertype voor koppen"),
    }
)
