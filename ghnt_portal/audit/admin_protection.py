"""Records that prove who did what are never deleted or changed through the admin.

Beside the audit trail itself this covers models of other apps, named in
settings.AUDIT_PROTECTED_MODELS ("app_label.ModelName"): django-axes' access and failure
logs, the report download records. Their registered ModelAdmin keeps viewing, but loses
add, change and delete (also the bulk delete action). Runs in AuditConfig.ready(), after the
admin has discovered every app's admin module.
"""

from django.apps import apps
from django.conf import settings
from django.contrib import admin


def _deny(self, request, obj=None):
    return False


def protect(model_admin):
    """Swap the instance's class for a subclass without add, change and delete."""
    cls = type(model_admin)
    if getattr(cls, "_audit_protected", False):
        return

    class Protected(cls):  # type: ignore[valid-type,misc]
        _audit_protected = True
        has_add_permission = _deny
        has_change_permission = _deny
        has_delete_permission = _deny

        def get_actions(self, request):
            actions = super().get_actions(request)
            actions.pop("delete_selected", None)
            return actions

    Protected.__name__ = Protected.__qualname__ = f"Protected{cls.__name__}"
    model_admin.__class__ = Protected


def protect_registered_models(site=admin.site):
    for label in getattr(settings, "AUDIT_PROTECTED_MODELS", ()):
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        model_admin = site._registry.get(model)
        if model_admin is not None:
            protect(model_admin)
