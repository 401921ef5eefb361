"""The worker's and beat's side: JSON logs through the same settings.LOGGING, the request id
carried from the request that enqueued a task into the task's log lines, task counts and
durations, and the worker's own metrics port (METRICS_PORT)."""

from __future__ import annotations

import logging
import logging.config
import os
import threading
import time
from typing import Any

from django.conf import settings

from . import context
from .metrics import TASK_DURATION, TASKS

logger = logging.getLogger(__name__)

HEADER = "request_id"
_running: dict[str, tuple[Any, float]] = {}


def _setup_logging(**kwargs: Any) -> None:
    """Celery configures no logging of its own: settings.LOGGING applies, as in the web."""
    logging.config.dictConfig(settings.LOGGING)
    logging.captureWarnings(True)  # Python's warnings as JSON lines too


def _before_publish(headers: dict | None = None, **kwargs: Any) -> None:
    """A task sent while a request (or a task) runs carries its request id."""
    rid = context.request_id()
    if headers is not None and rid and not headers.get(HEADER):
        headers[HEADER] = rid


def _prerun(task_id: str = "", task: Any = None, **kwargs: Any) -> None:
    request = getattr(task, "request", None)
    # The sender's id (a message header); run in-process (eager), the request's own.
    rid = (request.get(HEADER) if request is not None else None) or context.request_id() or task_id
    values = {"request_id": rid, "task": getattr(task, "name", ""), "task_id": task_id}
    token = context._context.set({k: v for k, v in values.items() if v})
    _running[task_id] = (token, time.perf_counter())


def _postrun(task_id: str = "", task: Any = None, state: str | None = None, **kwargs: Any) -> None:
    token, started = _running.pop(task_id, (None, None))
    name = getattr(task, "name", "") or "unknown"
    if started is not None:
        TASK_DURATION.labels(name).observe(time.perf_counter() - started)
    TASKS.labels(name, (state or "unknown").lower()).inc()
    if token is not None:
        context._context.reset(token)


def _serve_metrics(sender: Any = None, **kwargs: Any) -> None:
    """In the worker's main process: /metrics on METRICS_PORT, with the bearer token."""
    port = int(os.environ.get("METRICS_PORT") or 0)
    if not port:
        return
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    from .endpoint import wsgi_app

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # scrapes are not news
            pass

    server = make_server(
        os.environ.get("METRICS_ADDRESS", "0.0.0.0"), port, wsgi_app, handler_class=QuietHandler
    )
    threading.Thread(target=server.serve_forever, name="metrics", daemon=True).start()
    logger.info("Metrics on port %s", port)


def connect_signals() -> None:
    from celery.signals import (
        before_task_publish,
        setup_logging,
        task_postrun,
        task_prerun,
        worker_ready,
    )

    if settings.LOG_FORMAT == "json":
        setup_logging.connect(_setup_logging, dispatch_uid="obs_setup_logging", weak=False)
    before_task_publish.connect(_before_publish, dispatch_uid="obs_publish", weak=False)
    task_prerun.connect(_prerun, dispatch_uid="obs_prerun", weak=False)
    task_postrun.connect(_postrun, dispatch_uid="obs_postrun", weak=False)
    worker_ready.connect(_serve_metrics, dispatch_uid="obs_metrics_port", weak=False)
