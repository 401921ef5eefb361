import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ghnt_portal.settings")

# Every task of the portal records its runs of outbox work (ghnt_portal/outbox/worker.py).
app = Celery("ghnt_portal", task_cls="ghnt_portal.outbox.worker:TrackedTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
