"""A departed user's personal data: exported (JSON, the right of access) and then anonymised
by a beheerder, in the admin (programmes/admin.py).

Anonymised, the account keeps its id and its roles, so what the person made (actions,
updates, reports) stays attributed to "voormalig gebruiker (their organisation)" wherever
the portal names people (people/names.py). Their name, e-mail address, login, password,
second-factor devices, notifications and preferences go (an inactive account's sessions
no longer authenticate); the client addresses in the login
logs become pseudonyms now instead of after the retention period. The audit trail keeps its
events (it is append-only; its addresses follow the retention period).
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from axes.models import AccessAttempt, AccessFailureLog, AccessLog

from ghnt_portal.audit import record
from ghnt_portal.audit.constants import AuditAction
from ghnt_portal.audit.models import AuditEvent
from ghnt_portal.audit.pseudonyms import is_pseudonym, pseudonym
from ghnt_portal.notifications.models import Notification, NotificationPreference

from ..models import Membership
from .names import names_with_organisation

FORMER_FIRST, FORMER_LAST = "voormalig", "gebruiker"
AXES_LOGS = (AccessLog, AccessFailureLog, AccessAttempt)


def is_anonymised(user: User) -> bool:
    return user.username.startswith("voormalig-")


def _when(value) -> str | None:
    return value.isoformat() if value else None


def export_personal_data(user: User) -> dict[str, Any]:
    """Everything the portal keeps about the person, as JSON values."""
    memberships = Membership.objects.filter(user=user).select_related(
        "region", "organisation", "municipality"
    )
    logins = [
        {
            "soort": str(model._meta.verbose_name),
            "tijdstip": _when(row.attempt_time),
            "ip_adres": row.ip_address,
            "browser": row.user_agent,
        }
        for model in AXES_LOGS
        for row in model.objects.filter(username=user.username).order_by("attempt_time")
    ]
    return {
        "account": {
            "id": user.pk,
            "gebruikersnaam": user.username,
            "voornaam": user.first_name,
            "achternaam": user.last_name,
            "e-mailadres": user.email,
            "actief": user.is_active,
            "aangemaakt": _when(user.date_joined),
            "laatst_ingelogd": _when(user.last_login),
        },
        "rollen": [
            {
                "rol": m.get_role_display(),
                "regio": m.region.name if m.region else None,
                "organisatie": m.organisation.name if m.organisation else None,
                "gemeente": m.municipality.name if m.municipality else None,
            }
            for m in memberships
        ],
        "meldingsvoorkeuren": list(
            NotificationPreference.objects.filter(user=user).values("event", "delivery")
        ),
        "meldingen": [
            {"onderwerp": n.subject, "aangemaakt": _when(n.created_at), "link": n.url}
            for n in Notification.objects.filter(user=user).order_by("created_at")
        ],
        "audittrail": [
            {
                "tijdstip": _when(e.timestamp),
                "handeling": e.get_action_display(),
                "resultaat": e.result,
                "object": e.object_repr,
                "ip_adres": e.ip_address,
            }
            for e in AuditEvent.objects.filter(actor_id=user.pk).order_by("timestamp", "pk")
        ],
        "inlogpogingen": logins,
    }


def record_export(user: User, by: User) -> None:
    record(AuditAction.PERSONAL_DATA_EXPORTED, obj=user, actor=by)


def anonymise(user: User, by: User) -> User:
    """Remove the person from the account; their records stay theirs, anonymously."""
    from django_otp import devices_for_user

    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        old_username = user.username
        for model in AXES_LOGS:
            rows = model.objects.filter(username=old_username)
            for address in set(rows.exclude(ip_address=None).values_list("ip_address", flat=True)):
                if not is_pseudonym(address):
                    rows.filter(ip_address=address).update(ip_address=pseudonym(address))
            rows.update(username=f"voormalig-{user.pk}")
        for device in devices_for_user(user, confirmed=None):
            device.delete()
        Notification.objects.filter(user=user).delete()
        NotificationPreference.objects.filter(user=user).delete()
        user.username = f"voormalig-{user.pk}"
        user.first_name, user.last_name = FORMER_FIRST, FORMER_LAST
        user.email = ""
        user.is_active = False
        user.set_unusable_password()
        user.save()
        # The attribution the portal shows from now on, e.g. "voormalig gebruiker (Politie)".
        shown = names_with_organisation([user])[user.pk]
        record(
            AuditAction.ACCOUNT_ANONYMISED,
            obj=user,
            actor=by,
            object_repr=shown,
            detail="Naam, e-mailadres, inlognaam, wachtwoord, tweestapsverificatie en "
            "meldingen verwijderd; IP-adressen in de inloglogboeken gepseudonimiseerd.",
        )
    return user
