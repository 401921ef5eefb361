from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "ghnt_portal.notifications"
    label = "notifications"
    verbose_name = "Meldingen per e-mail"
    default_auto_field = "django.db.models.BigAutoField"
