"""The outbox's own task: the sweep, sent by beat every OUTBOX_SWEEP_SECONDS."""

from celery import shared_task

from . import services


@shared_task(name="ghnt_portal.outbox.tasks.sweep", ignore_result=True)
def sweep() -> dict[str, int]:
    """Hand out again what was queued but not picked up, sent but lost, or started by a worker
    that died (ghnt_portal/outbox/__init__.py)."""
    return services.sweep()
