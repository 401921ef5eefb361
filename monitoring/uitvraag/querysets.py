"""Who sees an uitvraag: the Rijk and the beheerder every one, a projectleider the published
ones (the questions their region answers); nobody else (raadsleden, wethouders and partners
see none of the uitvraag pages). Only the Rijk and the beheerder compose."""

from __future__ import annotations

from typing import Self

from django.db import models

from programmes.access import AnyUser, scope_for

from .constants import QuestionnaireStatus, SheetStatus


class QuestionnaireQuerySet(models.QuerySet):
    def visible_to(self, user: AnyUser) -> Self:
        scope = scope_for(user)
        if scope.is_rijk or scope.is_admin:
            return self.all()
        if scope.projectleider_regions:
            return self.published()
        return self.none()

    def editable_by(self, user: AnyUser) -> Self:
        scope = scope_for(user)
        return self.all() if (scope.is_rijk or scope.is_admin) else self.none()

    def published(self) -> Self:
        return self.filter(status=QuestionnaireStatus.PUBLISHED)

    def for_period(self, period: str) -> Self:
        return self.published().filter(period=period)


class AnswerSheetQuerySet(models.QuerySet):
    """A region's own answer page (a region without an adopted programme): its
    projectleider and the beheerder see it in every state; the Rijk and other regions'
    projectleiders only once sent (a concept never leaves the region)."""

    def visible_to(self, user: AnyUser) -> Self:
        scope = scope_for(user)
        if scope.is_admin:
            return self.all()
        own = models.Q(region_id__in=scope.projectleider_regions)
        if scope.is_rijk or scope.projectleider_regions:
            return self.filter(own | models.Q(status=SheetStatus.SENT))
        return self.none()

    def editable_by(self, user: AnyUser) -> Self:
        return self.filter(scope_for(user).edits_region_q("region_id"))

    def sent(self) -> Self:
        return self.filter(status=SheetStatus.SENT)
