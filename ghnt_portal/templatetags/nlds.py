"""Helpers of the NL Design System templates (templates/crispy_nlds/, includes/sort_header.html).

The forms' Python code keeps the layout it had (crispy's Row/Column with `col-md-6` and the like);
the pack turns those widths into our own grid classes, so no Bootstrap class reaches a page."""

import re

from django import template
from django.utils.html import format_html

register = template.Library()

_COLUMN = re.compile(r"^col(?:-(?:sm|md|lg|xl|xxl))?(?:-(\d{1,2}|auto))?$")


@register.filter
def column_span(css_class):
    """`col-md-6` -> `ghnt-form-row__cell--6` (twelfths of the row on wide screens; on a phone
    every cell takes the whole row); other classes pass through."""
    out = []
    for name in str(css_class or "").split():
        match = _COLUMN.match(name)
        if match:
            span = match.group(1)
            if span and span.isdigit() and 1 <= int(span) <= 12:
                out.append(f"ghnt-form-row__cell--{int(span)}")
        else:
            out.append(name)
    return " ".join(out)


@register.filter
def nlds_classes(css_class):
    """A layout object's css_class without Bootstrap's grid names (`row`, `col-*`)."""
    return " ".join(
        name for name in str(css_class or "").split() if name != "row" and not _COLUMN.match(name)
    )


@register.simple_tag(takes_context=True)
def sort_header(context, label, key, param="ordering"):
    """A column header that sorts the list: a link to the same page with `?ordering=key`
    (django-filter's OrderingFilter; `-key` when the list is sorted by it already), keeping the
    other query parameters and dropping the page number. Put it inside the <th>, which gets
    aria-sort through `{% sort_state key %}`: see templates/includes/sort_header.html."""
    request = context["request"]
    current = request.GET.get(param, "") or context.get("default_sort", "")
    ascending = current == key
    descending = current == f"-{key}"
    query = request.GET.copy()
    query.pop("page", None)
    query[param] = f"-{key}" if ascending else key
    if descending or ascending:
        icon = "▲" if ascending else "▼"
        state = "oplopend" if ascending else "aflopend"
        hint = f", gesorteerd {state}"
    else:
        icon, hint = "⇅", ""
    return format_html(
        '<a class="ghnt-sort-link" href="?{}">{}'
        '<span class="ghnt-visually-hidden">{}, sorteer{}</span>'
        '<span class="ghnt-sort-link__icon" aria-hidden="true">{}</span></a>',
        query.urlencode(),
        label,
        hint,
        " aflopend" if ascending else " oplopend",
        icon,
    )


@register.simple_tag(takes_context=True)
def sort_state(context, key, param="ordering"):
    """` aria-sort="ascending"` / `"descending"` for the <th> of the column the list is sorted
    by; nothing for the others."""
    current = context["request"].GET.get(param, "") or context.get("default_sort", "")
    if current == key:
        return format_html(' aria-sort="{}"', "ascending")
    if current == f"-{key}":
        return format_html(' aria-sort="{}"', "descending")
    return ""
