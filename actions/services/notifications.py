"""Who hears of what happens to status updates (e-mail through ghnt_portal.notifications).

- submitted by a ketenpartner: the projectleiders of the action's region, with a link to
  the review page;
- accepted or returned: the partner user who submitted it, with a link to the action (or,
  when returned, to the page where a revised update is given).

Called by the tasks in actions/tasks.py, which the update services enqueue on commit.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from ghnt_portal.formats import dutch_date
from ghnt_portal.notifications.constants import Delivery
from ghnt_portal.notifications.registry import NotificationEvent, register_event
from ghnt_portal.notifications.services import absolute_url, notify
from programmes.access import scope_for
from programmes.constants import Role
from programmes.people.names import names_with_organisation

from ..constants import ReviewStatus
from ..models import StatusUpdate

UPDATE_SUBMITTED = "update_ingediend"
UPDATE_REVIEWED = "update_beoordeeld"
UPDATE_REMINDER = "herinnering_update"


def register_events() -> None:
    register_event(
        NotificationEvent(
            UPDATE_SUBMITTED,
            "Een ketenpartner dient een voortgangsupdate in",
            "Met een link naar de pagina waar u de update accepteert of terugstuurt.",
            lambda user: bool(scope_for(user).projectleider_regions),
            order=10,
        )
    )
    register_event(
        NotificationEvent(
            UPDATE_REVIEWED,
            "Uw voortgangsupdate is geaccepteerd of teruggestuurd",
            "Met de opmerking van de projectleider als hij is teruggestuurd.",
            lambda user: bool(scope_for(user).partner_organisations),
            order=10,
            default=Delivery.IMMEDIATELY,
        )
    )
    register_event(
        NotificationEvent(
            UPDATE_REMINDER,
            "Herinnering: uw acties hebben nog een update nodig voor de rapportage",
            "Enkele weken voor 1 januari en 1 oktober, alleen als een actie van uw organisatie "
            "nog geen update heeft. Direct of niet.",
            lambda user: bool(scope_for(user).partner_organisations),
            order=20,
            deliveries=(Delivery.IMMEDIATELY, Delivery.OFF),
        )
    )


def projectleiders_of(region_id: int) -> QuerySet[User]:
    return (
        get_user_model()
        .objects.filter(
            is_active=True, memberships__role=Role.PROJECTLEIDER, memberships__region_id=region_id
        )
        .distinct()
        .order_by("pk")
    )


def _load(update_id: int) -> StatusUpdate | None:
    return (
        StatusUpdate.objects.select_related(
            "action__programme", "author", "organisation", "reviewed_by"
        )
        .filter(pk=update_id)
        .first()
    )


def notify_update_submitted(update_id: int) -> int:
    """Tell the region's projectleiders of a submitted update; returns how many were told.
    Nothing when the update has been reviewed meanwhile."""
    update = _load(update_id)
    if update is None or update.review_status != ReviewStatus.SUBMITTED:
        return 0
    action = update.action
    author = names_with_organisation([update.author])[update.author_id]
    written = dutch_date(timezone.localdate(update.created_at))
    url = absolute_url(reverse("actions:update_review", args=[update.pk]))
    told = 0
    for user in projectleiders_of(action.programme.region_id):
        if user.pk == update.author_id:
            continue
        told += bool(
            notify(
                user,
                event=UPDATE_SUBMITTED,
                key=f"update-{update.pk}-ingediend",
                subject=f"Voortgangsupdate op actie {action.code} te beoordelen",
                body=(
                    f"{author} diende op {written} een voortgangsupdate in "
                    f"op actie {action.code}. {action.title} ({action.programme.title}). "
                    "Accepteer hem of stuur hem terug:"
                ),
                url=url,
            )
        )
    return told


def notify_update_reviewed(update_id: int) -> int:
    """Tell the author of an update that it was accepted or returned (1 if told)."""
    update = _load(update_id)
    if update is None or update.review_status == ReviewStatus.SUBMITTED:
        return 0
    if update.reviewed_by_id == update.author_id:
        return 0  # a projectleider's own update, accepted at once
    action = update.action
    written = dutch_date(timezone.localdate(update.created_at))
    reviewer = "De projectleider"
    if update.reviewed_by is not None:
        reviewer = names_with_organisation([update.reviewed_by])[update.reviewed_by.pk]
    if update.review_status == ReviewStatus.ACCEPTED:
        subject = f"Uw voortgangsupdate op actie {action.code} is geaccepteerd"
        body = (
            f"{reviewer} accepteerde uw voortgangsupdate van {written} op "
            f"actie {action.code}. {action.title}. De status en voortgang staan nu in de actie:"
        )
        url = absolute_url(action.get_absolute_url())
    else:
        subject = f"Uw voortgangsupdate op actie {action.code} is teruggestuurd"
        body = (
            f"{reviewer} stuurde uw voortgangsupdate van {written} op actie "
            f"{action.code}. {action.title} terug met deze opmerking:\n\n"
            f"{update.review_remark}\n\nGeef een nieuwe update:"
        )
        url = absolute_url(reverse("actions:update_create", args=[action.pk]))
    notification = notify(
        update.author,
        event=UPDATE_REVIEWED,
        key=f"update-{update.pk}-{update.review_status}",
        subject=subject,
        body=body,
        url=url,
    )
    return int(notification is not None)
