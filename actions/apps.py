from django.apps import AppConfig


class ActionsConfig(AppConfig):
    verbose_name = "Acties en begroting"
    name = "actions"
