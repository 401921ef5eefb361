"""Background work of the programmes app (Celery). Tasks take primary keys and can run twice.

send_invitation: the invitation e-mail of an invited account (programmes/people), with a
one-time link to set a password. Sent once per invitation: the task marks the invitation
sent in the same transaction; a second run finds it sent and does nothing, as it does for an
account that already has a password.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from celery import shared_task

from ghnt_portal import audit
from ghnt_portal.accounts.models import AccountSetup
from ghnt_portal.accounts.tokens import invitation_token
from ghnt_portal.audit.constants import AuditAction

from .constants import Role
from .models import Membership


def invitation_url(user) -> str:
    path = reverse(
        "accept_invitation",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": invitation_token.make_token(user),
        },
    )
    return settings.PORTAL_BASE_URL.rstrip("/") + path


@shared_task(name="programmes.tasks.send_invitation")
def send_invitation(user_id: int) -> bool:
    """Send the invitation e-mail of account `user_id`; False when there is nothing to do."""
    with transaction.atomic():
        setup = (
            AccountSetup.objects.select_for_update(of=("self",))  # not the (outer-joined) inviter
            .select_related("user", "invited_by")
            .filter(user_id=user_id, invitation_sent_at__isnull=True)
            .first()
        )
        if setup is None or setup.user.has_usable_password() or not setup.user.is_active:
            return False
        user = setup.user
        organisations = sorted(
            str(m.organisation)
            for m in Membership.objects.filter(
                user=user, role=Role.KETENPARTNER, organisation__isnull=False
            ).select_related("organisation")
        )
        inviter = setup.invited_by
        context = {
            "user": user,
            "inviter": inviter.get_full_name() or inviter.get_username() if inviter else "",
            "organisations": organisations,
            "url": invitation_url(user),
            "valid_days": settings.INVITATION_VALID_DAYS,
            "login_url": settings.PORTAL_BASE_URL.rstrip("/") + reverse("login"),
        }
        setup.invitation_sent_at = timezone.now()
        setup.save(update_fields=["invitation_sent_at"])
        message = EmailMultiAlternatives(
            subject="Uitnodiging voor het GHNT-portaal",
            body=render_to_string("programmes/email/invitation.txt", context),
            to=[user.email],
        )
        message.attach_alternative(
            render_to_string("programmes/email/invitation.html", context), "text/html"
        )
        message.send()
        audit.record(
            AuditAction.INVITATION_SENT,
            obj=user,
            actor=inviter,
            actor_name="systeem",
            detail=f"aan {user.email} voor {', '.join(organisations) or 'geen organisatie'}",
        )
    return True
