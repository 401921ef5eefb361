"""Counts in the navigation: "Te beoordelen (3)" for a projectleider, "Mijn acties (2)" for a
ketenpartner. Computed only when the navigation shows them (one query each), so a page that
does not show them, or a role that has none, pays nothing."""

from functools import cached_property

from django.http import HttpRequest
from django.utils import timezone

from programmes.access import scope_for

from .views.start import actions_needing_update, updates_to_review


class WorkCounts:
    def __init__(self, request: HttpRequest):
        self.user = request.user
        self.scope = scope_for(request.user)

    @cached_property
    def to_review(self) -> int:
        """Updates waiting for this projectleider's (or beheerder's) review."""
        if not (self.scope.projectleider_regions or self.scope.is_admin):
            return 0
        return updates_to_review(self.user).count()

    @cached_property
    def needing_update(self) -> int:
        """This ketenpartner's actions without an update for the coming report."""
        if not self.scope.partner_organisations:
            return 0
        return actions_needing_update(self.user, timezone.localdate()).count()


def work_counts(request: HttpRequest) -> dict:
    return {"work_counts": WorkCounts(request)}
