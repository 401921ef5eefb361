import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ghnt_portal.settings")

# Every task of the portal records its runs of outbox work (ghnt_portal/outbox/worker.py).
app = Celery("ghnt_portal", task_cls="ghnt_portal.outbox.worker:TrackedTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# JSON logs with the request id, task metrics, the worker's metrics port (before the worker
# sets up its logging: connected when this module is imported).
from ghnt_portal.observability.celery import connect_signals  # noqa: E402

connect_signals()
