"""The parts of the dashboard page that are the same for every viewer of one cache key (the
headline, the tables and charts), rendered from the cached view: by the page, and by the
background warm-up after a change (warm.py), so both make the same entries."""

from __future__ import annotations

import hashlib
from typing import Any

from django.http import QueryDict
from django.template.loader import render_to_string

from programmes.models import Programme

from .forms import MODE_LIVE, MODE_REPORTED

FULL_SERIES_PARAM = "reeks"


def part(mode: str, query: QueryDict) -> str:
    """What a fragment depends on beyond the cached data: the view mode and the query string
    (the CSV and full-series links carry it)."""
    return f"{mode}:" + hashlib.sha256(query.urlencode().encode()).hexdigest()[:16]


def render(programme: Programme, view: dict, query: QueryDict, mode: str) -> tuple[str, str]:
    """The headline and the sections of `view` (as `present()` gives it)."""
    for table in view["tables"]:
        if table.indicator:
            full = query.copy()
            full[FULL_SERIES_PARAM] = table.indicator
            table.full_query = full.urlencode()
    context: dict[str, Any] = {
        "programme": programme,
        "dashboard": view,
        "mode": mode,
        "modes": {"live": MODE_LIVE, "reported": MODE_REPORTED},
        "query": query.urlencode(),
    }
    headline = render_to_string(
        "monitoring/includes/dashboard_headline.html", {**context, "h": view["headline"]}
    )
    sections = render_to_string("monitoring/includes/dashboard_sections.html", context)
    return headline, sections
