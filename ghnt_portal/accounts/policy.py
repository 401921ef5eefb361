"""Who must do what to sign in. The answers about roles come from the programmes app,
named in settings (TWO_FACTOR_REQUIRED_CHECK, PORTAL_ACCESS_CHECK), because this lower
layer does not import it."""

from functools import cache

from django.conf import settings
from django.utils.module_loading import import_string

from django_otp import DEVICE_ID_SESSION_KEY

HAS_DEVICE_SESSION_KEY = "ghnt_otp_has_device"
MUST_SET_PASSWORD_SESSION_KEY = "ghnt_must_set_password"


@cache
def _check(setting: str):
    return import_string(getattr(settings, setting))


def requires_second_factor(user) -> bool:
    return bool(_check("TWO_FACTOR_REQUIRED_CHECK")(user))


def has_portal_access(user) -> bool:
    return bool(_check("PORTAL_ACCESS_CHECK")(user))


def is_verified(request) -> bool:
    """The session passed the second step (django_otp.login put the device in it).

    The device is not loaded on every request (django-otp's OTPMiddleware would, one query
    per page); removing a device ends its sessions' verification at their next login."""
    return DEVICE_ID_SESSION_KEY in request.session or bool(
        request.session.get("ghnt_idp_mfa")  # OIDC_TRUST_IDP_MFA: the provider did it
    )


def confirmed_devices(user):
    from django_otp import devices_for_user

    return list(devices_for_user(user, confirmed=True))


def totp_device(user, confirmed=True):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).first()


def has_device(request) -> bool:
    """Whether the user set up a second factor; remembered in the session (one query per
    login, not per page)."""
    if HAS_DEVICE_SESSION_KEY not in request.session:
        request.session[HAS_DEVICE_SESSION_KEY] = totp_device(request.user) is not None
    return request.session[HAS_DEVICE_SESSION_KEY]


def remember_device(request, present: bool) -> None:
    request.session[HAS_DEVICE_SESSION_KEY] = present


def on_logged_in(sender, request, user, **kwargs):
    """Look the device and the forced password choice up once per login, not on every page
    (one query each)."""
    if request is not None and hasattr(request, "session"):
        request.session[HAS_DEVICE_SESSION_KEY] = totp_device(user) is not None
        from .models import must_set_password

        request.session[MUST_SET_PASSWORD_SESSION_KEY] = must_set_password(user)


def must_choose_password(request) -> bool:
    """The account was made by a beheerder, who chose its password: the user chooses their
    own before anything else (remembered in the session at login)."""
    return bool(request.session.get(MUST_SET_PASSWORD_SESSION_KEY))


def remember_password_chosen(request) -> None:
    request.session[MUST_SET_PASSWORD_SESSION_KEY] = False


def next_url(request) -> str:
    from django.urls import reverse
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("home")
