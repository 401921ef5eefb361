"""Background work of the uitvraag. Tasks take primary keys and can run twice safely."""

from celery import shared_task

from . import notifications
from .models import Questionnaire


@shared_task(
    name="monitoring.uitvraag.tasks.notify_published",
    autoretry_for=(Exception,),
    retry_backoff=True,
    retry_backoff_max=120,
    max_retries=3,
    acks_late=True,
)
def notify_published(questionnaire_id: int) -> int:
    """Tell every projectleider of the published uitvraag (once each: notify's key)."""
    questionnaire = Questionnaire.objects.filter(pk=questionnaire_id).published().first()
    if questionnaire is None:
        return 0
    return notifications.notify_published(questionnaire)
