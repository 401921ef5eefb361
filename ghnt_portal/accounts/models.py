"""What the portal keeps about an account besides Django's user: whether its holder must
still choose their own password, and who invited them."""

from django.conf import settings
from django.db import models


class AccountSetup(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="gebruiker",
        on_delete=models.CASCADE,
        related_name="account_setup",
    )
    must_set_password = models.BooleanField(
        "moet eigen wachtwoord kiezen",
        default=False,
        help_text=(
            "Aan voor een account met een wachtwoord van de beheerder: bij de eerste keer "
            "inloggen kiest de gebruiker een eigen wachtwoord."
        ),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="uitgenodigd door",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    invited_at = models.DateTimeField("uitgenodigd op", null=True, blank=True)
    invitation_sent_at = models.DateTimeField(
        "uitnodiging verzonden op",
        null=True,
        blank=True,
        help_text="Leeg zolang de uitnodigingsmail nog niet is verzonden.",
    )

    class Meta:
        verbose_name = "accountinstelling"
        verbose_name_plural = "accountinstellingen"

    def __str__(self):
        return str(self.user)


def require_password_choice(user) -> AccountSetup:
    """Make `user` choose their own password at their next login."""
    setup, _ = AccountSetup.objects.update_or_create(
        user=user, defaults={"must_set_password": True}
    )
    return setup


def must_set_password(user) -> bool:
    return AccountSetup.objects.filter(user=user, must_set_password=True).exists()
