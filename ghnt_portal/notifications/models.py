from django.conf import settings
from django.db import models
from django.utils import timezone

from .constants import Delivery


class NotificationPreference(models.Model):
    """How a user wants to hear of one kind of event; no row means the event's default."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gebruiker",
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    event = models.CharField("soort melding", max_length=40)
    delivery = models.CharField("ontvangen", max_length=12, choices=Delivery.choices)

    class Meta:
        verbose_name = "voorkeur voor meldingen"
        verbose_name_plural = "voorkeuren voor meldingen"
        constraints = [
            models.UniqueConstraint(fields=["user", "event"], name="notification_pref_once"),
        ]

    def __str__(self):
        return f"{self.user} – {self.event}: {self.get_delivery_display()}"


class Notification(models.Model):
    """One notification to one user, recorded once (by `key`): sent at once, or kept for
    the daily digest until `sent_at` is set."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="gebruiker",
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    event = models.CharField("soort melding", max_length=40)
    key = models.CharField(
        "sleutel",
        max_length=120,
        help_text="Wat de melding uniek maakt, bijvoorbeeld update-12-ingediend.",
    )
    subject = models.CharField("onderwerp", max_length=200)
    body = models.TextField("tekst")
    url = models.URLField("link", max_length=500)
    delivery = models.CharField("ontvangen", max_length=12, choices=Delivery.choices)
    created_at = models.DateTimeField("gemaakt op", default=timezone.now)
    sent_at = models.DateTimeField("verzonden op", null=True, blank=True)

    class Meta:
        verbose_name = "melding"
        verbose_name_plural = "meldingen"
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notification_once_per_key"),
        ]
        indexes = [models.Index(fields=["delivery", "sent_at"], name="notification_digest_idx")]

    def __str__(self):
        return f"{self.user} – {self.subject}"
