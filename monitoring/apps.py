from django.apps import AppConfig
from django.db.models.signals import post_migrate


class MonitoringConfig(AppConfig):
    verbose_name = "Monitoring en rapportage"
    name = "monitoring"

    def ready(self):
        from .reports.triggers import reinstall_after_migrate

        # SQLite drops a table's triggers when a migration rebuilds the table.
        post_migrate.connect(reinstall_after_migrate, sender=self)
        from .uitvraag.triggers import reinstall_after_migrate as reinstall_sheet_triggers

        post_migrate.connect(reinstall_sheet_triggers, sender=self)
        # Report finalise/send/download and imports go to the audit trail.
        from . import audit

        audit.connect()

        # The start page (programmes, the ground floor) shows the reports.
        from .reports.start import register_panels

        register_panels()

        # E-mail before a report date (ghnt_portal.notifications).
        from .reports.notifications import register_events

        register_events()
        from .uitvraag.notifications import register_events as register_uitvraag_events

        register_uitvraag_events()
        # A report once sent gets its digest for the national picture.
        from django.db.models.signals import post_save

        from .models import ProgressReport
        from .national.digest import on_report_saved

        post_save.connect(on_report_saved, sender=ProgressReport, dispatch_uid="national_digest")

        # The dashboard cache hears every change that affects a dashboard.
        from .dashboard import cache

        cache.connect()
        # After a change, the programme's dashboard is computed again in the background.
        from .dashboard import warm

        cache.on_change = warm.schedule
        # After a migration (a deployment, a database made afresh from a template) nothing
        # cached before it is read again.
        post_migrate.connect(cache.bump_all_after_migrate, sender=self)

        # Documents attach to this app's records (programmes/documents/registry.py).
        from .reports.documents import register_attachables as register_document_parents

        register_document_parents()
