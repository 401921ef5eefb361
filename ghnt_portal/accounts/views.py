"""Two-factor authentication (TOTP, django-otp) with recovery codes, and the "no access yet"
page for signed-in users without a role."""

from base64 import b32encode
from urllib.parse import quote, urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

import django_otp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ghnt_portal.audit import record
from ghnt_portal.audit.constants import AuditAction, AuditResult

from . import policy
from .forms import TokenForm
from .qr import qr_svg

ISSUER = "GHNT-portaal"
BACKUP_CODES = 10
WRONG_CODE = (
    "Deze code klopt niet of is verlopen. Vul de code in die de app nu toont, of een herstelcode."
)


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("home")


def _otpauth_url(user, key: str) -> str:
    label = quote(f"{ISSUER}:{user.get_username()}")
    query = urlencode({"secret": key, "issuer": ISSUER, "digits": 6, "period": 30})
    return f"otpauth://totp/{label}?{query}"


def new_backup_codes(user) -> list[str]:
    """Replace the user's recovery codes. Each works once; they are shown once."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name="Herstelcodes", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


@never_cache
@login_required
def setup(request):
    """Set up the authenticator app: scan the QR code (or type the key), confirm one code."""
    if policy.totp_device(request.user) is not None:
        return redirect("two_factor_manage" if policy.is_verified(request) else "two_factor_verify")
    device = policy.totp_device(request.user, confirmed=False)
    if device is None:
        device = TOTPDevice.objects.create(
            user=request.user, name="Authenticator-app", confirmed=False
        )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            confirmed = device.verify_token(form.cleaned_data["token"])
            if confirmed:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = new_backup_codes(request.user)
        if confirmed:
            django_otp.login(request, device)
            policy.remember_device(request, True)
            record(AuditAction.OTP_SETUP, obj=request.user, detail="authenticator-app")
            record(AuditAction.OTP_BACKUP_CODES, obj=request.user, detail=f"{len(codes)} codes")
            return render(
                request,
                "accounts/backup_codes.html",
                {"codes": codes, "next": _next_url(request), "first_time": True},
            )
        record(
            AuditAction.OTP_FAILED,
            obj=request.user,
            result=AuditResult.FAILURE,
            detail="bij het instellen",
        )
        form.add_error(
            "token",
            "Deze code klopt niet. Controleer of de tijd op uw telefoon goed staat en vul de "
            "code in die de app nu toont.",
        )
    key = b32encode(device.bin_key).decode()
    return render(
        request,
        "accounts/setup.html",
        {
            "form": form,
            "qr": qr_svg(_otpauth_url(request.user, key)),
            "key_groups": [key[i : i + 4] for i in range(0, len(key), 4)],
            "required": policy.requires_second_factor(request.user),
            "next": request.POST.get("next") or request.GET.get("next", ""),
        },
        status=400 if form.errors else 200,
    )


def _throttled_until(user):
    """When the app's device refuses codes for a while after wrong ones (django-otp's
    throttling: 1, 2, 4, ... seconds), the moment it accepts them again."""
    device = policy.totp_device(user)
    if device is None:
        return None
    allowed, info = device.verify_is_allowed()
    if allowed:
        return None
    return (info or {}).get("locked_until") or timezone.now()


def _match(user, token: str, is_app_code: bool):
    """A six-digit code is tried on the app only, anything else on the recovery codes only,
    so a recovery code does not count as a wrong app code (and the reverse)."""
    for device in policy.confirmed_devices(user):
        if isinstance(device, TOTPDevice) != is_app_code:
            continue
        verified = django_otp.verify_token(user, device.persistent_id, token)
        if verified is not None:
            return verified
    return None


@never_cache
@login_required
def verify(request):
    """The second step of a login: a code from the app, or one recovery code."""
    if policy.is_verified(request):
        return redirect(_next_url(request))
    if not policy.confirmed_devices(request.user):
        policy.remember_device(request, False)
        return redirect(f"{reverse('two_factor_setup')}?{urlencode({'next': _next_url(request)})}")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        token = form.cleaned_data["token"]
        is_app_code = token.isdigit() and len(token) == 6
        waiting = _throttled_until(request.user) if is_app_code else None
        if waiting:
            form.add_error(
                "token",
                "U heeft te vaak een verkeerde code ingevoerd. Probeer het opnieuw na "
                f"{timezone.localtime(waiting):%H:%M:%S} uur.",
            )
            return render(
                request,
                "accounts/verify.html",
                {"form": form, "next": request.POST.get("next", "")},
                status=429,
            )
        device = _match(request.user, token, is_app_code)
        if device is not None:
            django_otp.login(request, device)
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                record(
                    AuditAction.OTP_BACKUP_CODE_USED,
                    obj=request.user,
                    detail=f"nog {left} herstelcodes",
                )
                messages.warning(
                    request,
                    f"U bent ingelogd met een herstelcode; u heeft er nog {left}. Maak nieuwe "
                    "herstelcodes als u er bijna geen meer heeft.",
                )
            else:
                record(AuditAction.OTP_VERIFIED, obj=request.user)
            return redirect(_next_url(request))
        record(AuditAction.OTP_FAILED, obj=request.user, result=AuditResult.FAILURE)
        form.add_error("token", WRONG_CODE)
    return render(
        request,
        "accounts/verify.html",
        {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")},
        status=400 if form.errors else 200,
    )


@never_cache
@login_required
@require_GET
def manage(request):
    """The user's own second factor: status, new recovery codes, switch off (if optional)."""
    device = policy.totp_device(request.user)
    backup = StaticDevice.objects.filter(user=request.user).first()
    return render(
        request,
        "accounts/manage.html",
        {
            "device": device,
            "backup_left": backup.token_set.count() if backup else 0,
            "required": policy.requires_second_factor(request.user),
        },
    )


@never_cache
@login_required
@require_POST
def regenerate_backup_codes(request):
    if not policy.is_verified(request):
        raise PermissionDenied("Log eerst in met uw tweede stap.")
    codes = new_backup_codes(request.user)
    record(AuditAction.OTP_BACKUP_CODES, obj=request.user, detail=f"{len(codes)} nieuwe codes")
    return render(
        request,
        "accounts/backup_codes.html",
        {"codes": codes, "next": reverse("two_factor_manage"), "first_time": False},
    )


@never_cache
@login_required
@require_POST
def disable(request):
    """Only where the second factor is optional, and only from a verified session."""
    if policy.requires_second_factor(request.user):
        raise PermissionDenied("Voor uw rol is tweestapsverificatie verplicht.")
    if not policy.is_verified(request):
        raise PermissionDenied("Log eerst in met uw tweede stap.")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=request.user).delete()  # recorded by the audit app
        StaticDevice.objects.filter(user=request.user).delete()
    request.session.pop(django_otp.DEVICE_ID_SESSION_KEY, None)
    policy.remember_device(request, False)
    messages.success(request, "Tweestapsverificatie staat uit.")
    return redirect("two_factor_manage")


@never_cache
@require_GET
def no_access(request):
    """Signed in (e.g. through single sign-on) but without a role in the portal yet."""
    if request.user.is_authenticated and policy.has_portal_access(request.user):
        return redirect("home")
    return render(request, "accounts/no_access.html", status=403)
