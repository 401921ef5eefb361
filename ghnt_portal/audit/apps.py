from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "ghnt_portal.audit"
    label = "audit"
    verbose_name = "Audittrail"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import admin_protection, receivers

        receivers.connect()
        admin_protection.protect_registered_models()
