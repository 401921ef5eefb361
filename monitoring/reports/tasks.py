"""Background work for progress reports. Tasks take primary keys and can run twice safely."""

import datetime
import logging
import time

from django.db import transaction
from django.utils import timezone

from celery import Task, shared_task

from ghnt_portal import outbox
from ghnt_portal.observability.metrics import REPORT_DURATION, REPORTS
from ghnt_portal.outbox.constants import OutboxState
from ghnt_portal.outbox.models import OutboxTask
from ghnt_portal.periods import HalfYear
from programmes.constants import ProgrammeStatus
from programmes.models import Programme

from ..constants import ReportStatus
from ..models import ProgressReport
from . import notifications, services

logger = logging.getLogger(__name__)


# The names are explicit and unchanged since the tasks lived in monitoring/tasks.py: the beat
# schedule in the database (migration 0004) and queued messages refer to them.
@shared_task(
    name="monitoring.tasks.generate_report",
    bind=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=600,
    retry_jitter=True,
    max_retries=3,
    acks_late=True,
)
def generate_report(
    self: Task, programme_id: int, period_code: str, user_id: int | None = None
) -> int:
    """Generate (or regenerate the concept of) the report of a programme for a half year.

    Running it twice gives one report: the concept is reused, a frozen report is left alone.
    A failure is stored on the report (status stays concept) and the task retries with
    exponential backoff; after the last retry the failure stays visible on the report page.
    """
    half = HalfYear.parse(period_code)
    programme = Programme.objects.get(pk=programme_id)
    user = services._user(user_id)
    report = services.request_report(programme, half, user)
    started = time.perf_counter()
    try:
        report = services.generate(report.pk, user_id)
    except Exception as exc:
        # Called directly (tests, shell) there is no retry; on a worker the last try is final.
        final = self.request.called_directly or (
            self.max_retries is not None and self.request.retries >= self.max_retries
        )
        services.record_failure(report.pk, exc, final=final)
        outcome = "failed" if final else "retry"
        REPORTS.labels(outcome).inc()
        REPORT_DURATION.labels(outcome).observe(time.perf_counter() - started)
        logger.exception("Rapportage %s mislukt (poging %s)", report, self.request.retries + 1)
        raise
    REPORTS.labels("done").inc()
    REPORT_DURATION.labels("done").observe(time.perf_counter() - started)
    return report.pk


def outbox_key(programme_id: int, period_code: str) -> str:
    """Under this key the report page finds the state of its background work."""
    return f"report:{programme_id}:{period_code}"


def enqueue_generation(programme_id: int, period_code: str, user_id: int | None = None):
    """Record the generation in the current transaction (the outbox); it is handed to a
    worker after the commit, or by the sweep once the broker is back. Never raises."""
    args = (programme_id, period_code) if user_id is None else (programme_id, period_code, user_id)
    return outbox.enqueue(generate_report, *args, key=outbox_key(programme_id, period_code))


@shared_task(name="monitoring.tasks.generate_due_reports")
def generate_due_reports(today_iso: str | None = None) -> list[int]:
    """Beat (1 January, 1 October): report every adopted programme on the half year just
    ended. January -> H2 of the previous year; October -> H1 of the current year (the
    report is due three months after the half year, as the Rijk asks).

    One task per programme, each its own outbox row, so the worker's processes make the
    reports side by side. Returns the programmes queued; run twice (a beat fired again), it
    queues none twice: a programme whose report of the period is already waiting or being
    made, or is definitief without a new concept, is left out.
    """
    today = (
        timezone.localdate()
        if today_iso is None
        else datetime.datetime.fromisoformat(today_iso).date()
    )
    half = HalfYear.of(today).previous()
    programmes = (
        Programme.objects.filter(status=ProgrammeStatus.ADOPTED)
        .exclude(period_start__gt=half.end)
        .exclude(period_end__lt=half.start)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    with transaction.atomic():
        ids = _not_yet_under_way(list(programmes), half)
        for pk in ids:
            enqueue_generation(pk, half.code)
    logger.info("Voortgangsrapportages %s aangevraagd voor %d programma's", half.code, len(ids))
    return ids


def _not_yet_under_way(ids: list[int], half: HalfYear) -> list[int]:
    keys = {outbox_key(pk, half.code): pk for pk in ids}
    waiting = OutboxTask.objects.filter(
        key__in=keys, state__in=(OutboxState.QUEUED, OutboxState.SENT, OutboxState.STARTED)
    ).values_list("key", flat=True)
    busy = {keys[key] for key in waiting}
    reports = ProgressReport.objects.filter(programme_id__in=ids, period=half.code)
    concepts = set(
        reports.filter(status=ReportStatus.CONCEPT).values_list("programme_id", flat=True)
    )
    frozen = set(reports.frozen().values_list("programme_id", flat=True)) - concepts
    return [pk for pk in ids if pk not in busy and pk not in frozen]


@shared_task(
    name="monitoring.tasks.notify_report_due",
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=120,
    max_retries=3,
)
def notify_report_due(today_iso: str | None = None) -> int:
    """Daily (beat, migration 0007): in the weeks before a report date, tell the
    projectleiders (once per programme and date)."""
    day = timezone.localdate() if today_iso is None else datetime.date.fromisoformat(today_iso)
    return notifications.notify_report_due(day)
