from django.apps import AppConfig


class ActionsConfig(AppConfig):
    verbose_name = "Acties en begroting"
    name = "actions"

    def ready(self) -> None:
        # Governance (one floor down) shows milestone deadlines in its region calendar
        # without importing actions: actions registers them.
        from governance.ical import register_calendar_source

        from .services.calendar import milestone_events

        register_calendar_source(milestone_events)
        # ... and its kept calendars go stale when a milestone or an action's code changes.
        from governance.ical import watch

        from .models import Action, Milestone

        # The programme is mostly loaded already (forms, services): no query then.
        watch(Milestone, lambda m: m.programme.region_id)
        watch(Action, lambda a: a.programme.region_id)

        # The start page (programmes, ground floor) shows what a user must do next.
        from .views.start import register_panels

        register_panels()

        # E-mail notifications about status updates (ghnt_portal.notifications).
        from .services.notifications import register_events

        register_events()

        # Documents attach to this app's records (programmes/documents/registry.py).
        from .documents import register_attachables as register_document_parents

        register_document_parents()

        # Search finds this app's records (programmes/search/registry.py).
        from .search import register_search_sources

        register_search_sources()
