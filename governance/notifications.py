"""E-mail about toezeggingen (through ghnt_portal.notifications): the region's projectleiders
hear once when an open toezegging is due within COMMITMENT_NOTICE_DAYS days (or overdue), with
a link to the page where it is settled. A new due date gives a new notice."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from ghnt_portal.formats import dutch_date
from ghnt_portal.notifications.registry import NotificationEvent, register_event
from ghnt_portal.notifications.services import absolute_url, notify
from programmes.access import scope_for
from programmes.constants import Role

from .models import Commitment

COMMITMENT_DUE = "toezegging_af"


def register_events() -> None:
    register_event(
        NotificationEvent(
            COMMITMENT_DUE,
            "Een toezegging moet binnenkort af zijn",
            f"{settings.COMMITMENT_NOTICE_DAYS} dagen voor de datum waarop een open toezegging "
            "af moet zijn, met een link naar de toezegging.",
            lambda user: bool(scope_for(user).projectleider_regions),
            order=30,
        )
    )


def notify_due_commitments(today: datetime.date) -> int:
    """Notify the projectleiders of every open toezegging due by today + the notice period
    that they were not told of yet (per due date); returns how many notifications."""
    horizon = today + datetime.timedelta(days=settings.COMMITMENT_NOTICE_DAYS)
    due = list(
        Commitment.objects.open()
        .filter(due_date__isnull=False, due_date__lte=horizon)
        .select_related("region", "made_to")
        .order_by("due_date", "pk")
    )
    users = get_user_model().objects.filter(
        is_active=True,
        memberships__role=Role.PROJECTLEIDER,
        memberships__region_id__in={c.region_id for c in due},
    )
    by_region: dict[int, list] = {}
    for user in users.distinct().prefetch_related("memberships"):
        for membership in user.memberships.all():
            if membership.role == Role.PROJECTLEIDER and membership.region_id is not None:
                by_region.setdefault(membership.region_id, []).append(user)
    told = 0
    for commitment in due:
        due_date = commitment.due_date
        assert due_date is not None  # filtered above
        late = due_date < today
        when = dutch_date(due_date)
        subject = (
            f"Toezegging {commitment.number} is te laat (uiterlijk {when})"
            if late
            else f"Toezegging {commitment.number} moet uiterlijk {when} af zijn"
        )
        made_to = f" aan {commitment.made_to.name}" if commitment.made_to else ""
        body = (
            f"De toezegging {commitment.number}{made_to} in regio {commitment.region.name} is nog "
            f"open en moet uiterlijk {when} af zijn:\n\n{commitment.text}\n\n"
            "Leg het antwoord vast en doe de toezegging af:"
        )
        url = absolute_url(reverse("governance:commitment_detail", args=[commitment.pk]))
        for user in by_region.get(commitment.region_id, []):
            told += bool(
                notify(
                    user,
                    event=COMMITMENT_DUE,
                    key=f"toezegging-{commitment.pk}-{due_date.isoformat()}",
                    subject=subject,
                    body=body,
                    url=url,
                )
            )
    return told
