from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils import timezone

from .constants import AuditAction, AuditResult

REFUSED = "De audittrail kan niet worden gewijzigd of verwijderd."


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise PermissionDenied(REFUSED)

    def delete(self):
        raise PermissionDenied(REFUSED)

    def pseudonymise_ips(self, pseudonym) -> int:
        """The one change the audit trail allows (its trigger checks it): a real client
        address of these events replaced by `pseudonym(address)`, an address in the
        documentation range (pseudonyms.py); nothing else of the row changes."""
        from .pseudonyms import is_pseudonym

        changed = 0
        addresses = self.exclude(ip_address=None).values_list("ip_address", flat=True)
        for address in set(addresses):
            if is_pseudonym(address):
                continue
            rows = models.QuerySet.filter(self, ip_address=address)
            changed += models.QuerySet.update(rows, ip_address=pseudonym(address))
        return changed


class AuditEvent(models.Model):
    """One event in the audit trail. Written once, never changed or deleted.

    The actor is kept by id and name rather than as a foreign key, so deleting an account
    neither deletes nor rewrites its history. Never holds passwords, tokens or session ids.
    """

    timestamp = models.DateTimeField("tijdstip", default=timezone.now, db_index=True)
    actor_id = models.IntegerField("gebruikers-id", null=True, blank=True, db_index=True)
    actor_name = models.CharField(
        "gebruiker",
        max_length=150,
        blank=True,
        help_text="De gebruikersnaam op het moment van de gebeurtenis (of de ingevoerde naam).",
    )
    action = models.CharField("handeling", max_length=40, choices=AuditAction.choices)
    result = models.CharField(
        "resultaat", max_length=20, choices=AuditResult.choices, default=AuditResult.SUCCESS
    )
    content_type = models.ForeignKey(
        ContentType,
        verbose_name="soort object",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    object_id = models.CharField("object-id", max_length=64, blank=True)
    object_repr = models.CharField("object", max_length=200, blank=True)
    ip_address = models.GenericIPAddressField("IP-adres", null=True, blank=True)
    detail = models.TextField("toelichting", blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = "auditgebeurtenis"
        verbose_name_plural = "audittrail"
        ordering = ["-timestamp", "-id"]
        default_permissions = ("view",)

    def __str__(self):
        who = self.actor_name or "-"
        return f"{self.timestamp:%Y-%m-%d %H:%M:%S} {who}: {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise PermissionDenied(REFUSED)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied(REFUSED)
