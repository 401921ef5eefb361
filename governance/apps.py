from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    verbose_name = "Besluitvorming"
    name = "governance"
