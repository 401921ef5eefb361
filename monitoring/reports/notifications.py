"""E-mail before a report date (through ghnt_portal.notifications): REPORT_NOTICE_DAYS days
before 1 January and 1 October, each projectleider hears once per programme that the report
over the half year is coming, how many updates still wait for review, and where the report is
made."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse

from actions.models import StatusUpdate
from ghnt_portal.formats import dutch_date
from ghnt_portal.notifications.registry import NotificationEvent, register_event
from ghnt_portal.notifications.services import absolute_url, notify
from ghnt_portal.periods import next_report_deadline, reported_half_year
from programmes.access import scope_for
from programmes.constants import ProgrammeStatus, Role
from programmes.models import Programme

REPORT_DUE = "rapportage_komt"


def register_events() -> None:
    register_event(
        NotificationEvent(
            REPORT_DUE,
            "De halfjaarlijkse rapportage aan het Rijk komt eraan",
            f"{settings.REPORT_NOTICE_DAYS} dagen voor 1 januari en 1 oktober, met het aantal "
            "updates dat nog op beoordeling wacht en een link naar de rapportages.",
            lambda user: bool(scope_for(user).projectleider_regions),
            order=40,
        )
    )


def notify_report_due(today: datetime.date) -> int:
    """In the notice period before a report date: tell each projectleider of every adopted
    programme of their region that runs in the reported half year (once per programme and
    date). Returns how many notifications were made."""
    report_date = next_report_deadline(today)
    if report_date - datetime.timedelta(days=settings.REPORT_NOTICE_DAYS) > today:
        return 0
    half = reported_half_year(report_date)
    programmes = list(
        Programme.objects.filter(status=ProgrammeStatus.ADOPTED)
        .exclude(period_start__gt=half.end)
        .exclude(period_end__lt=half.start)
        .select_related("region")
        .order_by("pk")
    )
    told = 0
    for programme in programmes:
        waiting = StatusUpdate.objects.submitted().filter(action__programme=programme).count()
        users = get_user_model().objects.filter(
            is_active=True,
            memberships__role=Role.PROJECTLEIDER,
            memberships__region_id=programme.region_id,
        )
        waiting_text = (
            "Er wacht geen voortgangsupdate op uw beoordeling."
            if not waiting
            else f"Er {'wacht' if waiting == 1 else 'wachten'} nog {waiting} "
            f"{'voortgangsupdate' if waiting == 1 else 'voortgangsupdates'} op uw beoordeling; "
            "alleen geaccepteerde updates komen in de rapportage."
        )
        for user in users.distinct().order_by("pk"):
            told += bool(
                notify(
                    user,
                    event=REPORT_DUE,
                    key=f"rapportage-{programme.pk}-{report_date.isoformat()}",
                    subject=f"Rapportage van {dutch_date(report_date)}: {programme.title}",
                    body=(
                        f"Op {dutch_date(report_date)} gaat de voortgangsrapportage over het "
                        f"{half} van {programme.title} naar het Rijk. {waiting_text} "
                        "De rapportages van het programma:"
                    ),
                    url=absolute_url(reverse("monitoring:report_list", args=[programme.pk])),
                )
            )
    return told
