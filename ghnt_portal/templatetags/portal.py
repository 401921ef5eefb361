import re

from django import template
from django.utils.html import format_html

from ghnt_portal import formats
from ghnt_portal.colours import darken

register = template.Library()


@register.filter
def euro(value):
    """Format a Decimal as Dutch euros: € 12.500 or € 8.712,50."""
    return formats.euro(value)


@register.simple_tag
def status_badge(value, label):
    """A status shown as text in a badge; the colour only supports the text."""
    return format_html('<span class="badge-status status-{}">{}</span>', value, label)


@register.simple_tag
def accent_style(region):
    """` style="..."` for <body>: the region's accent colour (and its darker hover shade) on the
    header, buttons and progress bars. Only well-formed colours are used."""
    colour = getattr(region, "accent_colour", "") or ""
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
        return ""
    return format_html(
        ' style="--portal-accent: {}; --portal-accent-dark: {}"', colour, darken(colour)
    )


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def aantal(count, forms):
    """A number with its noun in the right form: `{{ n|aantal:"actie,acties" }}` gives
    "1 actie", "2 acties", "0 acties"."""
    singular, _, plural = str(forms).partition(",")
    return f"{count} {singular if count == 1 else plural or singular}"
