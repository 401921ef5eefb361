"""Inviting people: the account and its ketenpartner role are made at once (in one
transaction); the e-mail with the one-time link goes out through the background worker once
the transaction is committed."""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from ghnt_portal.accounts.models import AccountSetup

from ..constants import Role
from ..models import Membership, Organisation, Programme


def _enqueue_invitation(user_id: int) -> None:
    from ..tasks import send_invitation

    # robust: a broker that is away does not undo the invitation; the list then shows it
    # as not sent, and "Opnieuw uitnodigen" tries again.
    transaction.on_commit(lambda: send_invitation.delay(user_id), robust=True)


@transaction.atomic
def invite_partner(
    *,
    invited_by: User,
    first_name: str,
    last_name: str,
    email: str,
    organisation: Organisation,
    programmes: Iterable[Programme],
) -> User:
    """Make an account for an employee of `organisation` (username: the e-mail address, no
    password yet), make them ketenpartner of it, let the organisation take part in
    `programmes`, and send the invitation e-mail after commit."""
    email = email.strip().lower()
    user = get_user_model().objects.create_user(
        username=email, email=email, first_name=first_name, last_name=last_name, password=None
    )
    Membership.objects.create(user=user, role=Role.KETENPARTNER, organisation=organisation)
    for programme in programmes:
        programme.participants.add(organisation)
    AccountSetup.objects.create(user=user, invited_by=invited_by, invited_at=timezone.now())
    _enqueue_invitation(user.pk)
    return user


@transaction.atomic
def resend_invitation(user: User, invited_by: User) -> None:
    """A new e-mail with a new link (the old one may have expired)."""
    AccountSetup.objects.update_or_create(
        user=user,
        defaults={
            "invited_by": invited_by,
            "invited_at": timezone.now(),
            "invitation_sent_at": None,
        },
    )
    _enqueue_invitation(user.pk)
