"""Retention of personal data about logins and accounts (README "Bewaartermijnen").

Applied every night by beat (`ghnt_portal.tasks.apply_retention`), in one transaction:

- client addresses in the audit trail and in django-axes' logs older than
  RETENTION_LOGIN_IP_MONTHS become a keyed hash (audit/pseudonyms.py); the rows stay;
- failed-login records (axes' AccessFailureLog and AccessAttempt) older than
  RETENTION_FAILED_LOGIN_MONTHS are deleted; the audit trail's own "inloggen mislukt" events
  stay (append-only), with their address pseudonymised as above;
- an account not used for RETENTION_INACTIVE_ACCOUNT_DAYS (last login, or the day it was
  made) is disabled; RETENTION_INACTIVE_NOTICE_DAYS before that its holder gets an e-mail
  (through the outbox), and it is never disabled sooner than that many days after the
  e-mail. Logging in again starts the count anew.

What it did is one event in the audit trail. Running it twice does nothing the second time.
"""

from __future__ import annotations

import calendar
import datetime
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from axes.models import AccessAttempt, AccessFailureLog, AccessLog

from . import outbox
from .audit import record
from .audit.constants import AuditAction
from .audit.models import AuditEvent
from .audit.pseudonyms import is_pseudonym, pseudonym

logger = logging.getLogger(__name__)

AXES_LOGS = (AccessLog, AccessFailureLog, AccessAttempt)


def months_before(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day `months` calendar months earlier (the month's last day if shorter)."""
    years, month0 = divmod(moment.month - 1 - months, 12)
    year, month = moment.year + years, month0 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def pseudonymise_axes(model, before: datetime.datetime, **filters) -> int:
    rows = model.objects.filter(attempt_time__lt=before, **filters).exclude(ip_address=None)
    changed = 0
    for address in set(rows.values_list("ip_address", flat=True)):
        if not is_pseudonym(address):
            changed += rows.filter(ip_address=address).update(ip_address=pseudonym(address))
    return changed


def _inactive_accounts(now: datetime.datetime) -> tuple[int, int]:
    """(notices sent, accounts disabled)."""
    days = settings.RETENTION_INACTIVE_ACCOUNT_DAYS
    notice_days = settings.RETENTION_INACTIVE_NOTICE_DAYS
    User = get_user_model()
    notices = AuditEvent.objects.filter(
        action=AuditAction.INACTIVITY_NOTICE,
        content_type=ContentType.objects.get_for_model(User),
        object_id=Cast(models.OuterRef("pk"), models.CharField()),
        timestamp__gt=models.OuterRef("seen"),
    ).order_by("-timestamp")
    due = (
        User.objects.filter(is_active=True)
        .annotate(seen=Coalesce("last_login", "date_joined"))
        .filter(seen__lt=now - datetime.timedelta(days=days - notice_days))
        .annotate(noticed=models.Subquery(notices.values("timestamp")[:1]))
        .order_by("pk")
    )
    sent = disabled = 0
    for user in due:
        if user.noticed is None:
            deadline = max(
                user.seen + datetime.timedelta(days=days),
                now + datetime.timedelta(days=notice_days),
            ).date()
            record(
                AuditAction.INACTIVITY_NOTICE,
                obj=user,
                detail=f"Niet gebruikt sinds {user.seen:%Y-%m-%d}; wordt uitgeschakeld op "
                f"{deadline:%Y-%m-%d} als er niet wordt ingelogd.",
            )
            outbox.enqueue(
                "ghnt_portal.tasks.send_inactivity_notice",
                user.pk,
                deadline.isoformat(),
                key=f"inactivity-notice:{user.pk}",
            )
            sent += 1
        elif user.seen < now - datetime.timedelta(days=days) and (
            user.noticed <= now - datetime.timedelta(days=notice_days)
        ):
            User.objects.filter(pk=user.pk).update(is_active=False)
            record(
                AuditAction.ACCOUNT_DISABLED,
                obj=user,
                detail=f"Niet gebruikt sinds {user.seen:%Y-%m-%d} (meer dan {days} dagen); "
                f"melding verstuurd op {timezone.localtime(user.noticed):%Y-%m-%d}.",
            )
            disabled += 1
    return sent, disabled


def apply(now: datetime.datetime | None = None) -> dict[str, int]:
    """Apply every retention period as of `now`; returns the counts (also in the audit)."""
    now = now or timezone.now()
    ip_before = months_before(now, settings.RETENTION_LOGIN_IP_MONTHS)
    failed_before = months_before(now, settings.RETENTION_FAILED_LOGIN_MONTHS)
    with transaction.atomic():
        counts = {
            "failed_logins_deleted": sum(
                model.objects.filter(attempt_time__lt=failed_before).delete()[0]
                for model in (AccessFailureLog, AccessAttempt)
            ),
            "audit_ips_pseudonymised": AuditEvent.objects.filter(
                timestamp__lt=ip_before
            ).pseudonymise_ips(pseudonym),
            "login_log_ips_pseudonymised": sum(
                pseudonymise_axes(model, ip_before) for model in AXES_LOGS
            ),
        }
        counts["inactivity_notices"], counts["accounts_disabled"] = _inactive_accounts(now)
        if any(counts.values()):
            record(
                AuditAction.RETENTION_APPLIED,
                object_repr="bewaartermijnen",
                detail=describe(counts),
            )
    logger.info("Bewaartermijnen toegepast: %s", counts)
    return counts


def describe(counts: dict[str, int]) -> str:
    return (
        f"{counts['audit_ips_pseudonymised']} IP-adressen in de audittrail en "
        f"{counts['login_log_ips_pseudonymised']} in de inloglogboeken gepseudonimiseerd "
        f"(ouder dan {settings.RETENTION_LOGIN_IP_MONTHS} maanden); "
        f"{counts['failed_logins_deleted']} mislukte inlogpogingen verwijderd (ouder dan "
        f"{settings.RETENTION_FAILED_LOGIN_MONTHS} maanden); "
        f"{counts['inactivity_notices']} meldingen over niet-gebruikte accounts verstuurd, "
        f"{counts['accounts_disabled']} accounts uitgeschakeld (niet gebruikt in "
        f"{settings.RETENTION_INACTIVE_ACCOUNT_DAYS} dagen)."
    )
