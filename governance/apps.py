from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    verbose_name = "Besluitvorming"
    name = "governance"

    def ready(self) -> None:
        # The start page (programmes, one floor down) shows the toezeggingen that are due.
        from .views.start import register_panels

        register_panels()

        # E-mail when a toezegging is due (ghnt_portal.notifications).
        from .notifications import register_events as register_notification_events

        register_notification_events()

        # The region calendar (.ics) is kept per region and user until its data changes.
        from .ical import watch_own_models

        watch_own_models()
