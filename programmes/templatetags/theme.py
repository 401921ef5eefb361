"""The page's theme stylesheets, for base.html's head (programmes/theme/services.py)."""

from django import template
from django.utils.html import format_html_join

from programmes.access import scope_for
from programmes.models import Programme, Region
from programmes.theme.services import stylesheet_urls

register = template.Library()

# The objects a region's page shows, by their name in the template context, and the way from
# each to its programme (the same objects the pages pass to `accent_style`).
_PAGE_OBJECTS = (
    ("programme", ()),
    ("action", ("programme",)),
    ("report", ("programme",)),
    ("risk", ("programme",)),
    ("update", ("action", "programme")),
)


def page_region_id(context) -> int | None:
    """The region the page belongs to, else the user's single region, else None."""
    for name in ("theme_region", "region"):
        if isinstance(context.get(name), Region):
            return context[name].pk
    for name, path in _PAGE_OBJECTS:
        target = context.get(name)
        for attribute in path:
            target = getattr(target, attribute, None)
        if isinstance(target, Programme):
            return target.region_id
    request = context.get("request")
    scope = context.get("scope") or scope_for(getattr(request, "user", None))
    regions: frozenset[int] = getattr(scope, "member_regions", frozenset())
    return next(iter(regions)) if len(regions) == 1 else None


@register.simple_tag(takes_context=True)
def theme_stylesheets(context):
    """`<link>`s of the installation's and the page's region's theme (none for the default)."""
    urls = stylesheet_urls(page_region_id(context))
    return format_html_join("\n  ", '<link rel="stylesheet" href="{}">', ((url,) for url in urls))
