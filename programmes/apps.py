from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    verbose_name = "Actieprogramma's"
    name = "programmes"
