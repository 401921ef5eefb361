"""Record a notification once and send it now, or keep it for the user's daily digest."""

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from ..observability.metrics import NOTIFICATIONS
from .constants import Delivery
from .models import Notification, NotificationPreference
from .registry import get_event


def absolute_url(path: str) -> str:
    """A link for an e-mail: the portal's address (PORTAL_BASE_URL) and the path."""
    return settings.PORTAL_BASE_URL.rstrip("/") + path


def preference(user: User, event: str) -> str:
    """How the user wants to hear of `event` (their choice, else the event's default)."""
    chosen = (
        NotificationPreference.objects.filter(user=user, event=event)
        .values_list("delivery", flat=True)
        .first()
    )
    return chosen or get_event(event).default


def preferences_for(user: User) -> dict[str, str]:
    """The user's choice per event key (only the events they changed)."""
    return dict(NotificationPreference.objects.filter(user=user).values_list("event", "delivery"))


@transaction.atomic
def save_preferences(user: User, choices: dict[str, str]) -> None:
    for event, delivery in choices.items():
        NotificationPreference.objects.update_or_create(
            user=user, event=event, defaults={"delivery": delivery}
        )


def _send(user: User, subject: str, template: str, context: dict) -> None:
    context = {
        **context,
        "user": user,
        "preferences_url": absolute_url(reverse("notifications:preferences")),
    }
    EmailMessage(
        subject=" ".join(subject.split()),
        body=render_to_string(template, context),
        to=[user.email],
    ).send()
    # Counted once the transaction that records it commits (a rolled-back send is resent).
    kind = "digest" if template.endswith("digest.txt") else "immediate"
    transaction.on_commit(NOTIFICATIONS.labels(kind).inc)


def notify(
    user: User, *, event: str, key: str, subject: str, body: str, url: str
) -> Notification | None:
    """Tell `user` of an event: once per `key`, whatever how often this runs. Sent now,
    kept for the digest, or not at all, as the user chose. Returns the new notification, or
    None when it was already recorded or is not wanted. A failed send records nothing, so a
    retry sends it."""
    if not user.is_active or not user.email:
        return None
    delivery = preference(user, event)
    if delivery == Delivery.OFF:
        return None
    with transaction.atomic():
        notification, created = Notification.objects.get_or_create(
            user=user,
            key=key,
            defaults={
                "event": event,
                "subject": subject[:200],
                "body": body,
                "url": url,
                "delivery": delivery,
            },
        )
        if not created:
            return None
        if delivery == Delivery.IMMEDIATELY:
            _send(
                user,
                subject,
                "notifications/email/notification.txt",
                {"notification": notification},
            )
            notification.sent_at = timezone.now()
            notification.save(update_fields=["sent_at"])
    return notification


def send_digest(user_id: int) -> int:
    """One e-mail with every notification the user keeps for the digest; returns how many.
    Runs twice safely: the rows are locked and marked sent in the same transaction."""
    with transaction.atomic():
        pending = list(
            Notification.objects.select_for_update()
            .filter(user_id=user_id, delivery=Delivery.DIGEST, sent_at__isnull=True)
            .select_related("user")
            .order_by("created_at", "pk")
        )
        if not pending:
            return 0
        user = pending[0].user
        if user.is_active and user.email:
            count = len(pending)
            subject = (
                f"Samenvatting GHNT-portaal: {count} {'melding' if count == 1 else 'meldingen'}"
            )
            _send(user, subject, "notifications/email/digest.txt", {"notifications": pending})
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(sent_at=timezone.now())
        return len(pending)


def users_with_pending_digest() -> list[int]:
    return list(
        Notification.objects.filter(delivery=Delivery.DIGEST, sent_at__isnull=True)
        .order_by()
        .values_list("user_id", flat=True)
        .distinct()
    )
