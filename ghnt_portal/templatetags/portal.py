from decimal import Decimal

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def euro(value):
    """Format a Decimal as Dutch euros: € 12.500 or € 8.712,50."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    whole = value == value.to_integral_value()
    text = f"{value:,.0f}" if whole else f"{value:,.2f}"
    text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return f"€ {text}"


@register.simple_tag
def status_badge(value, label):
    """A status shown as text in a badge; the colour only supports the text."""
    return format_html('<span class="badge-status status-{}">{}</span>', value, label)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None
