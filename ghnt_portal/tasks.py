"""Operations tasks shared by the whole portal."""

from celery import shared_task


@shared_task(ignore_result=True)
def heartbeat() -> str:
    """Sent by beat every 30 s (migration ghnt_portal 0001). Beat records when it last sent
    it (PeriodicTask.last_run_at), which the readiness check reads; the task itself only
    shows in a worker's log that the whole beat -> broker -> worker path works."""
    return "ok"


@shared_task(ignore_result=True)
def apply_retention() -> dict[str, int]:
    """Nightly (beat, migration ghnt_portal 0003): the retention periods of
    ghnt_portal/retention.py, recorded in the audit trail."""
    from . import retention

    return retention.apply()


@shared_task(
    ignore_result=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=120,
    max_retries=5,
)
def send_inactivity_notice(user_id: int, deadline_iso: str) -> bool:
    """The e-mail before an unused account is disabled (recorded in the outbox by the
    retention; the outbox runs it once). False when there is nobody to tell."""
    import datetime

    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.mail import EmailMessage
    from django.template.loader import render_to_string

    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email:
        return False
    context = {
        "user": user,
        "deadline": datetime.date.fromisoformat(deadline_iso),
        "login_url": settings.PORTAL_BASE_URL.rstrip("/") + "/inloggen/",
        "days": settings.RETENTION_INACTIVE_ACCOUNT_DAYS,
    }
    EmailMessage(
        subject="Uw account in het GHNT-portaal wordt uitgeschakeld",
        body=render_to_string("retention/inactivity_notice.txt", context),
        to=[user.email],
    ).send()
    return True
