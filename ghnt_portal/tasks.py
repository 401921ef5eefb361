"""Operations tasks shared by the whole portal."""

from celery import shared_task


@shared_task(ignore_result=True)
def heartbeat() -> str:
    """Sent by beat every 30 s (migration ghnt_portal 0001). Beat records when it last sent
    it (PeriodicTask.last_run_at), which the readiness check reads; the task itself only
    shows in a worker's log that the whole beat -> broker -> worker path works."""
    return "ok"
