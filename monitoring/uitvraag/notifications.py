"""E-mail about the uitvraag (through ghnt_portal.notifications): every projectleider hears
once that an uitvraag is published, and once before its deadline when the region has not
answered yet (monitoring/national/tasks.py finds those regions)."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.urls import reverse

from ghnt_portal.formats import dutch_date
from ghnt_portal.notifications.registry import NotificationEvent, register_event
from ghnt_portal.notifications.services import absolute_url, notify
from programmes.access import scope_for
from programmes.constants import Role

from .constants import REMINDER_DAYS
from .models import Questionnaire

PUBLISHED = "uitvraag_gepubliceerd"
REMINDER = "uitvraag_herinnering"


def _is_projectleider(user) -> bool:
    return bool(scope_for(user).projectleider_regions)


def register_events() -> None:
    register_event(
        NotificationEvent(
            PUBLISHED,
            "Het Rijk heeft een uitvraag gepubliceerd",
            "De vragen van het landelijke programma voor het halfjaar, te beantwoorden in de "
            "voortgangsrapportage.",
            _is_projectleider,
            order=45,
        )
    )
    register_event(
        NotificationEvent(
            REMINDER,
            "Herinnering: de uitvraag is nog niet beantwoord",
            f"{REMINDER_DAYS} dagen voor de uiterste datum, als uw regio nog niet heeft "
            "geantwoord.",
            _is_projectleider,
            order=46,
        )
    )


def _projectleiders(region_ids: list[int] | None = None):
    users = get_user_model().objects.filter(is_active=True, memberships__role=Role.PROJECTLEIDER)
    if region_ids is not None:
        users = users.filter(memberships__region_id__in=region_ids)
    return users.distinct().order_by("pk")


def notify_published(questionnaire: Questionnaire) -> int:
    url = absolute_url(reverse("monitoring:uitvraag_detail", args=[questionnaire.pk]))
    told = 0
    for user in _projectleiders():
        told += bool(
            notify(
                user,
                event=PUBLISHED,
                key=f"uitvraag-{questionnaire.pk}-gepubliceerd",
                subject=f"Uitvraag van het Rijk: {questionnaire.title}",
                body=(
                    f"Het landelijke programma vraagt de regio's over het "
                    f"{questionnaire.half_year} te antwoorden, uiterlijk "
                    f"{dutch_date(questionnaire.deadline)}. U beantwoordt de vragen in de "
                    "voortgangsrapportage van dat halfjaar. De vragen:"
                ),
                url=url,
            )
        )
    return told


def notify_reminder(
    questionnaire: Questionnaire, region_ids: list[int], today: datetime.date
) -> int:
    url = absolute_url(reverse("monitoring:uitvraag_detail", args=[questionnaire.pk]))
    told = 0
    for user in _projectleiders(region_ids):
        told += bool(
            notify(
                user,
                event=REMINDER,
                key=f"uitvraag-{questionnaire.pk}-herinnering",
                subject=f"Herinnering: uitvraag {questionnaire.title} nog niet beantwoord",
                body=(
                    f"Uw regio heeft de uitvraag over het {questionnaire.half_year} nog niet "
                    f"beantwoord; de uiterste datum is {dutch_date(questionnaire.deadline)}."
                ),
                url=url,
            )
        )
    return told
