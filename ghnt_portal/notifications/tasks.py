"""The daily digest (beat, every morning; migration 0002). Safe to run twice."""

from celery import shared_task

from . import services


@shared_task(name="ghnt_portal.notifications.tasks.send_daily_digests")
def send_daily_digests() -> int:
    """Send every user their digest of the notifications kept for it; returns how many
    e-mails were sent."""
    return sum(
        1 for user_id in services.users_with_pending_digest() if services.send_digest(user_id)
    )
