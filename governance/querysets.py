"""Who sees which governance records.

- beheerder: everything;
- projectleider: everything of their region(s), and edits it;
- wethouder / raadslid: read the region's governance of *adopted* programmes only:
  bodies and meetings of the region (a meeting calendar is public), routes of adopted
  programmes, decisions and toezeggingen unless they belong to a draft (see below);
- ketenpartner and rijk: nothing (404). A ketenpartner works on actions, not on the
  administrative route; the Rijk receives the sent progress reports, not the regional
  decision making.

A route without a programme (e.g. the route of another proposal) is visible to readers
once a competent body of the region has adopted it ("akkoord" or "akkoord met
voorwaarden" on "vaststellen"): until then it is a draft, just like a programme in
besluitvorming. A decision without a route step is a formal decision of a body and
therefore public to the region's readers; a decision taken on a route step follows
that route. A toezegging is made to the council, so readers see it, unless it is linked
to an action of a programme they may not see.
"""

import datetime
from typing import TYPE_CHECKING, Self, TypeVar

from django.apps import apps
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone

from ghnt_portal.relations import model_across
from programmes.access import AnyUser, scope_for
from programmes.constants import PUBLISHED_STATUSES

from .constants import ADOPTING_CONCLUSIONS, CommitmentStatus, Purpose

if TYPE_CHECKING:  # the model module imports this one
    from programmes.models import Region

    from .models import Commitment, Decision, DecisionRoute, Meeting  # noqa: F401


_M = TypeVar("_M", bound=models.Model)


def adopted_route_ids() -> QuerySet:
    """Subquery: ids of routes with an adopting conclusion of a competent body."""
    route_steps = apps.get_model("governance", "RouteStep")  # models import this module
    return route_steps.objects.filter(
        body__is_competent=True, purpose=Purpose.ADOPT, conclusion__in=ADOPTING_CONCLUSIONS
    ).values("route_id")


def route_readable_q(prefix: str = "") -> Q:
    """Routes a reader (wethouder, raadslid) may see, as a condition on `prefix` + field."""
    return Q(**{f"{prefix}programme__status__in": PUBLISHED_STATUSES}) | Q(
        **{f"{prefix}programme__isnull": True, f"{prefix}pk__in": adopted_route_ids()}
    )


def governance_region_ids(user: AnyUser) -> frozenset[int] | None:
    """Regions whose governance the user may read; None means all (beheerder)."""
    scope = scope_for(user)
    if scope.is_admin:
        return None
    return scope.member_regions


class GovernanceQuerySet(models.QuerySet[_M]):
    """Region-scoped governance records: the region's people read, its projectleider edits."""

    region_field = "region_id"

    def reader_condition(self) -> Q:
        """What readers (wethouder, raadslid) of the region may see; subclasses narrow it."""
        return Q()

    def visible_to(self, user: AnyUser) -> Self:
        scope = scope_for(user)
        if scope.is_admin:
            return self.all()
        own = Q(**{f"{self.region_field}__in": scope.projectleider_regions})
        read = Q(**{f"{self.region_field}__in": scope.reader_regions}) & self.reader_condition()
        return self.filter(own | read)

    def editable_by(self, user: AnyUser) -> Self:
        return self.filter(scope_for(user).edits_region_q(self.region_field))


class MeetingQuerySet(GovernanceQuerySet["Meeting"]):
    region_field = "body__region_id"

    def of_region(self, region: "Region") -> Self:
        return self.filter(body__region=region)

    def next_of_body(self, meeting: "Meeting") -> "Meeting | None":
        """The first meeting of the same body after this one (by date), or None."""
        return (
            self.filter(body_id=meeting.body_id, date__gt=meeting.date)
            .order_by("date", "pk")
            .first()
        )


class DecisionRouteQuerySet(GovernanceQuerySet["DecisionRoute"]):
    def reader_condition(self) -> Q:
        return route_readable_q()


class DecisionQuerySet(GovernanceQuerySet["Decision"]):
    def reader_condition(self) -> Q:
        return Q(route_step__isnull=True) | route_readable_q("route_step__route__")


class CommitmentQuerySet(GovernanceQuerySet["Commitment"]):
    def reader_condition(self) -> Q:
        # Links to actions of draft programmes, through the table of Action.commitments
        # (declared in actions, one floor up; reached here by its reverse side, no import).
        links = model_across(self.model, "actions").commitments.through
        linked_to_draft = links.objects.exclude(
            action__programme__status__in=PUBLISHED_STATUSES
        ).values("commitment_id")
        return ~Q(pk__in=linked_to_draft)

    def open(self) -> Self:
        return self.filter(status=CommitmentStatus.OPEN)

    def overdue(self, today: datetime.date | None = None) -> Self:
        today = today or timezone.localdate()
        return self.open().filter(Q(due_date__lt=today))
