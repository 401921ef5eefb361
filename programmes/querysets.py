from typing import TYPE_CHECKING, Self

from django.db import models
from django.db.models import Q

from ghnt_portal.relations import model_across

from .access import AnyUser, scope_for
from .constants import PUBLIC_STATUSES, PUBLISHED_STATUSES

if TYPE_CHECKING:  # the model module imports this one
    from .models import Programme  # noqa: F401  (named in the QuerySet type below)


class RegionQuerySet(models.QuerySet):
    def visible_to(self, user: AnyUser) -> Self:
        scope = scope_for(user)
        if scope.is_admin or scope.is_rijk:
            return self.all()
        programmes = model_across(self.model, "programmes")._default_manager
        programme_regions = programmes.visible_to(user).values("region_id")
        return self.filter(
            Q(pk__in=scope.projectleider_regions)
            | Q(pk__in=scope.reader_regions)
            | Q(pk__in=programme_regions)
        )

    def editable_by(self, user: AnyUser) -> Self:
        """The regions whose own settings (theme) the user may change."""
        return self.filter(scope_for(user).edits_region_q("pk"))


class MembershipQuerySet(models.QuerySet):
    pass


class ProgrammeQuerySet(models.QuerySet["Programme"]):
    def visible_to(self, user: AnyUser) -> Self:
        scope = scope_for(user)
        if not scope.is_authenticated:
            return self.none()
        if scope.is_admin:
            return self.all()
        published = Q(status__in=PUBLISHED_STATUSES)
        condition = Q(region_id__in=scope.projectleider_regions)
        condition |= Q(region_id__in=scope.reader_regions) & published
        if scope.is_rijk:
            condition |= published
        if scope.partner_organisations:
            # A partner sees the programmes it takes part in or owns an action of. The
            # actions are reached through their reverse relation ("actions"), so this ground
            # floor app does not import the actions app above it.
            owned = self.model._default_manager.filter(
                actions__owners__in=scope.partner_organisations
            ).values("pk")
            condition |= Q(pk__in=owned)
            participating = self.model.participants.through.objects.filter(
                organisation_id__in=scope.partner_organisations
            ).values("programme_id")
            condition |= Q(pk__in=participating)
        return self.filter(condition)

    def editable_by(self, user: AnyUser) -> Self:
        return self.filter(scope_for(user).edits_region_q("region_id"))

    def published(self) -> Self:
        return self.filter(status__in=PUBLISHED_STATUSES)

    def public(self):
        """Adopted programmes of regions that opened their data: readable without login."""
        return self.published().filter(region__public_data=True)

    def open_data_for(self, user):
        """What the API and the public pages show `user`: adopted programmes only (never a
        draft, also not to its projectleider), those the user may see plus the public ones."""
        return self.published().filter(
            Q(pk__in=self.visible_to(user).values("pk")) | Q(region__public_data=True)
        )

    def listed_nationally_for(self, user: AnyUser) -> Self:
        """Programmes the national portfolio lists by title and state (the Rijk and the
        beheerder): every one in a public state, also while in besluitvorming; opening one
        still goes through `visible_to`."""
        scope = scope_for(user)
        if not (scope.is_rijk or scope.is_admin):
            return self.none()
        return self.filter(status__in=PUBLIC_STATUSES)


class NationalFrameQuerySet(models.QuerySet):
    """The national action lines and bouwstenen: every signed-in user reads them (they are
    the frame regions link their actions to); the Rijk and the beheerder maintain them."""

    def visible_to(self, user: AnyUser) -> Self:
        return self.all() if scope_for(user).is_authenticated else self.none()

    def editable_by(self, user: AnyUser) -> Self:
        scope = scope_for(user)
        return self.all() if (scope.is_rijk or scope.is_admin) else self.none()

    def in_use(self) -> Self:
        return self.filter(active=True)
