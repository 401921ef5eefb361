"""Single sign-on through the municipality's identity provider (OpenID Connect, code flow,
mozilla-django-oidc). Switched on by setting OIDC_RP_CLIENT_ID and the provider's endpoints
in the environment; off (every URL here answers 404) otherwise.

The provider says who someone is, never what they may do: roles come only from memberships
in the portal. A known user is found by e-mail address; an unknown one gets an account
without any role and sees "no access yet" until a beheerder grants a membership.
"""

import re
import unicodedata

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.views.decorators.cache import never_cache

from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from ghnt_portal.audit import record
from ghnt_portal.audit.constants import AuditAction, AuditResult

IDP_MFA_SESSION_KEY = "ghnt_idp_mfa"


def enabled() -> bool:
    return bool(getattr(settings, "OIDC_ENABLED", False))


class PortalOIDCBackend(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        self.UserModel = get_user_model()
        if enabled():
            super().__init__(*args, **kwargs)

    def authenticate(self, request, **kwargs):
        if not enabled():
            return None
        return super().authenticate(request, **kwargs)

    def retrieve_matching_jwk(self, token):
        """The provider's signing key for this token: by key id where the token names one,
        else the provider's one signing key for the algorithm (never a guess among several)."""
        from django.core.exceptions import SuspiciousOperation

        import jwt
        import requests

        response = requests.get(self.OIDC_OP_JWKS_ENDPOINT, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        header = jwt.get_unverified_header(token)
        keys = [
            key
            for key in response.json().get("keys", [])
            if key.get("alg", header.get("alg")) == header.get("alg")
            and key.get("use", "sig") == "sig"
        ]
        if header.get("kid") is not None:
            keys = [key for key in keys if key.get("kid") == header.get("kid")]
        if len(keys) != 1:
            raise SuspiciousOperation("No single signing key of the provider matches the token.")
        return jwt.PyJWK(keys[0])

    def verify_claims(self, claims):
        # An address the provider itself says is unverified does not identify anyone.
        return bool(claims.get("email")) and claims.get("email_verified") is not False

    def filter_users_by_claims(self, claims):
        return self.UserModel.objects.filter(email__iexact=claims["email"])

    def get_username(self, claims):
        base = claims.get("preferred_username") or claims["email"].split("@")[0]
        base = unicodedata.normalize("NFKD", str(base)).encode("ascii", "ignore").decode()
        base = re.sub(r"[^\w.@+-]", "", base)[:140] or "sso-gebruiker"
        username, n = base, 1
        while self.UserModel.objects.filter(username=username).exists():
            n += 1
            username = f"{base}-{n}"
        return username

    def create_user(self, claims):
        """A new account without any role (and without a usable password)."""
        user = self.UserModel.objects.create_user(
            self.get_username(claims),
            email=claims["email"],
            first_name=str(claims.get("given_name", ""))[:150],
            last_name=str(claims.get("family_name", ""))[:150],
        )
        record(
            AuditAction.SSO_REFUSED,
            obj=user,
            actor=user,
            result=AuditResult.DENIED,
            detail="nieuw via single sign-on; nog geen rol, dus nog geen toegang",
        )
        return user


@login_not_required
@never_cache
def authenticate(request):
    if not enabled():
        raise Http404
    return OIDCAuthenticationRequestView.as_view()(request)


@login_not_required
@never_cache
def callback(request):
    if not enabled():
        raise Http404
    response = OIDCAuthenticationCallbackView.as_view()(request)
    if request.user.is_authenticated:
        if settings.OIDC_TRUST_IDP_MFA:
            request.session[IDP_MFA_SESSION_KEY] = True
    else:
        record(
            AuditAction.LOGIN_FAILED,
            request=request,
            result=AuditResult.FAILURE,
            detail="single sign-on niet gelukt",
        )
    return response
