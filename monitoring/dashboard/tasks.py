"""The dashboard's background work: computing it again after a change (warm.py)."""

from celery import shared_task

from . import warm


@shared_task(name=warm.TASK_NAME, acks_late=True)
def warm_dashboard(programme_id: int) -> int:
    """Compute the programme's dashboard into the cache; safe to run twice (the second run
    finds the entries there)."""
    return warm.warm(programme_id)
