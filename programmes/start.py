"""The personal start page: panels that the apps contribute, each for the roles it concerns.

The start page (programmes.views.HomeView) lives on the ground floor, but what a user has to
do next is known one or more floors up: updates to review and milestones (actions),
toezeggingen (governance), reports (monitoring). Those apps register a panel in their
`AppConfig.ready()`; this module never imports them (ARCHITECTURE.md, "registries").

A panel's `build(request, scope)` returns the context of its template, or None when it has
nothing to show to this user. Each panel runs a fixed number of queries, whatever the data.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from .access import Scope, scope_for


@dataclass(frozen=True)
class StartPanel:
    key: str  # unique; also the id of the panel's heading on the page
    order: int  # place on the page, low first
    template: str
    build: Callable[[HttpRequest, Scope], dict[str, Any] | None]


@dataclass(frozen=True)
class ShownPanel:
    key: str
    template: str
    context: dict[str, Any]


_PANELS: dict[str, StartPanel] = {}


def register_start_panel(panel: StartPanel) -> None:
    """Add (or replace, by key) a panel of the start page."""
    _PANELS[panel.key] = panel


def panels_for(request: HttpRequest) -> list[ShownPanel]:
    """The panels with something to show to the request's user, in page order."""
    scope = scope_for(request.user)
    shown = []
    for panel in sorted(_PANELS.values(), key=lambda p: (p.order, p.key)):
        context = panel.build(request, scope)
        if context is not None:
            shown.append(ShownPanel(panel.key, panel.template, context))
    return shown
