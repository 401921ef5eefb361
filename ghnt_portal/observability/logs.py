"""Log lines as one JSON object each (LOG_FORMAT=json) with the request's context.

python-json-logger rather than structlog: the portal, Django, Celery, gunicorn and axes all
log through the standard library, and one formatter on the one handler turns every line
into JSON without changing a single logging call (structlog would need its processor chain
bridged into the standard library for all of them).

Fields: timestamp, level, logger, event (the message), then what the context holds
(request_id, user_id, region, view; task and task_id in a worker) and a call's `extra`.
Only ids go in: never a name, e-mail address, password, token or BSN.
"""

from __future__ import annotations

import logging
from typing import Any

from pythonjsonlogger.json import JsonFormatter as _JsonFormatter

from . import context

CONTEXT_FIELDS = ("request_id", "user_id", "region", "view", "task", "task_id")


class ContextFilter(logging.Filter):
    """Puts the current request's (or task's) ids on every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        for key, value in context.current().items():
            if key in CONTEXT_FIELDS and not hasattr(record, key):
                setattr(record, key, value)
        return True


class JsonFormatter(_JsonFormatter):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("fmt", "%(levelname)s %(name)s %(message)s")
        kwargs.setdefault(
            "rename_fields", {"levelname": "level", "name": "logger", "message": "event"}
        )
        kwargs.setdefault("timestamp", True)  # ISO 8601 in UTC
        kwargs.setdefault("json_ensure_ascii", False)
        super().__init__(*args, **kwargs)


def logging_config(log_format: str, level: str) -> dict[str, Any]:
    """settings.LOGGING: plain lines (as before) or JSON, on stderr, with the context."""
    handler: dict[str, Any] = {"class": "logging.StreamHandler", "filters": ["context"]}
    if log_format == "json":
        handler["formatter"] = "json"
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"context": {"()": "ghnt_portal.observability.logs.ContextFilter"}},
        "formatters": {"json": {"()": "ghnt_portal.observability.logs.JsonFormatter"}},
        "handlers": {"console": handler},
        "root": {"handlers": ["console"], "level": level},
        # WeasyPrint logs every layout step at INFO; keep its warnings (missing fonts, CSS).
        "loggers": {
            "weasyprint": {"level": "WARNING"},
            "fontTools": {"level": "WARNING"},
        },
    }
