from django.apps import AppConfig


class GhntPortalConfig(AppConfig):
    name = "ghnt_portal"
    verbose_name = "GHNT-portaal"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import checks  # noqa: F401  (registers the deployment checks)
        from .accounts import policy

        user_logged_in.connect(policy.on_logged_in, dispatch_uid="accounts_logged_in")

        from .observability import receivers

        receivers.connect()
