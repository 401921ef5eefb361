"""Signing in: the lockout page, two-factor authentication (django-otp) and single sign-on
(OpenID Connect, mozilla-django-oidc)."""
