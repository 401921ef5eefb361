"""The request (or task) a log line and a query belong to, in a context variable: set by the
request middleware and by the worker before each task, read by the log filter and the
metrics."""

from __future__ import annotations

import contextlib
import contextvars
import re
import uuid
from collections.abc import Iterator
from typing import Any

_context: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "ghnt_log_context", default=None
)

# A request id from outside (a proxy's X-Request-ID) is used only when it is short and plain:
# it is written into every log line and a response header.
_VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{1,100}$")


def new_request_id(given: str | None = None) -> str:
    if given and _VALID_ID.match(given):
        return given
    return uuid.uuid4().hex


def current() -> dict[str, Any]:
    return _context.get() or {}


def request_id() -> str:
    return str(current().get("request_id") or "")


def update(**values: Any) -> None:
    """Add fields to the current context (the view once it is resolved, the user)."""
    ctx = _context.get()
    if ctx is not None:
        ctx.update({k: v for k, v in values.items() if v not in (None, "")})


@contextlib.contextmanager
def bound(**values: Any) -> Iterator[dict[str, Any]]:
    ctx = {k: v for k, v in values.items() if v not in (None, "")}
    token = _context.set(ctx)
    try:
        yield ctx
    finally:
        _context.reset(token)
