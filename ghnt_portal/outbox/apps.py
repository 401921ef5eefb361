from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "ghnt_portal.outbox"
    label = "outbox"
    verbose_name = "Achtergrondtaken"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import worker

        worker.connect_signals()
