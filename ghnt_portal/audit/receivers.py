"""What the audit trail records by itself, from signals: logins, failed logins, lockouts,
logouts, changes of accounts and of roles (memberships), second-factor devices removed, and
deletions of the models named in settings.AUDIT_TRACK_DELETIONS.

Models of higher apps are named by string ("programmes.Membership"), so this app imports
none of them.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save, pre_save

from axes.signals import user_locked_out

from .constants import AuditAction, AuditResult
from .services import record

MEMBERSHIP_MODEL = "programmes.Membership"
OTP_DEVICE_MODELS = ("otp_totp.TOTPDevice", "otp_static.StaticDevice")
# Account fields whose change is recorded (old and new value); a password change is
# recorded as such, never with any value.
ACCOUNT_FIELDS = ("username", "is_active", "is_staff", "is_superuser", "email")


def _yes_no(value):
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(value)


def on_logged_in(sender, request, user, **kwargs):
    backend = getattr(user, "backend", "") or ""
    detail = "via single sign-on (OpenID Connect)" if "oidc" in backend.lower() else ""
    record(AuditAction.LOGIN, obj=user, actor=user, request=request, detail=detail)


def on_login_failed(sender, credentials, request=None, **kwargs):
    # Django has already masked the password in `credentials`; only the username is kept.
    username = str(credentials.get("username") or "")[:150]
    locked = bool(getattr(request, "axes_locked_out", False))
    record(
        AuditAction.LOGIN_FAILED,
        actor_name=username,
        request=request,
        result=AuditResult.DENIED if locked else AuditResult.FAILURE,
        detail="account geblokkeerd na te veel mislukte pogingen" if locked else "",
    )


def on_locked_out(sender, request, username, ip_address, **kwargs):
    record(
        AuditAction.LOCKOUT,
        actor_name=str(username or "")[:150],
        request=request,
        result=AuditResult.DENIED,
    )


def on_logged_out(sender, request, user, **kwargs):
    if user is None:
        return
    record(AuditAction.LOGOUT, obj=user, actor=user, request=request)


# --- accounts -------------------------------------------------------------------------------


def _account_before(sender, instance, update_fields=None, **kwargs):
    watched = set(ACCOUNT_FIELDS) | {"password"}
    if instance.pk is None or (update_fields is not None and not watched & set(update_fields)):
        instance._audit_before = None
        return
    instance._audit_before = sender._default_manager.filter(pk=instance.pk).values(*watched).first()


def _account_after(sender, instance, created, **kwargs):
    if created:
        record(AuditAction.ACCOUNT_CREATED, obj=instance)
        return
    before = getattr(instance, "_audit_before", None)
    if not before:
        return
    changes = [
        f"{field}: {_yes_no(before[field])} → {_yes_no(getattr(instance, field))}"
        for field in ACCOUNT_FIELDS
        if before[field] != getattr(instance, field)
    ]
    if before["password"] != instance.password:
        changes.append("wachtwoord gewijzigd")
    if changes:
        record(AuditAction.ACCOUNT_CHANGED, obj=instance, detail="; ".join(changes))


def _account_deleted(sender, instance, **kwargs):
    record(AuditAction.ACCOUNT_DELETED, obj=instance)


# --- memberships (roles) ---------------------------------------------------------------------


def _membership_before(sender, instance, **kwargs):
    old = None
    if instance.pk is not None:
        old = sender._default_manager.filter(pk=instance.pk).first()
    instance._audit_before = str(old) if old is not None else None


def _membership_saved(sender, instance, created, **kwargs):
    before = getattr(instance, "_audit_before", None)
    if created:
        record(
            AuditAction.MEMBERSHIP_ADDED,
            obj=instance.user,
            detail=f"rol: {instance}",
        )
    elif before != str(instance):
        record(
            AuditAction.MEMBERSHIP_CHANGED,
            obj=instance.user,
            detail=f"rol was: {before}; nu: {instance}",
        )


def _membership_deleted(sender, instance, **kwargs):
    user_model = get_user_model()
    user = user_model._default_manager.filter(pk=instance.user_id).first()
    record(
        AuditAction.MEMBERSHIP_REMOVED,
        obj=user,
        object_repr=None if user else f"gebruiker {instance.user_id}",
        detail=f"rol: {instance}",
    )


# --- second factor devices removed (in the admin or by the user) -----------------------------


def _device_deleted(sender, instance, **kwargs):
    user_model = get_user_model()
    user = user_model._default_manager.filter(pk=instance.user_id).first()
    record(
        AuditAction.OTP_REMOVED,
        obj=user,
        detail=f"{sender._meta.verbose_name}: {instance.name}",
    )


# --- deletions -------------------------------------------------------------------------------


def _deleted(sender, instance, **kwargs):
    record(AuditAction.DELETED, obj=instance)


def connect():
    user_logged_in.connect(on_logged_in, dispatch_uid="audit_login")
    user_login_failed.connect(on_login_failed, dispatch_uid="audit_login_failed")
    user_logged_out.connect(on_logged_out, dispatch_uid="audit_logout")
    user_locked_out.connect(on_locked_out, dispatch_uid="audit_lockout")

    user_model = settings.AUTH_USER_MODEL
    pre_save.connect(_account_before, sender=user_model, dispatch_uid="audit_account_pre")
    post_save.connect(_account_after, sender=user_model, dispatch_uid="audit_account")
    post_delete.connect(_account_deleted, sender=user_model, dispatch_uid="audit_account_del")

    membership = getattr(settings, "AUDIT_MEMBERSHIP_MODEL", MEMBERSHIP_MODEL)
    pre_save.connect(_membership_before, sender=membership, dispatch_uid="audit_membership_pre")
    post_save.connect(_membership_saved, sender=membership, dispatch_uid="audit_membership")
    post_delete.connect(_membership_deleted, sender=membership, dispatch_uid="audit_membership_del")

    for label in OTP_DEVICE_MODELS:
        post_delete.connect(_device_deleted, sender=label, dispatch_uid=f"audit_otp_del_{label}")

    for label in getattr(settings, "AUDIT_TRACK_DELETIONS", ()):
        post_delete.connect(_deleted, sender=label, dispatch_uid=f"audit_deleted_{label}")
