"""Background work of the governance app (Celery). Tasks take plain values and can run twice."""

import datetime

from django.utils import timezone

from celery import shared_task

from .notifications import notify_due_commitments


@shared_task(
    name="governance.tasks.notify_due_commitments",
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=120,
    max_retries=3,
)
def notify_due_commitments_task(today: str | None = None) -> int:
    """Daily (beat, migration 0003): tell projectleiders of toezeggingen that are due soon;
    each toezegging once per due date. `today` (ISO) for tests and reruns."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    return notify_due_commitments(day)
