"""The portal's Prometheus metrics (prometheus-client).

prometheus-client rather than django-prometheus: the portal needs its own metrics (outbox,
reports, imports, logins) and the multi-process mode for gunicorn and Celery's pool either
way; django-prometheus would add database engine and cache backend wrappers (changing
DATABASES' ENGINE) for the two things a middleware and one execute wrapper give here.

Counters and histograms are counted in the process that sees the event; with
PROMETHEUS_MULTIPROC_DIR set (the image's entrypoint sets it) every process of a node writes
them to that directory and the scrape adds them up. What lives in the database (outbox rows
per state, the oldest waiting one, beat's heartbeat) is read at scrape time.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterator
from typing import Any

from django.db.backends.signals import connection_created

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from . import context

# prometheus-client switches to multi-process mode when the variable merely exists; an empty
# one means "off" here, and a named directory that is missing is made (a process started
# outside the entrypoint, e.g. `manage.py` in a probe, must not fail on it).
if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
    if not os.environ["PROMETHEUS_MULTIPROC_DIR"]:
        del os.environ["PROMETHEUS_MULTIPROC_DIR"]
    else:
        os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)

LATENCY_BUCKETS = (0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 10.0, 30.0)

HTTP_REQUESTS = Counter(
    "ghnt_http_requests", "HTTP requests answered, per view", ["view", "method", "status"]
)
HTTP_LATENCY = Histogram(
    "ghnt_http_request_duration_seconds",
    "Time to answer a request, per view",
    ["view"],
    buckets=LATENCY_BUCKETS,
)
DB_QUERIES = Counter(
    "ghnt_db_queries", "Database queries, per view or task that made them", ["source"]
)
TASKS = Counter("ghnt_celery_tasks", "Celery task runs, per outcome", ["task", "outcome"])
TASK_DURATION = Histogram(
    "ghnt_celery_task_duration_seconds", "Celery task run time", ["task"], buckets=LATENCY_BUCKETS
)
REPORTS = Counter(
    "ghnt_report_generations", "Report PDFs generated, per outcome (done, failed)", ["outcome"]
)
REPORT_DURATION = Histogram(
    "ghnt_report_generation_duration_seconds",
    "Time to generate a report's PDF",
    ["outcome"],
    buckets=(0.5, 1, 2.5, 5, 10, 30, 60, 120, 300),
)
REMINDERS = Counter("ghnt_reminders_sent", "Status update reminders sent by e-mail")
NOTIFICATIONS = Counter("ghnt_notifications_sent", "Notification e-mails sent, per kind", ["kind"])
IMPORT_ROWS = Counter(
    "ghnt_import_rows", "Rows of uploaded imports, per outcome (imported, rejected)", ["outcome"]
)
LOGIN_FAILURES = Counter("ghnt_login_failures", "Failed logins")
LOCKOUTS = Counter("ghnt_lockouts", "Accounts locked out after repeated failed logins")
DASHBOARD_CACHE = Counter(
    "ghnt_dashboard_cache_requests", "Dashboard cache lookups, per result (hit, miss)", ["result"]
)


def multiprocess_dir() -> str:
    return os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")


class DatabaseCollector(Collector):
    """What the database knows, read at scrape time: outbox rows per state, the age of the
    oldest waiting one, and beat's heartbeat (ghnt_portal/health.py)."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        try:
            families = list(self._read())
        except Exception:  # the database is away: the process's own counters still count
            families = []
        yield GaugeMetricFamily(
            "ghnt_database_readable",
            "1 when this scrape could read the outbox and beat's heartbeat from the database",
            value=1 if families else 0,
        )
        yield from families

    def _read(self) -> Iterator[GaugeMetricFamily]:
        from django.db.models import Count, Min
        from django.utils import timezone

        from django_celery_beat.models import PeriodicTask

        from ghnt_portal.health import HEARTBEAT_TASK_NAME
        from ghnt_portal.outbox.constants import WAITING_STATES, OutboxState
        from ghnt_portal.outbox.models import OutboxTask

        now = timezone.now()
        rows = GaugeMetricFamily(
            "ghnt_outbox_tasks", "Outbox rows (background work) per state", labels=["state"]
        )
        counts = dict(OutboxTask.objects.order_by().values_list("state").annotate(n=Count("pk")))
        for state in OutboxState.values:
            rows.add_metric([state], counts.get(state, 0))
        yield rows
        oldest = OutboxTask.objects.filter(state__in=WAITING_STATES).aggregate(
            oldest=Min("created_at")
        )["oldest"]
        yield GaugeMetricFamily(
            "ghnt_outbox_oldest_waiting_age_seconds",
            "Age of the oldest outbox row not yet started (queued or sent); 0 when none waits",
            value=(now - oldest).total_seconds() if oldest else 0.0,
        )
        beat = (
            PeriodicTask.objects.filter(name=HEARTBEAT_TASK_NAME)
            .values_list("last_run_at", flat=True)
            .first()
        )
        if beat is not None:
            yield GaugeMetricFamily(
                "ghnt_beat_heartbeat_age_seconds",
                "Seconds since beat last sent its heartbeat task",
                value=(now - beat).total_seconds(),
            )


def scrape_registry() -> CollectorRegistry:
    """The registry a scrape reads: every process's counters, plus the database's figures."""
    from prometheus_client import REGISTRY

    registry = CollectorRegistry(auto_describe=False)
    if multiprocess_dir():
        _SettledFilesCollector(registry)
    else:
        registry.register(_ProcessCollector(REGISTRY))
    registry.register(DatabaseCollector())
    return registry


def _settled(path: str) -> bool:
    try:
        return os.path.getsize(path) > 0
    except OSError:  # gone: a dead process's file removed meanwhile
        return False


class _SettledFilesCollector(MultiProcessCollector):
    """Every process's files, less one a new process (a fresh pool child) has created but not
    yet sized: reading it at that moment failed the whole scrape (struct.error)."""

    def collect(self) -> Iterator[Any]:
        files = glob.glob(os.path.join(self._path, "*.db"))
        return iter(self.merge([f for f in files if _settled(f)], accumulate=True))


class _ProcessCollector(Collector):
    """This process's own metrics (no PROMETHEUS_MULTIPROC_DIR: `make run`, tests)."""

    def __init__(self, source: CollectorRegistry) -> None:
        self.source = source

    def collect(self) -> Iterator[Any]:
        return iter(self.source.collect())


def _count_query(execute: Callable[..., Any], sql: str, params: Any, many: bool, ctx: Any) -> Any:
    info = context.current()
    DB_QUERIES.labels(info.get("view") or info.get("task") or "other").inc()
    return execute(sql, params, many, ctx)


def _install_query_counter(sender: Any, connection: Any, **kwargs: Any) -> None:
    # The wrapper list belongs to the connection object, which outlives a reconnect.
    if _count_query not in connection.execute_wrappers:
        connection.execute_wrappers.append(_count_query)


def connect() -> None:
    connection_created.connect(_install_query_counter, dispatch_uid="metrics_query_counter")
