import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Self

from django.db import models
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from ghnt_portal.periods import HalfYear, Quarter
from ghnt_portal.relations import model_across
from programmes.access import AnyUser, scope_for
from programmes.models import Programme

from .constants import BudgetKind, ReviewStatus, RiskStatus

if TYPE_CHECKING:  # the model module imports this one
    from .models import Action  # noqa: F401  (named in the QuerySet type below)

ZERO = Value(Decimal("0.00"), output_field=models.DecimalField(max_digits=14, decimal_places=2))


# The models module imports this one, so querysets reach sibling models through the relations.
def _updates(actions: models.QuerySet) -> Any:
    return model_across(actions.model, "status_updates")._default_manager


def _milestones(actions: models.QuerySet) -> Any:
    return model_across(actions.model, "milestones")._default_manager


class ActionQuerySet(models.QuerySet["Action"]):
    def visible_to(self, user: AnyUser) -> Self:
        return self.filter(programme__in=Programme.objects.visible_to(user))

    def editable_by(self, user: AnyUser) -> Self:
        return self.filter(programme__in=Programme.objects.editable_by(user))

    def owned_by(self, user: AnyUser) -> Self:
        """Actions whose owners include one of the user's partner organisations."""
        scope = scope_for(user)
        return self.filter(
            pk__in=self.model.owners.through.objects.filter(
                organisation_id__in=scope.partner_organisations
            ).values("action_id")
        )

    def updatable_by(self, user: AnyUser) -> Self:
        """Actions the user may post a status update on (the access rule of journey 2).

        A ketenpartner: the actions its organisation owns ("Door"), in programmes it can see.
        A projectleider: every action of its region; a beheerder: every action.
        """
        scope = scope_for(user)
        owned = self.model.owners.through.objects.filter(
            organisation_id__in=scope.partner_organisations
        ).values("action_id")
        return self.visible_to(user).filter(
            Q(pk__in=owned) | Q(programme__in=Programme.objects.editable_by(user))
        )

    def with_update_in(self, period: HalfYear) -> Self:
        """Annotate `has_update`: a submitted or accepted status update in the half year."""
        updates = _updates(self).counting().in_period(period).filter(action=OuterRef("pk"))
        return self.annotate(has_update=Exists(updates))

    def without_update_in(self, period: HalfYear) -> Self:
        return self.with_update_in(period).filter(has_update=False)

    def with_latest_update(self, user: AnyUser) -> Self:
        """Annotate the newest status update the user may see: when, by which organisation,
        and how many updates still wait for review (`pending_updates`)."""
        visible = _updates(self).visible_to(user).filter(action=OuterRef("pk"))
        latest = visible.order_by("-created_at")
        pending = (
            visible.filter(review_status=ReviewStatus.SUBMITTED)
            .order_by()
            .values("action")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return self.annotate(
            latest_update_at=Subquery(latest.values("created_at")[:1]),
            latest_update_by=Subquery(latest.values("organisation__name")[:1]),
            latest_update_status=Subquery(latest.values("review_status")[:1]),
            pending_updates=Coalesce(Subquery(pending), 0),
        )

    def with_budget(self) -> Self:
        amount_lines = Q(budget_lines__kind=BudgetKind.AMOUNT)
        return self.annotate(
            planned_total=Coalesce(Sum("budget_lines__amount", filter=amount_lines), ZERO),
            realised_total=Coalesce(Sum("budget_lines__realised"), ZERO),
        )

    def overdue(self, today: datetime.date | None = None) -> Self:
        """Actions with at least one milestone past its quarter and not done."""
        today = today or timezone.localdate()
        return self.filter(pk__in=_milestones(self).overdue(today).values("action_id"))

    def with_overdue(self, today: datetime.date | None = None) -> Self:
        """Annotate `has_overdue` (bool) and `overdue_count` per action, in the same query."""
        today = today or timezone.localdate()
        overdue = _milestones(self).overdue(today).filter(action_id=OuterRef("pk"))
        count = overdue.order_by().values("action_id").annotate(n=Count("pk")).values("n")[:1]
        return self.annotate(
            has_overdue=Exists(overdue),
            overdue_count=Coalesce(
                models.Subquery(count, output_field=models.IntegerField()), Value(0)
            ),
        )


class MilestoneQuerySet(models.QuerySet):
    def visible_to(self, user: AnyUser) -> Self:
        return self.filter(programme__in=Programme.objects.visible_to(user))

    def editable_by(self, user: AnyUser) -> Self:
        return self.filter(programme__in=Programme.objects.editable_by(user))

    def open(self) -> Self:
        return self.filter(done_on__isnull=True)

    def _ended_before(self, day):
        quarter = Quarter.of(day)
        return Q(planned_year__lt=quarter.year) | Q(
            planned_year=quarter.year, planned_quarter__lt=quarter.quarter
        )

    def overdue(self, today: datetime.date | None = None) -> Self:
        today = today or timezone.localdate()
        return self.open().filter(self._ended_before(today))

    def due_in(self, quarter: Quarter) -> Self:
        return self.open().filter(planned_year=quarter.year, planned_quarter=quarter.quarter)


class BudgetLineQuerySet(models.QuerySet):
    """Budget totals are always sums over these rows; nothing stores a total."""

    def visible_to(self, user: AnyUser) -> Self:
        return self.filter(programme__in=Programme.objects.visible_to(user))

    def _totals(self, *group_by):
        # An amount "per jaar" without its years cannot be added up: it is summed apart.
        amount_lines = Q(kind=BudgetKind.AMOUNT, per_year=False)
        per_year = Q(kind=BudgetKind.AMOUNT, per_year=True)
        return (
            self.order_by()
            .values(*group_by)
            .annotate(
                planned=Coalesce(Sum("amount", filter=amount_lines), ZERO),
                per_year_amount=Coalesce(Sum("amount", filter=per_year), ZERO),
                realised=Coalesce(Sum("realised"), ZERO),
                amount_lines=Count("pk", filter=Q(kind=BudgetKind.AMOUNT)),
                capacity_lines=Count("pk", filter=Q(kind=BudgetKind.CAPACITY)),
                pm_lines=Count("pk", filter=Q(kind=BudgetKind.PRO_MEMORIE)),
                lines=Count("pk"),
            )
        )

    def totals_by_funding_source(self) -> "QuerySet[Any, dict[str, Any]]":
        return self._totals(
            "funding_source_id", "funding_source__name", "funding_source__order"
        ).order_by("funding_source__order", "funding_source__name")

    def totals_by_funding_source_and_region(self) -> "QuerySet[Any, dict[str, Any]]":
        return self._totals("funding_source__name", "programme__region_id").order_by()

    def totals_by_region(self) -> "QuerySet[Any, dict[str, Any]]":
        return self._totals("programme__region_id").order_by("programme__region_id")

    def totals_by_programme(self) -> "QuerySet[Any, dict[str, Any]]":
        return self._totals("programme_id").order_by("programme_id")

    def totals_by_action(self) -> "QuerySet[Any, dict[str, Any]]":
        return self._totals("action_id").order_by("action_id")

    def totals_by_action_line(self) -> "QuerySet[Any, dict[str, Any]]":
        return self._totals("action__action_line_id").order_by("action__action_line_id")

    def total(self) -> dict[str, Decimal]:
        amount_lines = Q(kind=BudgetKind.AMOUNT, per_year=False)
        return self.aggregate(
            planned=Coalesce(Sum("amount", filter=amount_lines), ZERO),
            realised=Coalesce(Sum("realised"), ZERO),
        )


class StatusUpdateQuerySet(models.QuerySet):
    def visible_to(self, user: AnyUser) -> Self:
        """Who sees which status updates, within the programmes the user can see:
        accepted updates (the ones that count in the report): everyone;
        submitted and returned ones: the projectleider of the region, the beheerder and
        the organisations owning the action."""
        scope = scope_for(user)
        visible = self.filter(action__programme__in=Programme.objects.visible_to(user))
        if scope.is_admin:
            return visible
        condition = Q(review_status=ReviewStatus.ACCEPTED)
        condition |= Q(action__programme__region_id__in=scope.projectleider_regions)
        if scope.partner_organisations:
            actions = model_across(self.model, "action")._default_manager
            condition |= Q(action__in=actions.owned_by(user))
        return visible.filter(condition)

    def reviewable_by(self, user: AnyUser) -> Self:
        """Updates the user may accept or return: those on actions of programmes it edits."""
        return self.filter(action__programme__in=Programme.objects.editable_by(user))

    def submitted(self) -> Self:
        return self.filter(review_status=ReviewStatus.SUBMITTED)

    def accepted(self) -> Self:
        return self.filter(review_status=ReviewStatus.ACCEPTED)

    def returned(self) -> Self:
        return self.filter(review_status=ReviewStatus.RETURNED)

    def counting(self) -> Self:
        """Updates that answer for the period: submitted (awaiting review) or accepted."""
        return self.filter(review_status__in=[ReviewStatus.SUBMITTED, ReviewStatus.ACCEPTED])

    def in_period(self, period: HalfYear) -> Self:
        """Updates that report on the half year (`reporting_period`), whenever written."""
        return self.filter(reporting_period=period.code)


class RiskQuerySet(models.QuerySet):
    """Risks are read with their programme and changed by whoever edits the programme."""

    def visible_to(self, user: AnyUser) -> Self:
        return self.filter(programme__in=Programme.objects.visible_to(user))

    def editable_by(self, user: AnyUser) -> Self:
        return self.filter(programme__in=Programme.objects.editable_by(user))

    def current(self) -> Self:
        """Risks still to watch: not vervallen."""
        return self.exclude(status=RiskStatus.CLOSED)
