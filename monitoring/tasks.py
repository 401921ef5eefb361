"""The app's Celery tasks, where `app.autodiscover_tasks()` looks for them.

Each task lives with its feature; importing it here registers it with Celery.
"""

from monitoring.dashboard.tasks import warm_dashboard
from monitoring.imports.tasks import check_import, forget_unconfirmed_imports, run_import
from monitoring.national.tasks import generate_national_document, remind_uitvraag
from monitoring.reports.tasks import generate_due_reports, generate_report, notify_report_due
from monitoring.uitvraag.tasks import notify_published

__all__ = [
    "check_import",
    "forget_unconfirmed_imports",
    "generate_due_reports",
    "generate_national_document",
    "generate_report",
    "notify_published",
    "notify_report_due",
    "remind_uitvraag",
    "run_import",
    "warm_dashboard",
]
