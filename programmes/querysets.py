from django.db import models
from django.db.models import Q

from .access import scope_for
from .constants import PUBLISHED_STATUSES


class RegionQuerySet(models.QuerySet):
    def visible_to(self, user):
        scope = scope_for(user)
        if scope.is_admin or scope.is_rijk:
            return self.all()
        from .models import Programme

        programme_regions = Programme.objects.visible_to(user).values("region_id")
        return self.filter(
            Q(pk__in=scope.projectleider_regions)
            | Q(pk__in=scope.reader_regions)
            | Q(pk__in=programme_regions)
        )


class MembershipQuerySet(models.QuerySet):
    pass


class ProgrammeQuerySet(models.QuerySet):
    def visible_to(self, user):
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
            # A partner sees the programmes it takes part in or owns an action of.
            from actions.models import Action

            owned = Action.objects.filter(owners__in=scope.partner_organisations).values(
                "programme_id"
            )
            condition |= Q(pk__in=owned)
            participating = self.model.participants.through.objects.filter(
                organisation_id__in=scope.partner_organisations
            ).values("programme_id")
            condition |= Q(pk__in=participating)
        return self.filter(condition)

    def editable_by(self, user):
        scope = scope_for(user)
        if scope.is_admin:
            return self.all()
        return self.filter(region_id__in=scope.projectleider_regions)

    def published(self):
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
