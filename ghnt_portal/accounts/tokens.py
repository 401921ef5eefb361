"""One-time links to set a password (invitations): Django's password-reset tokens with their
own salt and lifetime. A token stops working once used, because it hashes the password and
the last login, which setting the password and signing in change."""

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.http import base36_to_int


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "ghnt_portal.accounts.tokens.InvitationTokenGenerator"

    @property
    def timeout_seconds(self) -> int:
        return settings.INVITATION_VALID_DAYS * 24 * 3600

    def check_token(self, user, token) -> bool:
        """As Django's check, with the invitation's lifetime instead of the password reset's."""
        if not (user and token):
            return False
        try:
            ts_b36, _ = token.split("-")
            ts = base36_to_int(ts_b36)
        except ValueError:
            return False
        if not any(
            constant_time_compare(self._make_token_with_timestamp(user, ts, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        ):
            return False
        return (self._num_seconds(self._now()) - ts) <= self.timeout_seconds


invitation_token = InvitationTokenGenerator()
