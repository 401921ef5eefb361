"""Background work of the actions app (Celery). Tasks take plain values and can run twice.

send_update_reminders (journey 2)
---------------------------------
The half-yearly progress reports to the Rijk are due on 1 January and 1 October. The task
runs weekly (Monday 07:00, a django-celery-beat PeriodicTask created by migration 0004,
editable in the admin). When today lies within REMINDER_WEEKS_BEFORE_REPORT weeks before
the next deadline (deadline - N weeks <= today < deadline), it e-mails every ketenpartner
contact whose organisation owns an action of an adopted programme that has no submitted
or accepted status update for the half year that report covers: the first half year
before the report of 1 October, the second before the one of 1 January (not the half year
the reminder is sent in). The e-mail names that period and its links preselect it.
Contacts are the users with a ketenpartner membership of the organisation and the
organisation's contact address. Each address gets one e-mail, listing all its actions, at
most once per deadline (ReminderLog).
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from celery import shared_task

from ghnt_portal.notifications.constants import Delivery
from ghnt_portal.notifications.models import NotificationPreference
from ghnt_portal.observability.metrics import REMINDERS
from ghnt_portal.periods import (
    REPORT_DEADLINES,
    HalfYear,
    next_report_deadline,
    reported_half_year,
)
from programmes.constants import OrganisationKind, ProgrammeStatus, Role

from .models import Action, ReminderLog
from .services import exports
from .services import notifications as notices

logger = logging.getLogger(__name__)

# The report deadlines live with the periods (ghnt_portal.periods); named here too.
__all__ = ["REPORT_DEADLINES", "next_report_deadline", "reminder_deadline"]


def reminder_deadline(today: datetime.date, weeks: int) -> datetime.date | None:
    """The deadline a reminder is due for today, or None outside the reminder window."""
    deadline = next_report_deadline(today)
    if deadline - datetime.timedelta(weeks=weeks) <= today:
        return deadline
    return None


@dataclass
class Recipient:
    email: str
    name: str = ""
    user_id: int | None = None
    actions: set = field(default_factory=set)


def recipients_for(period: HalfYear) -> dict[str, Recipient]:
    """Every ketenpartner contact with actions lacking an update in the period, by address."""
    actions = (
        Action.objects.filter(programme__status=ProgrammeStatus.ADOPTED)
        .without_update_in(period)
        .select_related("programme")
        .prefetch_related("owners")
    )
    by_organisation: dict[int, set] = {}
    organisations = {}
    for action in actions:
        for organisation in action.owners.all():
            by_organisation.setdefault(organisation.pk, set()).add(action)
            organisations[organisation.pk] = organisation

    recipients: dict[str, Recipient] = {}

    def add(email, name, user_id, actions):
        key = email.strip().lower()
        recipient = recipients.setdefault(key, Recipient(email=email.strip(), name=name))
        recipient.user_id = recipient.user_id or user_id
        recipient.name = recipient.name or name
        recipient.actions |= actions

    users = (
        get_user_model()
        .objects.filter(
            is_active=True,
            memberships__role=Role.KETENPARTNER,
            memberships__organisation_id__in=by_organisation,
        )
        .exclude(email="")
        .values_list("pk", "email", "first_name", "last_name", "memberships__organisation_id")
    )
    # Users who switched reminders off (their preferences page) are not reminded.
    switched_off = set(
        NotificationPreference.objects.filter(
            event=notices.UPDATE_REMINDER, delivery=Delivery.OFF
        ).values_list("user_id", flat=True)
    )
    for pk, email, first, last, organisation_id in users:
        if organisation_id in by_organisation and pk not in switched_off:
            add(email, f"{first} {last}".strip(), pk, by_organisation[organisation_id])
    for pk, organisation in organisations.items():
        if organisation.contact_email and organisation.kind in (
            OrganisationKind.PARTNER,
            OrganisationKind.NATIONAL,
        ):
            add(organisation.contact_email, "", None, by_organisation[pk])
    return recipients


def _send(recipient: Recipient, deadline: datetime.date, period: HalfYear):
    base = settings.PORTAL_BASE_URL.rstrip("/")
    actions = sorted(recipient.actions, key=lambda a: (a.programme.title, a.order, a.code))
    context = {
        "name": recipient.name,
        "deadline": deadline,
        "period": period,
        "mine_url": base + reverse("actions:mine"),
        "actions": [
            {
                "action": a,
                "url": base
                + reverse("actions:update_create", args=[a.pk])
                + f"?periode={period.code}",
            }
            for a in actions
        ],
    }
    subject = render_to_string("actions/email/update_reminder_subject.txt", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string("actions/email/update_reminder.txt", context),
        to=[recipient.email],
    )
    message.attach_alternative(
        render_to_string("actions/email/update_reminder.html", context), "text/html"
    )
    message.send()


@shared_task(name="actions.tasks.send_update_reminders")
def send_update_reminders(today: str | None = None) -> int:
    """Send the reminders due today (ISO date for tests and reruns); returns how many."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    deadline = reminder_deadline(day, settings.REMINDER_WEEKS_BEFORE_REPORT)
    if deadline is None:
        return 0
    period = reported_half_year(deadline)  # what the report of `deadline` covers
    already = set(ReminderLog.objects.filter(deadline=deadline).values_list("email", flat=True))
    already = {e.lower() for e in already}
    sent = 0
    for key, recipient in sorted(recipients_for(period).items()):
        if key in already:
            continue
        try:
            with transaction.atomic():
                # The log row first: a second run (or a parallel worker) stops at the
                # unique constraint; if sending fails, the row is rolled back.
                ReminderLog.objects.create(
                    email=key,
                    deadline=deadline,
                    user_id=recipient.user_id,
                    action_count=len(recipient.actions),
                )
                _send(recipient, deadline, period)
        except IntegrityError:
            continue
        sent += 1
        REMINDERS.inc()
    return sent


# --- notifications (enqueued on commit by services/updates.py) -------------------------------


@shared_task(
    name="actions.tasks.notify_update_submitted",
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=120,
    max_retries=3,
)
def notify_update_submitted(update_id: int) -> int:
    """E-mail the region's projectleiders that an update waits for review (once)."""
    return notices.notify_update_submitted(update_id)


@shared_task(
    name="actions.tasks.notify_update_reviewed",
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=120,
    max_retries=3,
)
def notify_update_reviewed(update_id: int) -> int:
    """E-mail the author that the update was accepted or returned (once)."""
    return notices.notify_update_reviewed(update_id)


@shared_task(
    name="actions.tasks.make_action_export",
    bind=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=2,
    acks_late=True,
)
def make_action_export(self, export_id: int) -> int:
    """Write a large action list's Excel file (actions.services.exports). A failure is kept
    on the export; after the last retry the page shows it failed, with the reason."""
    try:
        return exports.make_export(export_id).pk
    except Exception as exc:
        final = self.request.called_directly or (
            self.max_retries is not None and self.request.retries >= self.max_retries
        )
        exports.record_failure(export_id, exc, final=final)
        logger.exception("Export %s mislukt (poging %s)", export_id, self.request.retries + 1)
        raise
