"""Background work of the national picture: the reminder before an uitvraag's deadline and
the national document. Tasks take primary keys and can run twice safely."""

from __future__ import annotations

import datetime
import logging

from django.utils import timezone

from celery import Task, shared_task

from ..uitvraag.constants import REMINDER_DAYS
from ..uitvraag.models import Questionnaire
from ..uitvraag.notifications import notify_reminder
from . import document
from .uitvraag import unanswered_region_ids

logger = logging.getLogger(__name__)


@shared_task(
    name="monitoring.national.tasks.remind_uitvraag",
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=120,
    max_retries=3,
)
def remind_uitvraag(today_iso: str | None = None) -> int:
    """Daily (beat): within REMINDER_DAYS before a published uitvraag's deadline, tell the
    projectleiders of every region that has not sent its answers. Once per user and uitvraag
    (the notification's key), however often beat runs this."""
    today = timezone.localdate() if today_iso is None else datetime.date.fromisoformat(today_iso)
    due = Questionnaire.objects.published().filter(
        deadline__gte=today, deadline__lte=today + datetime.timedelta(days=REMINDER_DAYS)
    )
    told = 0
    for questionnaire in due.order_by("pk"):
        regions = unanswered_region_ids(questionnaire)
        if regions:
            told += notify_reminder(questionnaire, regions, today)
    return told


@shared_task(
    name="monitoring.national.tasks.generate_national_document",
    bind=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=120,
    max_retries=2,
    acks_late=True,
)
def generate_national_document(self: Task, document_id: int) -> int:
    """Make the national regional part (PDF and Word) of one half year; a document already
    made is left alone."""
    try:
        document.generate(document_id)
    except Exception as exc:
        final = self.request.called_directly or (
            self.max_retries is not None and self.request.retries >= self.max_retries
        )
        document.record_failure(document_id, exc, final=final)
        logger.exception("Landelijk document %s mislukt", document_id)
        raise
    return document_id
