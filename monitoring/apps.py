from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    verbose_name = "Monitoring en rapportage"
    name = "monitoring"

    def ready(self):
        from . import audit

        audit.connect()
