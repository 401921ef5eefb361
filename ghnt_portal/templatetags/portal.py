import datetime
import re

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from ghnt_portal import formats
from ghnt_portal.colours import darken

register = template.Library()


@register.filter
def euro(value):
    """Format a Decimal as Dutch euros: € 12.500 or € 8.712,50."""
    return formats.euro(value)


@register.filter
def getal(value):
    """A number in Dutch notation: 55.000, 2,5 (no trailing zeros); "–" for none."""
    if value is None or value == "":
        return "–"
    return formats.dutch_number(value)


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
def isodate(value):
    """An ISO date string from a snapshot ("2021-06-30") as the Dutch write it: 30-06-2021."""
    try:
        return datetime.date.fromisoformat(str(value)[:10]).strftime("%d-%m-%Y")
    except ValueError:
        return value or ""


@register.filter
def narrative(text):
    """Text as the source documents print it: blank lines separate paragraphs, lines that
    start with "- " are the items of a list. Everything is escaped."""
    blocks = []
    for chunk in str(text or "").split("\n\n"):
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        if all(line.startswith("- ") for line in lines):
            items = format_html_join("", "<li>{}</li>", ((line[2:],) for line in lines))
            blocks.append(format_html("<ul>{}</ul>", items))
        else:
            blocks.append(format_html("<p>{}</p>", " ".join(lines)))
    return mark_safe("".join(blocks))  # noqa: S308 - every part passed through format_html


def _field(obj, name, default=None):
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


@register.filter
def source_total(total, field="planned"):
    """A funding source's total as the source would put it: "capaciteit" for a column of
    capacity only (never "€ 0"), "p.m." for pro memorie only, and an amount per year (whose
    years the source does not give) as that, not added into a sum. Works on the budget
    overview's totals and on their snapshot copies."""
    if _field(total, "capacity_only"):
        return "capaciteit"
    if _field(total, "pm_only"):
        return "p.m."
    amount = _field(total, field)
    per_year = _field(total, "per_year_amount") or _field(total, "per_year")
    if field == "planned" and per_year:
        yearly = f"{formats.euro(per_year)} per jaar"
        if not amount or float(amount) == 0:
            return yearly
        return f"{formats.euro(amount)} + {yearly}"
    return euro(amount)


@register.filter
def aantal(count, forms):
    """A number with its noun in the right form: `{{ n|aantal:"actie,acties" }}` gives
    "1 actie", "2 acties", "0 acties"."""
    singular, _, plural = str(forms).partition(",")
    return f"{count} {singular if count == 1 else plural or singular}"
