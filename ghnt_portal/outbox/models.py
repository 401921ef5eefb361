import datetime

from django.db import models
from django.utils import timezone

from .constants import WAITING_NOTICE_SECONDS, WAITING_STATES, OutboxState


class OutboxTaskQuerySet(models.QuerySet["OutboxTask"]):
    def latest_for(self, key: str) -> "OutboxTask | None":
        if not key:
            return None
        return self.filter(key=key).order_by("-created_at", "-pk").first()

    def waiting(self) -> "OutboxTaskQuerySet":
        return self.filter(state__in=WAITING_STATES)


class OutboxTask(models.Model):
    """One piece of background work, recorded in the transaction that asked for it."""

    task_name = models.CharField("taak", max_length=200)
    args = models.JSONField("argumenten", default=list, blank=True)
    key = models.CharField(
        "betreft",
        max_length=200,
        blank=True,
        db_index=True,
        help_text="Waar de taak over gaat, zodat een pagina de stand kan tonen "
        "(bijvoorbeeld report:12:2025-H1).",
    )
    state = models.CharField(
        "stand", max_length=10, choices=OutboxState.choices, default=OutboxState.QUEUED
    )
    created_at = models.DateTimeField("aangemaakt", default=timezone.now, db_index=True)
    enqueued_at = models.DateTimeField(
        "verstuurd", null=True, blank=True, help_text="Laatst aan de broker (Redis) gegeven."
    )
    publish_count = models.PositiveIntegerField("keer verstuurd", default=0)
    started_at = models.DateTimeField("gestart", null=True, blank=True)
    deadline_at = models.DateTimeField(
        "uiterlijk klaar",
        null=True,
        blank=True,
        help_text="Gestart plus de harde tijdslimiet: daarna is de worker dood en gaat de "
        "taak opnieuw de wachtrij in.",
    )
    worker = models.CharField("worker", max_length=200, blank=True)
    host = models.CharField(
        "machine", max_length=200, blank=True, help_text="De machine (pod) die de taak uitvoert."
    )
    pid = models.PositiveIntegerField(
        "proces",
        null=True,
        blank=True,
        help_text="Het proces dat de taak uitvoert: is het weg, dan neemt een ander de taak "
        "meteen over in plaats van na de tijdslimiet.",
    )
    attempts = models.PositiveIntegerField("keer gestart", default=0)
    finished_at = models.DateTimeField("klaar", null=True, blank=True)
    last_error = models.TextField("laatste fout", blank=True)

    objects = OutboxTaskQuerySet.as_manager()

    class Meta:
        verbose_name = "achtergrondtaak"
        verbose_name_plural = "achtergrondtaken"
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "created_at"], name="outbox_state_created")]

    def __str__(self) -> str:
        return f"{self.task_name}{tuple(self.args)} ({self.get_state_display()})"

    @property
    def is_waiting(self) -> bool:
        return self.state in WAITING_STATES

    @property
    def waits_long(self) -> bool:
        """Not picked up for more than a few seconds: the background processing is busy or
        away (the broker or every worker), and the user is told so."""
        limit = datetime.timedelta(seconds=WAITING_NOTICE_SECONDS)
        return self.is_waiting and timezone.now() - self.created_at > limit
