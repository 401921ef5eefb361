import datetime
import re

from django import template
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from ghnt_portal import formats

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


# The NL Design System status badge's tone for each status value of the portal (actions,
# milestones, updates, reports, decisions): one place, so a status looks the same everywhere.
STATUS_TONES = {
    **dict.fromkeys(("niet_gestart", "concept", "doorlopend", "gepland"), "neutral"),
    **dict.fromkeys(
        ("in_uitvoering", "in_besluitvorming", "dit_kwartaal", "ingediend", "open"), "active"
    ),
    **dict.fromkeys(
        ("vertraagd", "te_laat", "teruggestuurd", "afgewezen", "aangehouden", "achterstand"),
        "danger",
    ),
    **dict.fromkeys(
        (
            "afgerond",
            "vastgesteld",
            "gereed",
            "geaccepteerd",
            "akkoord",
            "verzonden",
            "definitief",
            "op_schema",
            "akkoord_met_voorwaarden",
            "positief",
            "afgedaan",
        ),
        "success",
    ),
    "aandachtspunt": "warning",
    "vervallen": "inactive",
}


@register.filter
def status_tone(value):
    """`utrecht-status-badge--{{ status|status_tone }}`: success, warning, danger, active,
    inactive or neutral (an unknown status)."""
    return STATUS_TONES.get(str(value), "neutral")


@register.simple_tag
def status_badge(value, label):
    """A status shown as text in a badge; the colour only supports the text."""
    return format_html(
        '<span class="utrecht-status-badge utrecht-status-badge--{}" data-status="{}">{}</span>',
        status_tone(value),
        value,
        label,
    )


# Django's message levels as the NL Design System alert's types.
ALERT_TONES = {"error": "error", "success": "ok", "warning": "warning"}


@register.filter
def alert_tone(tags):
    """`utrecht-alert--{{ message.tags|alert_tone }}`: error, ok, warning or info."""
    return ALERT_TONES.get(str(tags or "").split(" ")[-1], "info")


class HtmxWhenUsedNode(template.Node):
    """Renders its content and adds htmx (52 KB, most of a page's weight) only when that
    content has an hx- attribute: pages without htmx partials do not load it. A page whose
    partials wait for the user (a link, button or form) names it for portal.js, which fetches
    it when the user first points at, focuses or uses one of them; a page with a partial that
    starts by itself (a status that polls, `hx-trigger="every 2s"`) loads it at once."""

    # An attribute as a template writes it; escaped user text cannot produce the quote.
    USES_HTMX = re.compile(r"\shx-(?!headers)[a-z-]+=[\"']")
    STARTS_BY_ITSELF = re.compile(r"\shx-trigger=[\"'][^\"']*\b(every|load|revealed|intersect)\b")

    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        from django.templatetags.static import static

        content = self.nodelist.render(context)
        if not self.USES_HTMX.search(content):
            return content
        src = static("vendor/htmx/htmx.min.js")
        if self.STARTS_BY_ITSELF.search(content):
            return content + format_html('<script src="{}"></script>\n', src)
        return content + format_html('<div hidden data-htmx-src="{}"></div>\n', src)


@register.tag
def with_htmx_when_used(parser, token):
    nodelist = parser.parse(("end_with_htmx_when_used",))
    parser.delete_first_token()
    return HtmxWhenUsedNode(nodelist)


@register.simple_tag
def accent_style(region):
    """Nothing any more: a region's colours reach its pages through its theme stylesheet
    (programmes/theme: `{% theme_stylesheets %}` in base.html's head, on :root, where
    tokens.css maps them onto the components; a value on <body> would not reach those).
    Kept so the pages that name their region here need no change."""
    return ""


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
            blocks.append(_bullet_list(line[2:] for line in lines))
        else:
            blocks.append(format_html("<p>{}</p>", " ".join(lines)))
    return mark_safe("".join(blocks))  # noqa: S308 - every part passed through format_html


# A list item as the plans print one: "1." or "1)" numbers it, "•", "-", "–", "—" or "*" is a
# bullet; then a space and text. A number of up to three digits, so "2021. " stays text.
_PLAN_ITEM = re.compile(r"^(?:(?P<number>\d{1,3})[.)]|[•\-–—*])\s+(?P<text>\S.*)$")


@register.filter
def plan_text(text):
    """A plan's text (an action's wat, hoe, resultaten ...) as the source prints it, with its
    lists as lists (WCAG 1.3.1): numbered lines are an <ol>, bulleted lines a <ul>, inside
    the numbered item above them when there is one; other lines keep their line breaks and a
    blank line starts a new paragraph. Everything is escaped."""
    blocks = [block for chunk in str(text or "").split("\n\n") for block in _plan_blocks(chunk)]
    return mark_safe("".join(blocks))  # noqa: S308 - every part passed through format_html


def _plan_blocks(chunk: str) -> list[str]:
    """The part of a plan text between two blank lines as <p>, <ol> and <ul>."""
    blocks: list[str] = []
    lines: list[str] = []  # the paragraph being read
    numbered: list[list] = []  # [number, text, bullets]
    bullets: list[str] = []  # bullets outside a numbered item

    def close() -> None:
        if lines:
            text = mark_safe("<br>".join(escape(line) for line in lines))  # noqa: S308
            blocks.append(format_html("<p>{}</p>", text))
        if numbered:
            blocks.append(_numbered_list(numbered))
        if bullets:
            blocks.append(_bullet_list(bullets))
        lines.clear()
        numbered.clear()
        bullets.clear()

    for line in (raw.strip() for raw in chunk.splitlines()):
        item = _PLAN_ITEM.match(line) if line else None
        if item and item["number"]:
            if lines or bullets:
                close()
            numbered.append([int(item["number"]), item["text"], []])
        elif item and numbered:
            numbered[-1][2].append(item["text"])
        elif item:
            if lines:
                close()
            bullets.append(item["text"])
        elif line:
            if numbered or bullets:
                close()
            lines.append(line)
    close()
    return blocks


def _bullet_list(items) -> str:
    return format_html("<ul>{}</ul>", format_html_join("", "<li>{}</li>", ((i,) for i in items)))


def _numbered_list(items) -> str:
    """<ol> with the numbers as printed: `start` when it does not start at 1, `value` on an
    item whose number does not follow the one before."""
    parts = []
    for index, (number, text, bullets) in enumerate(items):
        expected = items[index - 1][0] + 1 if index else None
        value = format_html(' value="{}"', number) if index and number != expected else ""
        inner = format_html("{}{}", text, mark_safe(_bullet_list(bullets)) if bullets else "")  # noqa: S308
        parts.append(format_html("<li{}>{}</li>", value, inner))
    start = format_html(' start="{}"', items[0][0]) if items[0][0] != 1 else ""
    return format_html("<ol{}>{}</ol>", start, mark_safe("".join(parts)))  # noqa: S308


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
