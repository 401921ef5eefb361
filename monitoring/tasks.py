"""The app's Celery tasks, where `app.autodiscover_tasks()` looks for them.

Each task lives with its feature; importing it here registers it with Celery.
"""

from monitoring.dashboard.tasks import warm_dashboard
from monitoring.reports.tasks import generate_due_reports, generate_report, notify_report_due

__all__ = ["generate_due_reports", "generate_report", "notify_report_due", "warm_dashboard"]
