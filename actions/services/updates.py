"""Status updates by ketenpartners (journey 2): submit, accept, return.

Review order: pending updates are reviewed oldest first (the action page lists them so, and
"alle in volgorde accepteren" accepts them so). Accepting a newer update first closes the
older pending ones as superseded ("vervangen"), with a note naming the accepted update: its
values are the newer ones, so the older ones have nothing left to add.

A ketenpartner's update is a proposal. It is kept as written, and its status, progress,
achieved values and milestones are applied to the action only when the projectleider accepts
it. A returned update changes nothing; its author sees the remark and submits a revised
update. An update written by someone who may review it (the projectleider, the beheerder) is
accepted at once. The admin changes the review status only through these functions.
"""

from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ghnt_portal import outbox
from ghnt_portal.periods import HalfYear, reporting_period
from ghnt_portal.validators import validate_fields
from programmes.access import may, require, scope_for

from .. import tasks
from ..constants import ReviewStatus
from ..models import (
    Action,
    ExpectedResult,
    Milestone,
    StatusUpdate,
    StatusUpdateMilestone,
    StatusUpdateResult,
)
from ..models.updates import EXPLANATION_FIELDS


def _organisation_for(user, action: Action):
    """The user's partner organisation that owns the action (None for a projectleider)."""
    scope = scope_for(user)
    owners = [o for o in action.owners.all() if o.pk in scope.partner_organisations]
    return min(owners, key=lambda o: o.name) if owners else None


@transaction.atomic
def submit_status_update(
    *,
    action: Action,
    author: User,
    status: str,
    progress: int,
    remark: str = "",
    results: dict[int, Decimal] | None = None,
    milestones_done: list[Milestone] | tuple = (),
    period: HalfYear | None = None,
    explanation: dict[str, str] | None = None,
) -> StatusUpdate:
    """Record a status update on an action the author may update.

    `results` maps ExpectedResult ids of this action to achieved values; `milestones_done`
    are open milestones of this action. Anything belonging to another action is refused.
    `period` is the half year reported on (default: the one the next report covers);
    `explanation` holds the written explanation (`EXPLANATION_FIELDS` except `remark`).
    """
    require(author, action, "U mag geen voortgang melden op deze actie.", "updatable_by")
    results = {k: v for k, v in (results or {}).items() if v is not None}
    own_results = set(
        ExpectedResult.objects.filter(action=action, pk__in=results).values_list("pk", flat=True)
    )
    if own_results != set(results):
        raise ValidationError("Een beoogd resultaat hoort niet bij deze actie.")
    if any(m.action_id != action.pk for m in milestones_done):
        raise ValidationError("Een mijlpaal hoort niet bij deze actie.")

    update = StatusUpdate(
        action=action,
        author=author,
        organisation=_organisation_for(author, action),
        status=status,
        progress=progress,
        remark=remark,
        reporting_period=(period or reporting_period(timezone.localdate())).code,
        **_explanation(explanation),
    )
    update.full_clean()
    update.save()
    StatusUpdateResult.objects.bulk_create(
        StatusUpdateResult(update=update, expected_result_id=pk, achieved_value=value)
        for pk, value in results.items()
    )
    StatusUpdateMilestone.objects.bulk_create(
        StatusUpdateMilestone(update=update, milestone=m) for m in milestones_done
    )
    if may(author, update, "reviewable_by"):
        update = accept_update(update=update, reviewer=author)
    else:
        # Through the outbox, recorded with the update: a broker that is away delays the
        # e-mail, it never loses it.
        outbox.enqueue(tasks.notify_update_submitted, update.pk, key=f"update:{update.pk}")
    return update


def _explanation(values: dict[str, str] | None) -> dict[str, str]:
    """Only the explanation fields, stripped; anything else is refused."""
    values = values or {}
    unknown = set(values) - set(EXPLANATION_FIELDS)
    if unknown:
        raise ValueError(f"Geen velden van de toelichting: {sorted(unknown)}")
    return {name: (value or "").strip() for name, value in values.items()}


def _check_reviewable(update: StatusUpdate, reviewer):
    require(reviewer, update, "U mag deze voortgangsupdate niet beoordelen.", "reviewable_by")
    if update.review_status == ReviewStatus.SUPERSEDED:
        raise ValidationError(f"Deze voortgangsupdate is al gesloten: {update.review_remark}")
    if update.review_status != ReviewStatus.SUBMITTED:
        raise ValidationError("Deze voortgangsupdate is al beoordeeld.")


@transaction.atomic
def accept_update(
    *, update: StatusUpdate, reviewer: User, explanation: dict[str, str] | None = None
) -> StatusUpdate:
    """Accept an update and apply its values to the action, its results and milestones.

    `explanation`: the projectleider's edit of the written explanation, stored on the update
    (marked as edited) so the report quotes what the projectleider accepted.
    """
    update = StatusUpdate.objects.select_for_update().get(pk=update.pk)
    _check_reviewable(update, reviewer)
    edited_fields = []
    for name, value in _explanation(explanation).items():
        if getattr(update, name) != value:
            setattr(update, name, value)
            edited_fields.append(name)
    if edited_fields:
        update.explanation_edited = True
        update.full_clean()
        update.save(update_fields=[*edited_fields, "explanation_edited"])
    newer_accepted = StatusUpdate.objects.filter(
        action_id=update.action_id,
        review_status=ReviewStatus.ACCEPTED,
        created_at__gt=update.created_at,
    )
    if newer_accepted.exists():
        # Applying it would overwrite the action with older values.
        raise ValidationError(
            "Er is al een nieuwere voortgangsupdate van deze actie geaccepteerd. "
            "Stuur deze oudere update terug."
        )
    now = timezone.now()
    update.review_status = ReviewStatus.ACCEPTED
    update.reviewed_by = reviewer
    update.reviewed_at = now
    update.review_remark = ""
    update.save(update_fields=["review_status", "reviewed_by", "reviewed_at", "review_remark"])
    _supersede_older(update, reviewer, now)

    action = Action.objects.select_for_update().get(pk=update.action_id)
    reason = f"Voortgangsupdate van {update.created_at:%d-%m-%Y} geaccepteerd"
    action.status = update.status
    action.progress = update.progress
    action.version += 1
    action._change_reason = reason
    action.save(update_fields=["status", "progress", "version", "updated_at"])

    for reported in update.results.select_related("expected_result"):
        result = reported.expected_result
        result.achieved_value = reported.achieved_value
        result._change_reason = reason
        result.save(update_fields=["achieved_value"])
    done_on = timezone.localdate(update.created_at)
    for report in update.milestone_reports.select_related("milestone"):
        milestone = report.milestone
        if milestone.done_on is None:
            milestone.done_on = done_on
            milestone._change_reason = reason
            milestone.save(update_fields=["done_on"])
    _notify_reviewed(update)
    return update


def superseded_note(accepted: StatusUpdate) -> str:
    when = timezone.localtime(accepted.created_at)
    return f"Vervangen door de update van {when:%d-%m-%Y %H:%M}, die is geaccepteerd."


def _supersede_older(accepted: StatusUpdate, reviewer: User, now) -> int:
    """Close the pending updates of the action written before `accepted`: superseded."""
    older = StatusUpdate.objects.filter(
        Q(created_at__lt=accepted.created_at)
        | Q(created_at=accepted.created_at, pk__lt=accepted.pk),
        action_id=accepted.action_id,
        review_status=ReviewStatus.SUBMITTED,
    )
    return older.update(
        review_status=ReviewStatus.SUPERSEDED,
        reviewed_by=reviewer,
        reviewed_at=now,
        review_remark=superseded_note(accepted),
    )


@transaction.atomic
def accept_all_in_order(*, action: Action, reviewer: User) -> list[StatusUpdate]:
    """Accept every pending update of the action, oldest first (the projectleider's "alle in
    volgorde accepteren"): the action ends with the values of the newest one, and the history
    shows each step. Returns the accepted updates."""
    require(reviewer, action, "Alleen de projectleider beoordeelt voortgangsupdates.")
    Action.objects.select_for_update().filter(pk=action.pk).first()  # one bulk at a time
    pending = (
        StatusUpdate.objects.reviewable_by(reviewer)
        .filter(action=action)
        .submitted()
        .order_by("created_at", "pk")
    )
    return [accept_update(update=update, reviewer=reviewer) for update in pending]


@transaction.atomic
def return_update(*, update: StatusUpdate, reviewer: User, remark: str) -> StatusUpdate:
    """Send an update back to its author with a remark; the action does not change."""
    update = StatusUpdate.objects.select_for_update().get(pk=update.pk)
    _check_reviewable(update, reviewer)
    if not remark.strip():
        raise ValidationError({"review_remark": "Geef aan waarom u de update terugstuurt."})
    update.review_status = ReviewStatus.RETURNED
    update.reviewed_by = reviewer
    update.reviewed_at = timezone.now()
    update.review_remark = remark.strip()
    validate_fields(update, "review_remark")
    update.save(update_fields=["review_status", "reviewed_by", "reviewed_at", "review_remark"])
    _notify_reviewed(update)
    return update


def _notify_reviewed(update: StatusUpdate) -> None:
    """Tell the author, once the review is committed (not for one's own update)."""
    if update.reviewed_by_id != update.author_id:
        outbox.enqueue(tasks.notify_update_reviewed, update.pk, key=f"update:{update.pk}")
