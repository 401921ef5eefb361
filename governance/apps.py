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

        # Documents attach to this app's records (programmes/documents/registry.py).
        from .documents import register_attachables as register_document_parents

        register_document_parents()

        # Search finds this app's records (programmes/search/registry.py).
        from .search import register_search_sources

        register_search_sources()

        # The region calendar (.ics) is kept per region and user until its data changes.
        from .ical import watch_own_models

        watch_own_models()
